package app

import (
	"context"

	"github.com/techmart-vn/techmart/internal/migrate"
	"github.com/techmart-vn/techmart/internal/store"
)

// migrations bring data written by older releases up to this one, in order;
// each must be idempotent (a crash part-way runs it again). Add one at the
// end whenever a release changes what is stored in a way older data lacks.
var migrations = []migrate.Migration{
	{Version: 1, About: "schema versions are recorded (data of releases before 2026-12)",
		Up: func(context.Context, *store.Store) error { return nil }},
}

// SchemaVersion is the version of the data this binary writes.
var SchemaVersion = migrate.Latest(migrations)
