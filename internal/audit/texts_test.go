package audit

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The audit log is read by people: every action, subject kind, changed field
// and system reason the code records must have a Vietnamese and an English
// text in the web app (frontend/src/i18n: auditActions, subjectType,
// auditFields, auditReasons). The codes are found in the source, the way
// TestEveryCodeHasTexts finds error codes, so a new action without its texts
// fails here.

// auditCodes is what the scan found, each code with where it was seen.
type auditCodes struct {
	actions, subjects, fields, reasons map[string]string
	// sentences are reasons written as prose in the code: a system reason
	// must be a code with texts, since people read the log in two languages.
	sentences []string
}

var (
	dottedCode = regexp.MustCompile(`^[a-z_]+(\.[a-z_]+)+$`)
	plainCode  = regexp.MustCompile(`^[a-z_]+$`)
)

// scanAudit parses every non-test Go file under roots.
func scanAudit(t *testing.T, roots ...string) auditCodes {
	t.Helper()
	type parsed struct {
		dir, pkg string
		file     *ast.File
	}
	fset := token.NewFileSet()
	var files []parsed
	consts := map[string]map[string]string{} // package name → constant → value
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			pkg := f.Name.Name
			files = append(files, parsed{filepath.Dir(path), pkg, f})
			if consts[pkg] == nil {
				consts[pkg] = map[string]string{}
			}
			for _, decl := range f.Decls {
				g, ok := decl.(*ast.GenDecl)
				if !ok || g.Tok != token.CONST {
					continue
				}
				for _, spec := range g.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, name := range vs.Names {
						if i < len(vs.Values) {
							if s, ok := literal(vs.Values[i]); ok {
								consts[pkg][name.Name] = s
							}
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	out := auditCodes{actions: map[string]string{}, subjects: map[string]string{}, fields: map[string]string{}, reasons: map[string]string{}}
	for _, f := range files {
		where := func(n ast.Node) string {
			p := fset.Position(n.Pos())
			return filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line)
		}
		// value resolves a literal or a constant of this or another package.
		value := func(e ast.Expr) (string, bool) {
			if s, ok := literal(e); ok {
				return s, true
			}
			switch x := e.(type) {
			case *ast.Ident:
				s, ok := consts[f.pkg][x.Name]
				return s, ok
			case *ast.SelectorExpr:
				if p, ok := x.X.(*ast.Ident); ok {
					s, ok := consts[p.Name][x.Sel.Name]
					return s, ok
				}
			}
			return "", false
		}
		isAudit := func(e ast.Expr, name string) bool {
			switch x := e.(type) {
			case *ast.SelectorExpr:
				p, ok := x.X.(*ast.Ident)
				return ok && p.Name == "audit" && x.Sel.Name == name
			case *ast.Ident:
				return f.pkg == "audit" && x.Name == name
			}
			return false
		}
		// The actions every domain declares: constants named Action…, and the
		// audit package's own.
		for name, v := range consts[f.pkg] {
			if dottedCode.MatchString(v) && (strings.HasPrefix(name, "Action") || f.pkg == "audit") {
				if _, seen := out.actions[v]; !seen {
					out.actions[v] = f.dir + " const " + name
				}
			}
		}
		ast.Inspect(f.file, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CompositeLit:
				switch {
				case isAudit(x.Type, "Entry"):
					for _, el := range x.Elts {
						kv, ok := el.(*ast.KeyValueExpr)
						if !ok {
							continue
						}
						key, _ := kv.Key.(*ast.Ident)
						if key == nil {
							continue
						}
						switch key.Name {
						case "Action":
							if v, ok := value(kv.Value); ok {
								out.actions[v] = where(kv)
							}
						case "Reason":
							if _, ok := kv.Value.(*ast.BinaryExpr); ok {
								out.sentences = append(out.sentences, where(kv)+": a reason put together from strings")
							}
							if v, ok := literal(kv.Value); ok {
								if plainCode.MatchString(v) {
									out.reasons[v] = where(kv)
								} else {
									out.sentences = append(out.sentences, where(kv)+": "+v)
								}
							}
						}
					}
				case isAudit(x.Type, "Subject"):
					for _, el := range x.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok {
							if key, _ := kv.Key.(*ast.Ident); key != nil && key.Name == "Type" {
								if v, ok := value(kv.Value); ok {
									out.subjects[v] = where(kv)
								}
							}
						}
					}
				default:
					// map[string]audit.Change{"field": …}
					if m, ok := x.Type.(*ast.MapType); ok && isAudit(m.Value, "Change") {
						for _, el := range x.Elts {
							if kv, ok := el.(*ast.KeyValueExpr); ok {
								if v, ok := literal(kv.Key); ok {
									out.fields[v] = where(kv)
								}
							}
						}
					}
				}
			case *ast.AssignStmt:
				// changes["field"] = audit.Change{…}
				for i, lhs := range x.Lhs {
					ix, ok := lhs.(*ast.IndexExpr)
					if !ok || i >= len(x.Rhs) {
						continue
					}
					if c, ok := x.Rhs[i].(*ast.CompositeLit); ok && isAudit(c.Type, "Change") {
						if v, ok := literal(ix.Index); ok {
							out.fields[v] = where(x)
						}
					}
				}
			case *ast.CallExpr:
				// An action handed to a helper that records it:
				// s.auditAdmin(c, "backup.create", e).
				name := ""
				switch fn := x.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				if strings.Contains(strings.ToLower(name), "audit") {
					for _, a := range x.Args {
						if v, ok := literal(a); ok && dottedCode.MatchString(v) {
							out.actions[v] = where(x)
						}
					}
				}
			}
			return true
		})
	}
	return out
}

