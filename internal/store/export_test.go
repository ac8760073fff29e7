package store

import "context"

// OpenWithoutIDIndexFix opens the embedded store as FerretDB alone would
// leave it, so the benchmark can show what the _id expression index buys.
func OpenWithoutIDIndexFix(ctx context.Context, dataDir string) (*Store, error) {
	return Open(ctx, Config{DataDir: dataDir, noIDIndexFix: true})
}
