package httpapi

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/validate"
)

// The codes an error carries are found in the source rather than listed by
// hand, so a code added anywhere without its texts fails TestEveryCodeHasTexts.
//
// The walk starts from the two places a code enters an error: the Code of an
// errs.Error (a problem code) and the Code of an errs.FieldError (a field
// code) written as composite literals. When such a Code is a parameter of the
// function around it (errs.New's code, errs.NewField's code), that function
// forwards codes, and so does any function that passes its own parameter on to
// it (errs.Field, validate.Checker.Add); calls of forwarders with a literal
// code are the places codes are emitted. Codes must be string literals or
// constants of the same package, so that this stays true.

// codeSite is one place that emits an error code.
type codeSite struct {
	pos   string
	field bool // errors[].code, else the problem's code
	code  string
	// params are the keys given with a field code, when every key is a
	// literal in the call (paramsKnown).
	params      []string
	paramsKnown bool
}

// forwarder is a function that passes one of its parameters on as a code.
type forwarder struct {
	codeArg   int  // which argument is the code
	field     bool // a field code
	paramsArg int  // where the variadic key, value pairs start; -1 if none
}

type codeScan struct {
	fset    *token.FileSet
	files   []*scanFile
	forward map[string]forwarder // "pkg.Func" for functions, ".Method" for methods
	sites   []codeSite
	unknown []string // codes that are not statically visible
}

type scanFile struct {
	pkg     string
	file    *ast.File
	imports map[string]bool   // names the file imports packages under
	consts  map[string]string // the package's string constants
}

// scanCodes parses every non-test Go file under roots.
func scanCodes(roots ...string) (*codeScan, error) {
	s := &codeScan{fset: token.NewFileSet(), forward: map[string]forwarder{}}
	consts := map[string]map[string]string{} // by directory
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(s.fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			dir := filepath.Dir(path)
			if consts[dir] == nil {
				consts[dir] = map[string]string{}
			}
			sf := &scanFile{pkg: f.Name.Name, file: f, imports: map[string]bool{}, consts: consts[dir]}
			for _, im := range f.Imports {
				p, _ := strconv.Unquote(im.Path.Value)
				name := p[strings.LastIndexByte(p, '/')+1:]
				if im.Name != nil {
					name = im.Name.Name
				}
				sf.imports[name] = true
			}
			for _, decl := range f.Decls {
				if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.CONST {
					for _, spec := range g.Specs {
						vs := spec.(*ast.ValueSpec)
						for i, n := range vs.Names {
							if i < len(vs.Values) {
								if v, ok := stringLit(vs.Values[i]); ok {
									sf.consts[n.Name] = v
								}
							}
						}
					}
				}
			}
			s.files = append(s.files, sf)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// Find forwarders until no new one appears, then the sites.
	for {
		n := len(s.forward)
		s.sites, s.unknown = nil, nil
		for _, f := range s.files {
			s.walk(f)
		}
		if len(s.forward) == n {
			return s, nil
		}
	}
}

func stringLit(e ast.Expr) (string, bool) {
	if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
		v, err := strconv.Unquote(b.Value)
		return v, err == nil
	}
	return "", false
}

// walk visits every function of f with its parameters in scope.
func (s *codeScan) walk(f *scanFile) {
	for _, decl := range f.file.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok {
			ast.Inspect(decl, func(n ast.Node) bool { s.visit(f, nil, n); return true })
			continue
		}
		ast.Inspect(fd, func(n ast.Node) bool { s.visit(f, fd, n); return true })
	}
}

// funcKey names fd the way calls of it are matched.
func funcKey(pkg string, fd *ast.FuncDecl) string {
	if fd.Recv != nil {
		return "." + fd.Name.Name
	}
	return pkg + "." + fd.Name.Name
}

// params lists fd's parameter names and where a variadic one is.
func params(fd *ast.FuncDecl) (names []string, variadic int) {
	variadic = -1
	for _, field := range fd.Type.Params.List {
		if _, ok := field.Type.(*ast.Ellipsis); ok {
			variadic = len(names)
		}
		if len(field.Names) == 0 {
			names = append(names, "_")
		}
		for _, n := range field.Names {
			names = append(names, n.Name)
		}
	}
	return names, variadic
}

