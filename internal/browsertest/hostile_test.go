package browsertest_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/browsertest"
	"github.com/khuyenhoc/khuyenhoc/internal/site"
)

// sentinel is installed in every document before its own scripts: every
// payload of the hostile site tries to set window.__pwned (a script, an
// event handler, a script URL), and the setter keeps what it was set to.
const sentinel = `(() => {
	const hits = [];
	Object.defineProperty(window, "__pwned", {
		configurable: false,
		get: () => hits.length ? hits.join(", ") : null,
		set: v => { hits.push(String(v)); },
	});
})();`

// audit lists what in the DOM could only come from a payload that became
// markup: an element that runs or frames content, an event handler
// attribute, a script, vbscript or data URL, an inline script that is not
// the theme's. ECharts draws inside .chart, which is left out.
const audit = `(() => {
	const bad = [];
	const show = el => el.outerHTML.slice(0, 200);
	for (const el of document.querySelectorAll("*")) {
		if (el.closest(".chart")) continue;
		if (["iframe", "object", "embed", "frame", "math", "base", "svg", "style", "textarea"].includes(el.localName)) bad.push("element: " + show(el));
		for (const a of el.attributes) {
			const n = a.name.toLowerCase();
			if (n.startsWith("on") || n === "srcdoc" || n === "formaction") bad.push("attribute " + n + ": " + show(el));
		}
		for (const k of ["href", "src", "action"]) {
			const v = el[k];
			if (typeof v === "string" && /^\s*(javascript|vbscript|data):/i.test(v)) bad.push("URL: " + show(el));
		}
	}
	for (const s of document.scripts) {
		if (!s.src && s.text.includes("__pwned") && !s.text.trimStart().startsWith("(function () {")) bad.push("script: " + s.text.slice(0, 200));
	}
	return bad;
})()`

// showTips opens the tooltip of every point of every chart, which ECharts
// writes as HTML from the series and category names.
const showTips = `(() => {
	let n = 0;
	for (const el of document.querySelectorAll(".chart")) {
		const c = typeof echarts !== "undefined" && echarts.getInstanceByDom(el);
		if (!c) continue;
		const o = c.getOption();
		(o.series || []).forEach((s, si) => (s.data || []).forEach((_, di) => {
			c.dispatchAction({type: "showTip", seriesIndex: si, dataIndex: di});
			n++;
		}));
	}
	return n;
})()`

// TestHostileSiteRunsNoScript builds internal/site/testdata/hostile, a site
// whose every free-text field holds a script payload, and loads every page
// of it in Chromium, with the charts' tooltips opened and the search run
// for the payloads: no payload may run (the sentinel stays unset), open a
// dialog, or be in the DOM as markup.
func TestHostileSiteRunsNoScript(t *testing.T) {
	b := browsertest.Start(t) // skips without Chromium, fails under KHUYENHOC_BROWSER=required
	out := buildHostile(t)
	base := browsertest.Serve(t, out, "/khuyenhoc/")
	var pages []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		pages = append(pages, strings.TrimSuffix(filepath.ToSlash(rel), "index.html"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages)
	if len(pages) < 20 {
		t.Fatalf("only %d pages", len(pages))
	}
	pages = append(pages, "tim-kiem/?q=pwned", "tim-kiem/?q=script", "tim-kiem/?q=%3Cscript%3E")

	p := b.NewPage(t)
	p.OnNewDocument(t, sentinel)
	dialogs := p.WatchDialogs(t)
	tips := 0
	for _, path := range pages {
		p.Open(t, base+path)
		if strings.HasPrefix(path, "tim-kiem/?") {
			waitForSearch(t, p)
		}
		tips += browsertest.Evaluate[int](t, p, showTips)
		time.Sleep(100 * time.Millisecond) // failed images fire onerror, timers run
		if got := browsertest.Evaluate[*string](t, p, "window.__pwned"); got != nil {
			t.Errorf("%s: a payload ran: window.__pwned set to %s", path, *got)
		}
		for _, bad := range browsertest.Evaluate[[]string](t, p, audit) {
			t.Errorf("%s: a payload is in the DOM: %s", path, bad)
		}
	}
	if d := dialogs.List(); len(d) > 0 {
		t.Errorf("dialogs opened: %q", d)
	}
	if tips == 0 {
		t.Error("no chart tooltip was opened: the hostile site has charts on its home page")
	}
	t.Logf("%d pages, %d tooltips", len(pages), tips)
	checkPayloadsShown(t, p, base)
}

// checkPayloadsShown makes sure the payloads are on the pages, as text:
// the test would pass as well if they had been dropped.
func checkPayloadsShown(t *testing.T, p *browsertest.Page, base string) {
	t.Helper()
	p.Open(t, base+"tin-tuc/tin-doc/")
	text := browsertest.Evaluate[string](t, p, "document.body.innerText")
	for _, want := range []string{
		"<script>window.__pwned='article.title'</script> Tin có mã độc",
		`<img src=x onerror="window.__pwned='image.caption'">`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the article does not show %q as text", want)
		}
	}
}

