// Package theme loads a site's look: html/template layouts and static files.
//
// A theme is a folder themes/NAME/ with
//
//	layouts/base.html     the page frame; defines "base" and calls {{block "main" .}}
//	layouts/partials/*.html  shared pieces, each {{define "name"}}…{{end}}
//	layouts/KIND.html     one file per page kind (home, article, meeting, …),
//	                      each defining "main" (and optionally "head")
//	static/…              copied to the site root as is
//
// A site overrides any of these file by file: layouts/article.html in the
// site folder replaces the theme's, static/css/site.css likewise. Templates
// are parsed once at load and executed concurrently.
//
// Besides the site's own functions, layouts can call
//
//	{{partialCached "name" .}}
//
// which renders the partial "name" once for each distinct value and reuses
// the HTML every other time, for the life of the Theme (one build). The
// value must be comparable, such as a pointer to a page's view; anything
// else is rendered every time. A card shown on a hundred list pages is thus
// rendered once: on a large site this is most of the template work.
// partialCached uses the partials as parsed from partials/*.html, not a
// redefinition inside a page kind's layout.
//
// The first page of each kind, and the first rendering of each partial, go
// through html/template; after that the escaped templates run on
// internal/tmplexec, which writes the same bytes without html/template's
// reflection (a page's templates cost about a third as much). Functions a
// site gives the theme should therefore be pure: after an error the page
// is executed again by html/template, for its message.
package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/tmplexec"
)

// Theme is a parsed theme. It is safe for concurrent use.
type Theme struct {
	Name    string
	kinds   map[string]*layout
	static  []fs.FS           // site's static first, then the theme's
	dirs    []string          // the folder of each static layer
	sources map[string]string // layout name → file it came from

	root     *template.Template  // base and partials, for partialCached
	partials map[string]*partial // the templates of root, for partialCached
	funcs    template.FuncMap    // the site's functions and partialCached
	ids      map[string][]string // layout name → the ids it writes literally
}

// partial is a template partialCached renders, and the HTML it rendered
// for each value. The values are kept in a map of their own for each
// partial under a lock, not in one sync.Map: a card of every article
// makes the map large, and a sync.Map's tree then costs several cache
// misses a look-up where a map costs one or two.
type partial struct {
	layout *layout
	mu     sync.RWMutex
	cached map[any]template.HTML
}

// layout is a template to execute (a page kind's "base", or a partial),
// and the same made fast once html/template has escaped it (see package
// tmplexec).
type layout struct {
	tpl   *template.Template
	name  string
	funcs template.FuncMap
	once  sync.Once
	fast  atomic.Pointer[tmplexec.Program]
}

// Verify, when set, makes every page render both with html/template and
// with the fast path, and report the first difference as an error. Tests
// set it.
var Verify atomic.Bool

// Load parses the theme NAME from fsys (the site folder) with the site's
// overrides, reporting template errors with their file and line.
func Load(fsys fs.FS, name string, funcs template.FuncMap, l *diag.List) *Theme {
	t := &Theme{Name: name, kinds: map[string]*layout{}, sources: map[string]string{}, ids: map[string][]string{}}
	themeDir := path.Join("themes", name)
	if _, err := fs.Stat(fsys, themeDir); err != nil {
		d := l.Errorf(diag.Pos{File: themeDir}, "theme %q not found", name)
		d.Hint = "the site folder needs themes/" + name + "/ (copy themes/default from khuyenhoc), or set theme in site.toml"
		return t
	}
	layouts := overlay(fsys, path.Join(themeDir, "layouts"), "layouts", l)
	t.sources = layouts
	for _, dir := range []string{"static", path.Join(themeDir, "static")} {
		if sub, err := fs.Sub(fsys, dir); err == nil {
			if _, err := fs.Stat(fsys, dir); err == nil {
				t.static = append(t.static, sub)
				t.dirs = append(t.dirs, dir)
			}
		}
	}
	base, ok := layouts["base.html"]
	if !ok {
		l.Errorf(diag.Pos{File: path.Join(themeDir, "layouts", "base.html")}, "theme has no base.html layout")
		return t
	}
	all := template.FuncMap{"partialCached": t.partialCached}
	for k, f := range funcs {
		if k != "partialCached" {
			all[k] = f
		}
	}
	t.funcs = all
	root := template.New("base").Funcs(all)
	t.root = root
	if !t.parseFile(root, fsys, "base.html", base, l) {
		return t
	}
	var partials []string
	for name := range layouts {
		if strings.HasPrefix(name, "partials/") {
			partials = append(partials, name)
		}
	}
	slices.Sort(partials)
	for _, p := range partials {
		t.parseFile(root, fsys, p, layouts[p], l)
	}
	t.partials = map[string]*partial{}
	for _, tpl := range root.Templates() {
		name := tpl.Name()
		t.partials[name] = &partial{layout: &layout{tpl: root, name: name, funcs: all}, cached: map[any]template.HTML{}}
	}
	for name, file := range layouts {
		if strings.Contains(name, "/") || name == "base.html" {
			continue
		}
		kind := strings.TrimSuffix(name, ".html")
		tpl, err := root.Clone()
		if err != nil {
			l.Errorf(diag.Pos{File: file}, "%v", err)
			continue
		}
		if t.parseFile(tpl, fsys, name, file, l) {
			t.kinds[kind] = &layout{tpl: tpl, name: "base", funcs: all}
		}
	}
	return t
}

