package site

// A Hugo-style harness for whole-site tests: a site is written as a txtar
// archive in the test, the repository's real default theme is laid under
// it, and the test asserts on the files the build writes.
//
//	r := buildTxtar(t, `
//	-- site.toml --
//	title = "…"
//	…
//	-- content/news/a.md --
//	…`)
//	r.AssertFileContent(t, "tin-tuc/a/index.html", "<h1>…</h1>", "! <script>")

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// txtarFile is one file of a txtar archive.
type txtarFile struct {
	Name string
	Data []byte
}

// parseTxtar reads an archive in the golang.org/x/tools/txtar format: an
// optional comment, then files, each introduced by a line "-- NAME --" and
// holding every line up to the next marker. (The module does not depend on
// x/tools, and the format is this small.)
func parseTxtar(archive string) []txtarFile {
	var files []txtarFile
	cur := -1
	for line := range strings.Lines(archive) {
		text := strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if strings.HasPrefix(text, "-- ") && strings.HasSuffix(text, " --") && len(text) >= len("-- x --") {
			name := strings.TrimSpace(text[3 : len(text)-3])
			files = append(files, txtarFile{Name: name})
			cur = len(files) - 1
			continue
		}
		if cur >= 0 {
			files[cur].Data = append(files[cur].Data, line...)
		}
	}
	return files
}

// themeFiles is themes/default of the repository, read once per test binary
// and shared (read-only) by every site the tests build.
//
// A large static file (the 1 MB ECharts bundle) is replaced by a short
// stub of the same name: no page assertion depends on its bytes, and
// copying it made up most of a small site's build time. TestSampleSite
// builds with the real files and checks they are copied unchanged.
var themeFiles = sync.OnceValues(func() (map[string][]byte, error) {
	root := filepath.Join("..", "..", "themes", "default")
	files := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		if strings.HasPrefix(p, "static/") && len(b) > stubOver {
			b = []byte("/* " + p + ": stubbed by the test harness */\n")
		}
		files["themes/default/"+p] = b
		return err
	})
	return files, err
})

// stubOver is the size above which a theme's static file is stubbed.
const stubOver = 256 << 10