// code resolves one code expression: a literal or constant gives a site, a
// parameter of fd makes fd a forwarder.
func (s *codeScan) code(f *scanFile, fd *ast.FuncDecl, e ast.Expr, field bool, site func(code string)) {
	if v, ok := stringLit(e); ok {
		site(v)
		return
	}
	if id, ok := e.(*ast.Ident); ok {
		if v, ok := f.consts[id.Name]; ok {
			site(v)
			return
		}
		if fd != nil {
			names, variadic := params(fd)
			if i := slices.Index(names, id.Name); i >= 0 {
				key := funcKey(f.pkg, fd)
				if _, known := s.forward[key]; !known {
					s.forward[key] = forwarder{codeArg: i, field: field, paramsArg: variadic}
				}
				return
			}
		}
	}
	s.unknown = append(s.unknown, fmt.Sprintf("%s: code %s is neither a string literal, a constant nor a parameter",
		s.fset.Position(e.Pos()), types.ExprString(e)))
}

// errsType reports whether t names errs.Error or errs.FieldError.
func errsType(f *scanFile, t ast.Expr) (field, ok bool) {
	var name string
	switch t := t.(type) {
	case *ast.Ident:
		if f.pkg != "errs" {
			return false, false
		}
		name = t.Name
	case *ast.SelectorExpr:
		if x, isIdent := t.X.(*ast.Ident); !isIdent || x.Name != "errs" || !f.imports["errs"] {
			return false, false
		}
		name = t.Sel.Name
	default:
		return false, false
	}
	switch name {
	case "Error":
		return false, true
	case "FieldError":
		return true, true
	}
	return false, false
}

func (s *codeScan) visit(f *scanFile, fd *ast.FuncDecl, n ast.Node) {
	switch n := n.(type) {
	case *ast.CompositeLit:
		field, ok := errsType(f, n.Type)
		if ok {
			s.codeFields(f, fd, n, field)
			return
		}
		// []errs.FieldError{{Field: …, Code: …}}: the elements' type is elided.
		if at, isArray := n.Type.(*ast.ArrayType); isArray {
			if field, ok := errsType(f, at.Elt); ok {
				for _, el := range n.Elts {
					if lit, isLit := el.(*ast.CompositeLit); isLit && lit.Type == nil {
						s.codeFields(f, fd, lit, field)
					}
				}
			}
		}
	case *ast.CallExpr:
		var key string
		switch fn := n.Fun.(type) {
		case *ast.Ident:
			key = f.pkg + "." + fn.Name
		case *ast.SelectorExpr:
			if x, ok := fn.X.(*ast.Ident); ok && f.imports[x.Name] {
				key = x.Name + "." + fn.Sel.Name
			} else {
				key = "." + fn.Sel.Name
			}
		}
		fw, ok := s.forward[key]
		if !ok || len(n.Args) <= fw.codeArg {
			return
		}
		arg := n.Args[fw.codeArg]
		if strings.HasPrefix(key, ".") {
			// A method matched by name only: another type's method of that
			// name takes no string there (time.Time.Add) or no code
			// (http.Header.Add("Vary", "Origin")); codes are snake_case.
			if b, isLit := arg.(*ast.BasicLit); isLit && (b.Kind != token.STRING || !codeShape.MatchString(strings.Trim(b.Value, "`\""))) {
				return
			}
			if _, isIdent := arg.(*ast.Ident); !isIdent {
				if _, isLit := arg.(*ast.BasicLit); !isLit {
					return
				}
			}
		}
		s.code(f, fd, arg, fw.field, func(code string) {
			site := codeSite{pos: s.fset.Position(arg.Pos()).String(), field: fw.field, code: code}
			if fw.paramsArg >= 0 && n.Ellipsis == token.NoPos {
				site.paramsKnown = true
				for i := fw.paramsArg; i < len(n.Args); i += 2 {
					k, isLit := stringLit(n.Args[i])
					if !isLit {
						site.paramsKnown = false
						break
					}
					site.params = append(site.params, k)
				}
			}
			s.sites = append(s.sites, site)
		})
	}
}