func literal(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}

// lookup follows i18next's nested keys (the key separator is ".").
func lookup(texts map[string]any, key string) (string, bool) {
	var cur any = texts
	for _, part := range strings.Split(key, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return "", false
		}
		cur = m[part]
	}
	s, ok := cur.(string)
	return s, ok && strings.TrimSpace(s) != ""
}

func TestEveryAuditCodeHasTexts(t *testing.T) {
	codes := scanAudit(t, "../../internal", "../../cmd")
	// The scan must see the codes recorded in every way the code records them.
	for _, want := range []string{"connection.interest", "transfer.create", "listing.approve", "org.create", "support.application.decide", "backup.create", "match.propose"} {
		if _, ok := codes.actions[want]; !ok {
			t.Fatalf("the scan missed the action %q; found %v", want, keys(codes.actions))
		}
	}
	for _, want := range []string{"transfer", "listing", "connection", "organization", "support.application", "backup"} {
		if _, ok := codes.subjects[want]; !ok {
			t.Fatalf("the scan missed the subject %q; found %v", want, keys(codes.subjects))
		}
	}
	if _, ok := codes.reasons["seed"]; !ok {
		t.Fatalf("the scan missed the reason seed; found %v", keys(codes.reasons))
	}
	for _, s := range codes.sentences {
		t.Errorf("a system reason written as prose (make it a code with texts in auditReasons): %s", s)
	}

	typesTS, err := os.ReadFile("../../frontend/src/api/types.ts")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"vi", "en"} {
		raw, err := os.ReadFile("../../frontend/src/i18n/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var texts map[string]any
		if err := json.Unmarshal(raw, &texts); err != nil {
			t.Fatal(err)
		}
		check := func(ns string, found map[string]string) {
			for _, code := range keys(found) {
				if _, ok := lookup(texts, ns+"."+code); !ok {
					t.Errorf("%s.json has no %s.%s (recorded at %s)", lang, ns, code, found[code])
				}
			}
		}
		check("auditActions", codes.actions)
		check("subjectType", codes.subjects)
		check("auditFields", codes.fields)
		check("auditReasons", codes.reasons)
	}
	// The log's action filter offers every action.
	for _, a := range keys(codes.actions) {
		if !strings.Contains(string(typesTS), "'"+a+"'") {
			t.Errorf("AUDIT_ACTIONS in frontend/src/api/types.ts lacks %q (recorded at %s)", a, codes.actions[a])
		}
	}
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return slices.Clip(out)
}