// txtarFS turns an archive into a site folder: the theme first, then the
// archive's files, so an archive may replace a theme file. A later file of
// the archive replaces an earlier one of the same name, which lets a test
// write baseSite + "-- site.toml --\n…" to change one file of a fixture.
func txtarFS(t testing.TB, archive string, withTheme bool) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	if withTheme {
		theme, err := themeFiles()
		if err != nil {
			t.Fatalf("reading the default theme: %v", err)
		}
		for name, b := range theme {
			fsys[name] = &fstest.MapFile{Data: b, Mode: 0o644}
		}
	}
	for _, f := range parseTxtar(archive) {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

// txtarConfig is what the harness options set.
type txtarConfig struct {
	site    Options
	build   BuildOptions
	noTheme bool
	wantErr bool
}

type txtarOption func(*txtarConfig)

// withDrafts publishes drafts (--drafts).
func withDrafts() txtarOption { return func(c *txtarConfig) { c.site.Drafts = true } }

// withToday sets the day after which articles are future-dated.
func withToday(d civil.Date) txtarOption { return func(c *txtarConfig) { c.site.Today = d } }

// withBaseURL overrides base_url (--base-url).
func withBaseURL(u string) txtarOption { return func(c *txtarConfig) { c.site.BaseURL = u } }

// withOutput builds into dir instead of a fresh t.TempDir()/public.
func withOutput(dir string) txtarOption { return func(c *txtarConfig) { c.build.Output = dir } }

// withSource names the site's folder on disk (BuildOptions.Source).
func withSource(dir string) txtarOption { return func(c *txtarConfig) { c.build.Source = dir } }

// withForce replaces an output folder khuyenhoc did not create (--force).
func withForce() txtarOption { return func(c *txtarConfig) { c.build.Force = true } }

// withDryRun renders and checks but writes nothing (khuyenhoc check).
func withDryRun() txtarOption { return func(c *txtarConfig) { c.build.DryRun = true } }

// withEditable builds so that EditArticle and SearchUpdate can follow.
func withEditable() txtarOption { return func(c *txtarConfig) { c.build.Editable = true } }

// withoutTheme leaves out the repository's theme.
func withoutTheme() txtarOption { return func(c *txtarConfig) { c.noTheme = true } }

// expectErrors says the load or build must fail: buildTxtar then fails the
// test when there is no error, and returns the result for assertions on
// Diags instead of stopping at the first error.
func expectErrors() txtarOption { return func(c *txtarConfig) { c.wantErr = true } }

// siteResult is a loaded, and possibly built, txtar site.
type siteResult struct {
	Site  *Site
	Stats *Stats
	// Out is the output folder ("" after loadTxtar or a dry run).
	Out  string
	FS   fs.FS
	list *diag.List // load and build diagnostics together
}

// loadTxtar loads the site of the archive and returns it with whatever
// diagnostics Load reported, without failing the test: for tests that
// expect load errors.
func loadTxtar(t testing.TB, archive string, opts ...txtarOption) *siteResult {
	t.Helper()
	c := newTxtarConfig(opts)
	return loadFS(t, txtarFS(t, archive, !c.noTheme), opts...)
}

// buildTxtar loads and builds the site of the archive into a fresh folder
// (or the one given withOutput). Unless expectErrors is given, any error
// fails the test with every diagnostic printed; warnings are kept in
// Diags for the test to check.
func buildTxtar(t testing.TB, archive string, opts ...txtarOption) *siteResult {
	t.Helper()
	c := newTxtarConfig(opts)
	return buildFS(t, txtarFS(t, archive, !c.noTheme), opts...)
}

func newTxtarConfig(opts []txtarOption) txtarConfig {
	var c txtarConfig
	for _, o := range opts {
		o(&c)
	}
	return c
}

// loadFS loads the site in fsys, like loadTxtar.
func loadFS(t testing.TB, fsys fs.FS, opts ...txtarOption) *siteResult {
	t.Helper()
	c := newTxtarConfig(opts)
	s, l := Load(fsys, c.site)
	l.AttachSources(fsys)
	return &siteResult{Site: s, FS: fsys, list: l}
}

// buildFS loads and builds the site in fsys, like buildTxtar.
func buildFS(t testing.TB, fsys fs.FS, opts ...txtarOption) *siteResult {
	t.Helper()
	c := newTxtarConfig(opts)
	if c.build.Output == "" && !c.build.DryRun {
		c.build.Output = filepath.Join(t.TempDir(), "public")
	}
	r := loadFS(t, fsys, opts...)
	if r.list.HasErrors(false) {
		if !c.wantErr {
			t.Fatalf("loading the site failed:\n%s", r.diagText())
		}
		return r
	}
	stats, bl := r.Site.Build(context.Background(), c.build)
	bl.AttachSources(fsys)
	r.list.Merge(bl)
	r.Stats = stats
	if !c.build.DryRun {
		r.Out = c.build.Output
	}
	switch failed := bl.HasErrors(false); {
	case failed && !c.wantErr:
		t.Fatalf("building the site failed:\n%s", r.diagText())
	case !failed && c.wantErr:
		t.Fatalf("the build succeeded; want errors. Diagnostics:\n%s", r.diagText())
	}
	return r
}

// Diags returns every load and build diagnostic, sorted.
func (r *siteResult) Diags() []diag.Diagnostic { return r.list.Sorted() }

// Errors and Warnings return the diagnostics of one severity.
func (r *siteResult) Errors() []diag.Diagnostic   { return r.bySeverity(diag.Error) }
func (r *siteResult) Warnings() []diag.Diagnostic { return r.bySeverity(diag.Warning) }

func (r *siteResult) bySeverity(s diag.Severity) []diag.Diagnostic {
	return slices.DeleteFunc(r.Diags(), func(d diag.Diagnostic) bool { return d.Severity != s })
}

// diagText prints every diagnostic as the command line would.
func (r *siteResult) diagText() string {
	ds := r.Diags()
	if len(ds) == 0 {
		return "(no diagnostics)\n"
	}
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(diag.Format(d))
	}
	return b.String()
}

// AssertNoDiags fails unless there is neither error nor warning.
func (r *siteResult) AssertNoDiags(t testing.TB) {
	t.Helper()
	if len(r.Diags()) > 0 {
		t.Errorf("want no diagnostics, got:\n%s", r.diagText())
	}
}

// AssertDiag fails unless one diagnostic, as diag.Format prints it (with
// "file:line:col: severity: message" and its hint), contains every substring.
func (r *siteResult) AssertDiag(t testing.TB, subs ...string) diag.Diagnostic {
	t.Helper()
	for _, d := range r.Diags() {
		text := diag.Format(d)
		if !slices.ContainsFunc(subs, func(s string) bool { return !strings.Contains(text, s) }) {
			return d
		}
	}
	t.Errorf("no diagnostic contains all of %q; got:\n%s", subs, r.diagText())
	return diag.Diagnostic{}
}