var codeShape = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

var textParam = regexp.MustCompile(`\{(\w+)\}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range textParam.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// problemsOf checks sites against the texts and lists what is wrong.
func problemsOf(sites []codeSite, problems, fields map[string]text) []string {
	var out []string
	emitted := map[string]bool{}
	for _, s := range sites {
		kind, texts := "problem", problems
		if s.field {
			kind, texts = "field", fields
		}
		emitted[kind+":"+s.code] = true
		t, ok := texts[s.code]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s: %s code %q has no text", s.pos, kind, s.code))
			continue
		case t.vi == "" || t.en == "":
			out = append(out, fmt.Sprintf("%s: %s code %q lacks its vi or en text", s.pos, kind, s.code))
			continue
		}
		if !s.paramsKnown && s.field {
			continue
		}
		for _, p := range placeholders(t.vi + t.en) {
			if !slices.Contains(s.params, p) {
				out = append(out, fmt.Sprintf("%s: %s code %q: the text uses {%s}, which is not given here", s.pos, kind, s.code, p))
			}
		}
	}
	for kind, texts := range map[string]map[string]text{"problem": problems, "field": fields} {
		for code, t := range texts {
			if !emitted[kind+":"+code] {
				out = append(out, fmt.Sprintf("%s code %q has a text but nothing emits it", kind, code))
			}
			if vi, en := placeholders(t.vi), placeholders(t.en); !slices.Equal(vi, en) {
				out = append(out, fmt.Sprintf("%s code %q: vi uses %v, en uses %v", kind, code, vi, en))
			}
		}
	}
	sort.Strings(out)
	return out
}

func TestEveryCodeHasTexts(t *testing.T) {
	t.Parallel()
	s, err := scanCodes("..", "../../cmd")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range s.unknown {
		t.Error(u)
	}
	// The walk itself must have found the ways codes are made.
	for _, key := range []string{"errs.New", "errs.NewField", "errs.Field", ".Add"} {
		if _, ok := s.forward[key]; !ok {
			t.Errorf("%s was not recognised as taking a code", key)
		}
	}
	if len(s.sites) < 200 {
		t.Errorf("only %d places emit codes; the walk is broken", len(s.sites))
	}
	for _, p := range problemsOf(s.sites, problemTitles, fieldMessages) {
		t.Error(p)
	}
}

// TestCodeScanFindsNewCodes shows the walk catches a code added in any of
// the usual ways without a text, and a text whose placeholder is not given.
func TestCodeScanFindsNewCodes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := map[string]string{
		"errs/errs.go": `package errs
type Error struct{ Code string; Fields []FieldError }
type FieldError struct{ Field, Code string }
func New(kind int, code string) *Error { return &Error{Code: code} }
func NewField(field, code string, params ...any) FieldError { return FieldError{Field: field, Code: code} }
func Field(field, code string, params ...any) *Error { return &Error{Code: "validation_failed", Fields: []FieldError{NewField(field, code, params...)}} }
`,
		"validate/validate.go": `package validate
import "example.com/errs"
type Checker struct{ fields []errs.FieldError }
func (c *Checker) Add(field, code string, params ...any) { c.fields = append(c.fields, errs.NewField(field, code, params...)) }
`,
		"shop/shop.go": `package shop
import ("net/http"; "time"; "example.com/errs"; "example.com/validate")
const codeGone = "gone"
var ErrGone = errs.New(1, codeGone)
var ErrLit = &errs.Error{Code: "literal_problem", Fields: []errs.FieldError{{Field: "email", Code: "taken"}}}
func check(c *validate.Checker, t time.Time) error {
	c.Add("name", "too_short", "min", 3)
	c.Add("name", "brand_new")
	_ = t.Add(1)
	http.Header{}.Add("Vary", "Origin")
	return errs.Field("price", "too_high")
}
`,
	}
	for name, body := range src {
		path := filepath.Join(dir, name)
		if err := mkdirWrite(path, body); err != nil {
			t.Fatal(err)
		}
	}
	s, err := scanCodes(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.unknown) > 0 {
		t.Fatalf("unknown: %v", s.unknown)
	}
	problems := map[string]text{"validation_failed": {"a", "a"}, "gone": {"b", "b"}, "literal_problem": {"c", "c"}}
	fields := map[string]text{"too_short": {"ít nhất {min}", "at least {min}"}, "too_high": {"tối đa {max}", "at most {max}"}}
	got := strings.Join(problemsOf(s.sites, problems, fields), "\n")
	for _, want := range []string{`field code "brand_new" has no text`, `field code "taken" has no text`, `field code "too_high": the text uses {max}`} {
		if !strings.Contains(got, want) {
			t.Errorf("the report misses %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, `"too_short"`) || strings.Contains(got, `"gone"`) || strings.Contains(got, `"literal_problem"`) {
		t.Errorf("codes with texts reported:\n%s", got)
	}
	if strings.Contains(got, "Origin") {
		t.Errorf("a header taken for a code:\n%s", got)
	}
	delete(problems, "gone")
	if got := strings.Join(problemsOf(s.sites, problems, fields), "\n"); !strings.Contains(got, `problem code "gone" has no text`) {
		t.Errorf("a constant code without text is not reported:\n%s", got)
	}
}

func mkdirWrite(path, body string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(body), 0o644)
}

// codeFields reads the Code of an errs.Error or errs.FieldError literal.
func (s *codeScan) codeFields(f *scanFile, fd *ast.FuncDecl, lit *ast.CompositeLit, field bool) {
	for _, el := range lit.Elts {
		kv, isKV := el.(*ast.KeyValueExpr)
		if !isKV {
			continue
		}
		if k, isIdent := kv.Key.(*ast.Ident); isIdent && k.Name == "Code" {
			s.code(f, fd, kv.Value, field, func(code string) {
				s.sites = append(s.sites, codeSite{pos: s.fset.Position(kv.Value.Pos()).String(), field: field, code: code})
			})
		}
	}
}

// TestServerTextsInTheAskedLanguage checks what a client shows as it comes:
// field messages with amounts grouped as people read them, and a rate-limited
// problem that says when to come back.
func TestServerTextsInTheAskedLanguage(t *testing.T) {
	t.Parallel()
	app := fiber.New(fiber.Config{ErrorHandler: errorHandler(slog.New(slog.DiscardHandler), false)})
	app.Get("/limited", func(*fiber.Ctx) error { return errs.RateLimited(250 * time.Second) })
	app.Get("/share", func(*fiber.Ctx) error {
		var c validate.Checker
		c.Add("requested", "above_share", "percent", 50, "max", int64(750000000))
		c.Add("title", "too_long", "max", 200)
		return c.Err()
	})
	get := func(path, lang string) problem {
		t.Helper()
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Accept-Language", lang)
		res, err := app.Test(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var p problem
		if err := json.NewDecoder(res.Body).Decode(&p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for lang, want := range map[string][3]string{
		"vi":             {"Quá nhiều lần thử. Hãy thử lại sau 5 phút.", "Vượt tỷ lệ hỗ trợ tối đa 50% tổng kinh phí (tối đa 750.000.000 đồng).", "Tối đa 200 ký tự."},
		"en-GB,en;q=0.9": {"Too many attempts. Try again in 5 minutes.", "Above the maximum share of 50% of the total cost (at most 750,000,000 VND).", "Use at most 200 characters."},
	} {
		p := get("/limited", lang)
		if got := p.Title + " " + p.Detail; got != want[0] {
			t.Errorf("%s: rate limited says %q, want %q", lang, got, want[0])
		}
		p = get("/share", lang)
		if len(p.Errors) != 2 || p.Errors[0].Message != want[1] || p.Errors[1].Message != want[2] {
			t.Errorf("%s: field messages %+v, want %q and %q", lang, p.Errors, want[1], want[2])
		}
	}
	if got := retryDetail(30*time.Second, "en"); got != "Try again in a minute." {
		t.Errorf("half a minute: %q", got)
	}
}
