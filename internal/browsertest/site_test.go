package browsertest_test

import (
	"bytes"
	"cmp"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/browsertest"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/site"
)

// envScreenshots names the folder to save screenshots in (<kind>-<width>.png);
// none when unset. A relative path is relative to this package's folder,
// where go test runs.
const envScreenshots = "KHUYENHOC_SCREENSHOTS"

// maxLayoutShift is how much a page may move while it loads (cumulative
// layout shift); web.dev calls up to 0.1 good, and these pages do 0.
const maxLayoutShift = 0.01

// widths are the viewports every page is checked at: a small phone and a
// desktop.
var widths = []int{360, 1280}

// TestSampleSite builds the sample portal and checks it in Chromium: the
// charts draw, no page logs an error or asks another origin for anything,
// the chart tables are there without JavaScript, the site works under a
// base path (as on GitHub Pages), and (with KHUYENHOC_SCREENSHOTS=dir) it
// saves screenshots of one page of each kind at 360 and 1280 px.
func TestSampleSite(t *testing.T) {
	b := browsertest.Start(t) // skips here when there is no Chromium
	out := buildSample(t, site.Options{})
	base := browsertest.Serve(t, out, "/")
	origin := browsertest.Origin(base)
	pages := samplePages(t, out)
	shots := os.Getenv(envScreenshots)

	// The pages with charts: the home page and a cluster page.
	var chartPages []samplePage
	for _, p := range pages {
		if p.name == "home" || p.name == "cluster" {
			if !p.charts {
				t.Fatalf("the %s page %s has no chart; the test needs one", p.name, p.path)
			}
			chartPages = append(chartPages, p)
		}
	}

	t.Run("charts", func(t *testing.T) {
		for _, sp := range chartPages {
			t.Run(sp.name, func(t *testing.T) {
				p := b.NewPage(t)
				p.SetViewport(t, 1280)
				p.Open(t, base+sp.path)
				containers := p.Count(t, ".chart")
				counts := p.WaitForCharts(t)
				if len(counts) != containers {
					t.Errorf("%d charts drawn, want %d", len(counts), containers)
				}
				t.Logf("%s: %d chart(s), svg paths per chart %v", sp.path, len(counts), counts)
				checkClean(t, p, origin)
			})
		}
	})

	t.Run("no-javascript", func(t *testing.T) {
		for _, sp := range chartPages {
			t.Run(sp.name, func(t *testing.T) {
				p := b.NewPage(t)
				p.DisableScripts(t)
				p.Open(t, base+sp.path)
				if n := p.Count(t, ".chart svg"); n != 0 {
					t.Fatalf("%d chart svg element(s) with JavaScript disabled: scripts still ran", n)
				}
				// Each chart's numbers are in a table, shown or one click
				// away in a <details>.
				const (
					tableSel  = "table.chart-table, details.chart-data table"
					foldedSel = "details table.chart-table, details.chart-data table"
				)
				charts := p.Count(t, ".chart")
				tables := p.Count(t, tableSel)
				if charts == 0 || tables < charts {
					t.Errorf("%s without JavaScript: %d chart(s) but %d data table(s) (%s)", sp.path, charts, tables, tableSel)
				}
				if shown, folded := p.Shown(t, tableSel), p.Count(t, foldedSel); shown+folded < tables {
					t.Errorf("%s without JavaScript: of %d data tables %d are shown and %d in a <details>; the rest are hidden", sp.path, tables, shown, folded)
				}
				if rows := p.Count(t, "table.chart-table tbody tr, details.chart-data table tbody tr"); rows == 0 {
					t.Errorf("%s: the chart data tables have no rows", sp.path)
				}
				checkClean(t, p, origin)
			})
		}
	})

	// Published under a path, e.g. https://owner.github.io/khuyenhoc/, every
	// link, stylesheet and script must carry it: a root-relative one would
	// 404 (a browser log error) or leave the base path.
	t.Run("base-path", func(t *testing.T) {
		const basePath = "/khuyenhoc/"
		out := buildSample(t, site.Options{BaseURL: "https://example.org" + basePath})
		base := browsertest.Serve(t, out, basePath)
		for _, sp := range chartPages {
			t.Run(sp.name, func(t *testing.T) {
				p := b.NewPage(t)
				p.Open(t, base+strings.TrimPrefix(sp.path, "/"))
				p.WaitForCharts(t)
				origin := browsertest.Origin(base)
				checkClean(t, p, origin)
				for _, u := range p.Requests() {
					if strings.HasPrefix(u, origin+"/") && !strings.HasPrefix(u, base) {
						t.Errorf("request outside the base path %s: %s", basePath, u)
					}
				}
			})
		}
	})

	// Search under a sub-path: "dong bang song hong" typed without
	// diacritics finds the cluster "đồng bằng sông Hồng".
	t.Run("search", func(t *testing.T) {
		const basePath = "/khuyenhoc/"
		out := buildSample(t, site.Options{BaseURL: "https://example.org" + basePath})
		base := browsertest.Serve(t, out, basePath)
		p := b.NewPage(t)
		p.Open(t, base+"tim-kiem/?q=dong+bang+song+hong")
		want := `#search-results a[href="/khuyenhoc/cum-thi-dua/dong-bang-song-hong-3/"]`
		deadline := time.Now().Add(10 * time.Second)
		for p.Count(t, want) == 0 && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
		if p.Count(t, want) != 1 {
			t.Fatalf("no result links to the cluster page (%s)", want)
		}
		if p.Count(t, "#search-results mark") == 0 {
			t.Error("the matched words are not highlighted")
		}
		if p.Count(t, "p.notice") != 0 {
			t.Error("the no-JavaScript notice shows while JavaScript runs")
		}
		checkClean(t, p, browsertest.Origin(base))

		off := b.NewPage(t)
		off.DisableScripts(t)
		off.Open(t, base+"tim-kiem/?q=dong+bang")
		if off.Shown(t, "p.notice") != 1 || off.Count(t, `p.notice a[href="/khuyenhoc/hoi-nghi/"]`) != 1 {
			t.Error("without JavaScript the search page must say so and link to the archive")
		}
	})

	// The same pages from a server that sends each page in pieces, as a
	// slow connection does: the browser may show a page before it has read
	// all of it, and nothing shown may move when the rest arrives (a menu
	// pushed right by the search box, table columns widening with later
	// rows). On a busy machine this happens by chance in "pages" too.
	t.Run("streamed", func(t *testing.T) {
		base := browsertest.ServeSlowly(t, out, "/", 256, 30*time.Millisecond)
		for _, sp := range pages {
			for _, w := range widths {
				t.Run(sp.name+"-"+strconv.Itoa(w), func(t *testing.T) {
					p := b.NewPage(t)
					p.SetViewport(t, w)
					openSample(t, p, base, sp, false)
					checkClean(t, p, browsertest.Origin(base))
					shift := p.LayoutShift(t)
					t.Logf("%s: layout shift %.4f", sp.path+sp.query, shift)
					if shift > maxLayoutShift {
						t.Errorf("%s: layout shift %.4f while loading slowly, want at most %g", sp.path+sp.query, shift, maxLayoutShift)
					}
				})
			}
		}
	})

	t.Run("pages", func(t *testing.T) {
		for _, sp := range pages {
			for _, w := range widths {
				t.Run(sp.name+"-"+strconv.Itoa(w), func(t *testing.T) {
					p := b.NewPage(t)
					p.SetViewport(t, w)
					openSample(t, p, base, sp, shots != "")
					checkClean(t, p, origin)
					// Charts have their height before they draw, images
					// their size, fonts are the system's: nothing moves.
					shift := p.LayoutShift(t)
					t.Logf("%s: layout shift %.4f", sp.path+sp.query, shift)
					if shift > maxLayoutShift {
						t.Errorf("%s: layout shift %.4f while loading, want at most %g", sp.path+sp.query, shift, maxLayoutShift)
					}
					if shots == "" {
						return
					}
					name := filepath.Join(shots, sp.name+"-"+strconv.Itoa(w))
					p.Screenshot(t, name+".png")
					p.EmulateMedia(t, "", "dark")
					openSample(t, p, base, sp, true)
					p.Screenshot(t, name+"-dark.png")
					// Printed on A4 (about 800 CSS px wide).
					if (sp.name == "article" || sp.name == "meeting") && w > 800 {
						p.SetViewport(t, 800)
						p.EmulateMedia(t, "print", "light")
						p.Screenshot(t, filepath.Join(shots, sp.name+"-print.png"))
					}
				})
			}
		}
	})
}