func (r *siteResult) path(t testing.TB, name string) string {
	t.Helper()
	if r.Out == "" {
		t.Fatalf("%s: the site was not built into a folder", name)
	}
	return filepath.Join(r.Out, filepath.FromSlash(name))
}

// ReadFile returns an output file ("tin-tuc/a/index.html"), failing the test
// if it was not written.
func (r *siteResult) ReadFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(r.path(t, name))
	if err != nil {
		t.Fatalf("%v\noutput files:\n%s\ndiagnostics:\n%s", err, strings.Join(r.FileNames(t), "\n"), r.diagText())
	}
	return string(b)
}

// AssertFileContent checks that the output file holds every substring; one
// written "! text" must not appear.
func (r *siteResult) AssertFileContent(t testing.TB, name string, subs ...string) {
	t.Helper()
	content := r.ReadFile(t, name)
	var failed []string
	for _, s := range subs {
		if neg, ok := strings.CutPrefix(s, "! "); ok {
			if strings.Contains(content, neg) {
				failed = append(failed, "must not contain: "+neg)
			}
		} else if !strings.Contains(content, s) {
			failed = append(failed, "must contain: "+s)
		}
	}
	if len(failed) > 0 {
		t.Errorf("%s:\n  %s\n--- %s ---\n%s\n--- diagnostics ---\n%s", name, strings.Join(failed, "\n  "), name, content, r.diagText())
	}
}

// AssertOrder checks that the output file holds the substrings in this
// order, each after the previous one.
func (r *siteResult) AssertOrder(t testing.TB, name string, subs ...string) {
	t.Helper()
	content := r.ReadFile(t, name)
	rest := content
	for _, s := range subs {
		i := strings.Index(rest, s)
		if i < 0 {
			t.Errorf("%s: %q does not come after %q (or is missing)\n--- %s ---\n%s", name, s, subs, name, content)
			return
		}
		rest = rest[i+len(s):]
	}
}

// AssertExists checks that each output file was written.
func (r *siteResult) AssertExists(t testing.TB, names ...string) {
	t.Helper()
	for _, name := range names {
		if _, err := os.Stat(r.path(t, name)); err != nil {
			t.Errorf("%s was not written: %v\noutput files:\n%s", name, err, strings.Join(r.FileNames(t), "\n"))
		}
	}
}

// AssertNoFile checks that no output file (or folder) has the name.
func (r *siteResult) AssertNoFile(t testing.TB, names ...string) {
	t.Helper()
	for _, name := range names {
		if _, err := os.Stat(r.path(t, name)); err == nil {
			t.Errorf("%s was written; want no such file", name)
		}
	}
}

// FileNames lists every output file, slash-separated, sorted.
func (r *siteResult) FileNames(t testing.TB) []string {
	t.Helper()
	return slices.Sorted(maps.Keys(snapshot(t, r.Out)))
}

// Files returns every output file by name.
func (r *siteResult) Files(t testing.TB) map[string][]byte {
	t.Helper()
	return snapshot(t, r.Out)
}

// snapshot reads every file under dir, by slash-separated relative name.
func snapshot(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return files
}

// diffFiles describes how two snapshots differ, or returns "".
func diffFiles(a, b map[string][]byte) string {
	var out []string
	for name, x := range a {
		y, ok := b[name]
		switch {
		case !ok:
			out = append(out, "only in the first: "+name)
		case !bytes.Equal(x, y):
			out = append(out, "differs: "+name+firstDifference(x, y))
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			out = append(out, "only in the second: "+name)
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-40)
	return "\n    first: …" + string(a[from:min(len(a), i+40)]) + "…\n    second: …" + string(b[from:min(len(b), i+40)]) + "…"
}

// htmlAttr is one attribute of one element of a page.
type htmlAttr struct {
	Tag, Key, Val string
	Rel           string // the element's rel attribute, if any
}

// htmlAttrs returns every attribute named in keys ("href", "src") of every
// element of an HTML document, in document order.
func htmlAttrs(doc []byte, keys ...string) []htmlAttr {
	var out []htmlAttr
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		rel := ""
		for _, a := range tok.Attr {
			if a.Key == "rel" {
				rel = a.Val
			}
		}
		for _, a := range tok.Attr {
			if slices.Contains(keys, a.Key) {
				out = append(out, htmlAttr{Tag: tok.Data, Key: a.Key, Val: a.Val, Rel: rel})
			}
		}
	}
}
