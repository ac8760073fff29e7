package web

import (
	"encoding/json"
	"slices"
)

// Chunks are the scripts of each page module of the SPA beyond what its
// entry already loads (index.html names those), read from Vite's manifest
// (dist/.vite/manifest.json): module (e.g. "src/pages/Listing.tsx") →
// absolute paths of its chunk and the chunks it imports.
type Chunks map[string][]string

// manifestEntry is what Chunks reads of a manifest's entry.
type manifestEntry struct {
	File    string   `json:"file"`
	IsEntry bool     `json:"isEntry"`
	Imports []string `json:"imports"`
}

// ChunksFromManifest reads a Vite manifest. An empty or missing one gives
// no chunks (pages are then served without preloads).
func ChunksFromManifest(raw []byte) (Chunks, error) {
	if len(raw) == 0 {
		return Chunks{}, nil
	}
	var m map[string]manifestEntry
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	closure := func(key string, seen map[string]bool) {
		var visit func(string)
		visit = func(k string) {
			if seen[k] {
				return
			}
			seen[k] = true
			for _, i := range m[k].Imports {
				visit(i)
			}
		}
		visit(key)
	}
	loaded := map[string]bool{} // what the entry loads anyway
	for k, e := range m {
		if e.IsEntry {
			closure(k, loaded)
		}
	}
	out := Chunks{}
	for k, e := range m {
		if e.IsEntry || e.File == "" {
			continue
		}
		mine := map[string]bool{}
		closure(k, mine)
		var files []string
		for dep := range mine {
			if !loaded[dep] && m[dep].File != "" {
				files = append(files, "/"+m[dep].File)
			}
		}
		slices.Sort(files)
		out[k] = files
	}
	return out, nil
}

// MessagesModule is the module of a language's public messages (the SPA's
// vite.config.ts builds one per language and part).
func MessagesModule(lang string) string { return "virtual:messages/" + lang + "/public" }
