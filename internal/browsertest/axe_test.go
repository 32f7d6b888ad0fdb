package browsertest_test

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/browsertest"
	"github.com/khuyenhoc/khuyenhoc/internal/site"
)

// axeModes are the ways every page is checked with axe-core: every rule on
// a phone and on a desktop, then on the desktop page switched to dark mode
// the rules about colour (the theme's colours change with
// prefers-color-scheme; nothing else does, so the page is not reloaded).
var axeModes = []struct {
	name   string
	width  int
	scheme string
	reload bool
	rules  []string // nil: every rule
}{
	{"360", 360, "light", true, nil},
	{"1280", 1280, "light", true, nil},
	{"1280-dark", 1280, "dark", false, []string{"color-contrast", "link-in-text-block"}},
}

// searchQuery is typed into the search page, so that results are shown
// when axe looks at it.
const searchQuery = "?q=quy+khuyen+hoc"

// TestAxe runs axe-core (every rule on by default: WCAG 2.x A and AA, and
// best practices) on one page of each kind — home, article, meeting,
// cluster, province, data, dataset and search with results — of the sample
// site and of a generated site of 1,000 articles, in the modes of axeModes.
// Every violation fails the test, with its rule, impact, the selector of
// each element and what to fix.
//
// It needs Chromium and axe-core (see the package documentation and
// tools.go); without either it is skipped, unless KHUYENHOC_BROWSER=required.
func TestAxe(t *testing.T) {
	t.Parallel() // beside the HTML checker, which runs Java
	axe := browsertest.Axe(t)
	b := browsertest.Start(t)
	t.Run("sample", func(t *testing.T) {
		axeSite(t, b, axe, buildSample(t, site.Options{}))
	})
	t.Run("generated-"+strconv.Itoa(corpusArticles), func(t *testing.T) {
		axeSite(t, b, axe, buildCorpus(t))
	})
}

func axeSite(t *testing.T, b *browsertest.Browser, axe, out string) {
	base := browsertest.Serve(t, out, "/")
	for _, sp := range samplePages(t, out) {
		t.Run(sp.name, func(t *testing.T) {
			t.Parallel() // a tab each
			p := b.NewPage(t)
			for _, m := range axeModes {
				start := time.Now()
				p.EmulateMedia(t, "", m.scheme)
				if m.reload {
					p.SetViewport(t, m.width)
					openSample(t, p, base, sp, false)
				}
				loaded := time.Now()
				vs := p.Axe(t, axe, m.rules...)
				t.Logf("%s at %s: %d violation(s) (load %s, axe %s)", sp.path+sp.query, m.name, len(vs),
					loaded.Sub(start).Round(time.Millisecond), time.Since(loaded).Round(time.Millisecond))
				for _, v := range vs {
					t.Errorf("%s at %s: %s", sp.path+sp.query, m.name, v)
				}
			}
		})
	}
}

// waitFor waits up to 10 s until an element matches selector.
func waitFor(t *testing.T, p *browsertest.Page, selector string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); p.Count(t, selector) == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no element matches %s after 10s", selector)
		}
	}
}

// axeCanary breaks three rules axe-core checks.
const axeCanary = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>canary</title></head>
<body><main>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#aaa;background:#fff">faint text</p>
</main></body></html>`

// TestAxeFindsViolations checks the helper: axe-core runs in the page and
// its violations come back with their rule, impact and elements.
func TestAxeFindsViolations(t *testing.T) {
	axe := browsertest.Axe(t)
	b := browsertest.Start(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(axeCanary), 0o644); err != nil {
		t.Fatal(err)
	}
	p := b.NewPage(t)
	p.Open(t, browsertest.Serve(t, dir, "/"))
	var ids []string
	for _, v := range p.Axe(t, axe) {
		ids = append(ids, v.ID)
		if v.Impact == "" || v.Help == "" || len(v.Nodes) == 0 || len(v.Nodes[0].Target) == 0 {
			t.Errorf("violation without impact, help or element: %+v", v)
		}
	}
	for _, want := range []string{"html-has-lang", "image-alt", "color-contrast"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe-core did not report %s; reported %q", want, ids)
		}
	}
}