// overlay lists layout files: the theme's, replaced by the site's own.
func overlay(fsys fs.FS, themeDir, siteDir string, l *diag.List) map[string]string {
	files := map[string]string{}
	for _, dir := range []string{themeDir, siteDir} {
		_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if !errors.Is(err, fs.ErrNotExist) {
					l.Errorf(diag.Pos{File: p}, "cannot read: %v", err)
				}
				return nil
			}
			if !d.IsDir() && path.Ext(p) == ".html" {
				files[strings.TrimPrefix(p, dir+"/")] = p
			}
			return nil
		})
	}
	return files
}

// parseFile parses the layout name (read from file) into tpl and notes the
// ids it writes literally.
func (t *Theme) parseFile(tpl *template.Template, fsys fs.FS, name, file string, l *diag.List) bool {
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		l.Errorf(diag.Pos{File: file}, "cannot read: %v", err)
		return false
	}
	if _, err := tpl.New(file).Parse(string(b)); err != nil {
		reportTemplateError(file, b, err, l)
		return false
	}
	for _, m := range literalID.FindAllSubmatch(b, -1) {
		t.ids[name] = append(t.ids[name], string(m[1]))
	}
	return true
}

// literalID finds id="x" written as is, not made by an action.
var literalID = regexp.MustCompile(`\bid="([^"{}]+)"`)

