// Package frontend embeds the built single-page app. `npm run build` writes
// it into dist/; the committed dist/.gitkeep keeps `go build` working on a
// machine without Node, and the server then shows a page saying how to build
// the SPA.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist is the built SPA (index.html and assets/).
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err)
	}
	return sub
}