// openSample opens the page sp and waits until it is complete: its charts
// drawn (and, if settle, their animation over) and its search results shown.
func openSample(t *testing.T, p *browsertest.Page, base string, sp samplePage, settle bool) {
	t.Helper()
	p.Open(t, base+strings.TrimPrefix(sp.path, "/")+sp.query)
	if sp.charts {
		p.WaitForCharts(t)
		if settle {
			p.WaitForChartsToSettle(t)
		}
	}
	if sp.name == "search" {
		waitFor(t, p, "#search-results > li")
	}
}

// checkClean fails the test for every console error, exception or failed
// load, and every request that left the origin.
func checkClean(t *testing.T, p *browsertest.Page, origin string) {
	t.Helper()
	for _, e := range p.Errors() {
		t.Errorf("console: %s", e)
	}
	for _, w := range p.Warnings() {
		t.Logf("console warning: %s", w)
	}
	for _, u := range p.ForeignRequests(origin) {
		t.Errorf("request to another origin: %s", u)
	}
	if len(p.Requests()) == 0 {
		t.Errorf("no request recorded: the network listener is not working")
	}
}

// buildSample builds the repository's sample site into a temporary folder,
// as khuyenhoc build does, and returns the folder.
func buildSample(t *testing.T, opts site.Options) string {
	t.Helper()
	root := repoRoot(t)
	fsys := os.DirFS(root)
	s, diags := site.Load(fsys, opts)
	diags.AttachSources(fsys)
	if diags.HasErrors(false) {
		t.Fatalf("loading the sample site:\n%s", formatDiags(diags))
	}
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	stats, diags := s.Build(ctx, site.BuildOptions{Output: out, Source: root})
	diags.AttachSources(fsys)
	if stats == nil || diags.HasErrors(false) {
		t.Fatalf("building the sample site:\n%s", formatDiags(diags))
	}
	return out
}

