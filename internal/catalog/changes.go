package catalog

import "sync"

// Changes tells whoever listens which listing a write touched. It is built
// before the catalog and handed to it and to its listeners (the indexer,
// matching), so none of them needs another to exist first.
type Changes struct {
	mu   sync.RWMutex
	subs []func(id string)
}

// Subscribe calls f with the id of every listing written from now on. f
// must not block.
func (c *Changes) Subscribe(f func(id string)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.subs = append(c.subs, f)
}

// publish tells every subscriber; a nil *Changes has none.
func (c *Changes) publish(id string) {
	if c == nil {
		return
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, f := range c.subs {
		f(id)
	}
}

// onChange tells the listeners that listing id was written.
func (s *Service) onChange(id string) { s.changes.publish(id) }