// waitForSearch waits until the search page has answered its query.
func waitForSearch(t *testing.T, p *browsertest.Page) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if browsertest.Evaluate[string](t, p, `document.getElementById("search-status").textContent`) != "" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the search did not answer within 10 s")
}

// buildHostile builds the hostile site with the repository's theme.
func buildHostile(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	fsys := fstest.MapFS{}
	for _, dir := range []struct{ from, under string }{
		{filepath.Join(root, "themes", "default"), "themes/default/"},
		{filepath.Join(root, "internal", "site", "testdata", "hostile"), ""},
	} {
		err := fs.WalkDir(os.DirFS(dir.from), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(filepath.Join(dir.from, filepath.FromSlash(p)))
			fsys[dir.under+p] = &fstest.MapFile{Data: b, Mode: 0o644}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	s, diags := site.Load(fsys, site.Options{})
	if diags.HasErrors(false) {
		t.Fatalf("loading the hostile site:\n%s", formatDiags(diags))
	}
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, diags := s.Build(ctx, site.BuildOptions{Output: out}); diags.HasErrors(false) {
		t.Fatalf("building the hostile site:\n%s", formatDiags(diags))
	}
	return out
}

// TestHostileDetectors checks the checks: on a page where payloads do run,
// the sentinel, the dialog watcher and the DOM audit all see them.
func TestHostileDetectors(t *testing.T) {
	b := browsertest.Start(t)
	dir := t.TempDir()
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title></head><body>
<script>window.__pwned = "script";</script>
<img src="missing.png" alt="" onerror="window.__pwned = 'onerror'">
<a href="javascript:void(0)">x</a>
<iframe srcdoc="<p>x</p>"></iframe>
<script>alert("hello");</script>
<p>after the alert</p>
</body></html>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	base := browsertest.Serve(t, dir, "/")
	p := b.NewPage(t)
	p.OnNewDocument(t, sentinel)
	dialogs := p.WatchDialogs(t)
	p.Open(t, base)
	time.Sleep(200 * time.Millisecond)
	if got := browsertest.Evaluate[*string](t, p, "window.__pwned"); got == nil || !strings.Contains(*got, "script") || !strings.Contains(*got, "onerror") {
		t.Errorf("the sentinel did not record the payloads: %v", got)
	}
	if d := dialogs.List(); len(d) != 1 || d[0] != "alert: hello" {
		t.Errorf("dialogs = %q, want the alert", d)
	}
	found := strings.Join(browsertest.Evaluate[[]string](t, p, audit), "\n")
	for _, want := range []string{"attribute onerror", "URL: <a", "element: <iframe", "attribute srcdoc", "script: window.__pwned"} {
		if !strings.Contains(found, want) {
			t.Errorf("the audit does not report %q; it found:\n%s", want, found)
		}
	}
	if n := p.Count(t, "p"); n != 1 {
		t.Errorf("the page stopped at the alert: %d paragraphs after it", n)
	}
}
