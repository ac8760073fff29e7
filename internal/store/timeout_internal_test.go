package store

import (
	"testing"
	"time"
)

// Every operation carries a deadline (the driver's timeoutMS), so a hung
// MongoDB fails a request instead of holding it.
func TestClientOptionsBoundEveryOperation(t *testing.T) {
	o := clientOptions("mongodb://mongo:27017/?replicaSet=rs0", 7*time.Second)
	if o.Timeout == nil || *o.Timeout != 7*time.Second {
		t.Fatalf("timeout %v", o.Timeout)
	}
	if o.ServerSelectionTimeout == nil || *o.ServerSelectionTimeout != 10*time.Second {
		t.Fatalf("server selection %v", o.ServerSelectionTimeout)
	}
}