// LiteralIDs lists, sorted, the ids that the page frame, the partials and
// the layout of kind write as they are (id="noi-dung"), so that content
// placed in such a page can avoid them.
func (t *Theme) LiteralIDs(kind string) []string {
	var ids []string
	for name, in := range t.ids {
		if name == "base.html" || name == kind+".html" || strings.HasPrefix(name, "partials/") {
			ids = append(ids, in...)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// reportTemplateError turns "template: f:12: unexpected …" into a
// positioned diagnostic.
func reportTemplateError(file string, src []byte, err error, l *diag.List) {
	msg := err.Error()
	line := 0
	if _, rest, ok := strings.Cut(msg, file+":"); ok {
		fmt.Sscanf(rest, "%d", &line)
		if _, m, ok := strings.Cut(rest, ": "); ok {
			msg = m
		}
	}
	s := diag.NewSource(file, src)
	d := s.Errorf(l, diag.Pos{File: file, Line: line}, "template: %s", msg)
	d.Hint = "see https://pkg.go.dev/text/template for the template syntax"
}

// partialCached renders the partial name with data once per distinct data.
func (t *Theme) partialCached(name string, data any) (template.HTML, error) {
	p, ok := t.partials[name]
	if !ok {
		// Not a template: html/template says so.
		return renderPartial(&layout{tpl: t.root, name: name, funcs: t.funcs}, data)
	}
	if data == nil || !reflect.TypeOf(data).Comparable() {
		return renderPartial(p.layout, data)
	}
	p.mu.RLock()
	h, ok := p.cached[data]
	p.mu.RUnlock()
	if ok {
		return h, nil
	}
	h, err := renderPartial(p.layout, data)
	if err != nil {
		return "", err
	}
	if v := reflect.ValueOf(data); v.Kind() == reflect.String {
		// The text may be a view of memory its owner reuses (an
		// article's HTML is made in its render worker's scratch): the
		// cache keeps a copy of its own.
		c := reflect.New(v.Type()).Elem()
		c.SetString(strings.Clone(v.String()))
		data = c.Interface()
	}
	p.mu.Lock()
	p.cached[data] = h
	p.mu.Unlock()
	return h, nil
}

var partialBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func renderPartial(k *layout, data any) (template.HTML, error) {
	b := partialBufs.Get().(*bytes.Buffer)
	defer partialBufs.Put(b)
	b.Reset()
	if err := k.execute(b, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// Has reports whether the theme has a layout for the page kind.
func (t *Theme) Has(kind string) bool { _, ok := t.kinds[kind]; return ok }

// Kinds lists the page kinds the theme has layouts for.
func (t *Theme) Kinds() []string {
	var out []string
	for k := range t.kinds {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Render executes the layout of kind with data.
//
// The first page of a kind is executed by html/template, which escapes
// the layout; later pages by a tmplexec.Program made from the escaped
// layout, which writes the same bytes several times faster. Anything the
// Program cannot do exactly as html/template would (an error, above all)
// is done by html/template again, so messages are html/template's.
func (t *Theme) Render(w io.Writer, kind string, data any) error {
	k, ok := t.kinds[kind]
	if !ok {
		return fmt.Errorf("theme %q has no layout %s.html", t.Name, kind)
	}
	return k.execute(w, data)
}

func (k *layout) execute(w io.Writer, data any) error {
	if p := k.fast.Load(); p != nil {
		if Verify.Load() {
			return k.verify(w, p, data)
		}
		if err := p.Execute(w, data); err != tmplexec.ErrFallback {
			return err
		}
	}
	if err := k.tpl.ExecuteTemplate(w, k.name, data); err != nil {
		return err
	}
	k.once.Do(func() {
		// A layout the Program cannot run stays with html/template.
		if p, err := tmplexec.Compile(k.tpl, k.name, k.funcs); err == nil {
			k.fast.Store(p)
		}
	})
	return nil
}

// verify renders data both ways and reports a difference.
func (k *layout) verify(w io.Writer, p *tmplexec.Program, data any) error {
	var slow, fast bytes.Buffer
	err := k.tpl.ExecuteTemplate(&slow, k.name, data)
	if ferr := p.Execute(&fast, data); err == nil && ferr != nil {
		return fmt.Errorf("tmplexec: html/template succeeded, the fast path did not: %v", ferr)
	}
	if err != nil {
		return err
	}
	if !bytes.Equal(slow.Bytes(), fast.Bytes()) {
		i := 0
		for i < min(slow.Len(), fast.Len()) && slow.Bytes()[i] == fast.Bytes()[i] {
			i++
		}
		from := max(0, i-80)
		return fmt.Errorf("tmplexec: output differs at byte %d:\nhtml/template: %q\nfast path:     %q", i, slow.Bytes()[from:min(slow.Len(), i+80)], fast.Bytes()[from:min(fast.Len(), i+80)])
	}
	_, err = w.Write(fast.Bytes())
	return err
}

// StaticDir returns the folder of the site ("static",
// "themes/default/static") that the fs.FS given to a [Theme.Static]
// callback reads, or "static" if it is not one of them.
func (t *Theme) StaticDir(fsys fs.FS) string {
	for i, s := range t.static {
		if s == fsys {
			return t.dirs[i]
		}
	}
	return "static"
}

// Static walks every static file, the site's overriding the theme's, in
// path order. fn receives the path relative to the output root.
func (t *Theme) Static(fn func(p string, fsys fs.FS) error) error {
	seen := map[string]fs.FS{}
	var paths []string
	for _, sfs := range t.static {
		err := fs.WalkDir(sfs, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if _, ok := seen[p]; !ok {
				seen[p] = sfs
				paths = append(paths, p)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	slices.Sort(paths)
	for _, p := range paths {
		if err := fn(p, seen[p]); err != nil {
			return err
		}
	}
	return nil
}

// Fast reports whether pages of kind are being rendered by the fast path.
func (t *Theme) Fast(kind string) bool {
	k, ok := t.kinds[kind]
	return ok && k.fast.Load() != nil
}