// repoRoot is the repository root, which holds the sample site; go test runs
// in the package folder.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "site.toml")); err != nil {
		t.Fatalf("no sample site at %s: %v", root, err)
	}
	return root
}

func formatDiags(l *diag.List) string {
	var b strings.Builder
	for _, d := range l.Sorted() {
		b.WriteString(diag.Format(d))
	}
	return b.String()
}

type samplePage struct {
	name   string // home, article, meeting, cluster, province, data, dataset, search
	path   string // site path, "/" or "/tin-tuc/slug/"
	query  string // "?q=…" for the search page, else ""
	charts bool
}

// samplePages picks one page of each kind from the built site; the search
// page comes with a query, so that it shows results. Slugs change
// with the data, so they are not written here: of the pages of a kind, the
// one with charts and the most content is taken.
func samplePages(t *testing.T, out string) []samplePage {
	t.Helper()
	pages := []samplePage{{name: "home", path: "/"}}
	for _, k := range []struct{ name, section string }{
		{"article", "tin-tuc"},
		{"meeting", "hoi-nghi"},
		{"cluster", "cum-thi-dua"},
		{"province", "tinh"},
	} {
		pages = append(pages, pick(t, out, k.section, k.name))
	}
	pages = append(pages,
		samplePage{name: "data", path: "/du-lieu/"},
		pick(t, out, "du-lieu", "dataset"),
		samplePage{name: "search", path: "/tim-kiem/", query: searchQuery})
	for i, p := range pages {
		html := readPage(t, out, p.path)
		if !bytes.Contains(html, []byte(`class="kind-`+p.name+`"`)) {
			t.Fatalf("%s is not a %s page", p.path, p.name)
		}
		pages[i].charts = bytes.Contains(html, []byte(`class="chart"`))
	}
	return pages
}

// pick returns the page of the given kind under out/section/*/ with charts
// and the largest HTML, by name on a tie.
func pick(t *testing.T, out, section, kind string) samplePage {
	t.Helper()
	type cand struct {
		path   string
		charts bool
		size   int
	}
	var cands []cand
	entries, err := os.ReadDir(filepath.Join(out, section))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		path := "/" + section + "/" + e.Name() + "/"
		html, err := os.ReadFile(filepath.Join(out, section, e.Name(), "index.html"))
		if err != nil || !bytes.Contains(html, []byte(`class="kind-`+kind+`"`)) {
			continue
		}
		cands = append(cands, cand{path, bytes.Contains(html, []byte(`class="chart"`)), len(html)})
	}
	if len(cands) == 0 {
		t.Fatalf("no %s page under /%s/", kind, section)
	}
	best := slices.MaxFunc(cands, func(a, b cand) int {
		if a.charts != b.charts {
			if a.charts {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(a.size, b.size); c != 0 {
			return c
		}
		return -strings.Compare(a.path, b.path)
	})
	return samplePage{name: kind, path: best.path}
}

func readPage(t *testing.T, out, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(path), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
