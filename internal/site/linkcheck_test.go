package site

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/search"
	"github.com/khuyenhoc/khuyenhoc/internal/sitefs"
)

// TestResolveMemoAgreesWithResolve: a worker's memo of plain site paths
// gives what resolve gives, on the page it was filled on and on others,
// and once it is full and starts again.
func TestResolveMemoAgreesWithResolve(t *testing.T) {
	links := []string{
		"/khuyenhoc/", "/khuyenhoc/tin-tuc/", "/khuyenhoc/tin-tuc/bai-a/#muc-1",
		"/khuyenhoc/css/site.css", "/khuyenhoc/tin-tuc/trang/2/", "/khac/", "/",
		"../bai-b/", "#noi-dung", "anh.png", "https://example.org/x", "//example.org/y",
		"/khuyenhoc/t%E1%BB%89nh/", "/khuyenhoc/a b/", "mailto:a@example.org",
	}
	files := []string{"index.html", "tin-tuc/bai-a/index.html", "tin-tuc/trang/2/index.html"}
	for _, base := range []string{"/", "/khuyenhoc/"} {
		li := newLinkIndex(base, &fileTable{})
		memo := resolvedLinks{}
		for round := range 3 {
			if round == 2 {
				// Fill the memo to its bound: the next link starts it again.
				for i := len(memo); i < maxResolvedLinks; i++ {
					memo["\x00filler"+strconv.Itoa(i)] = resolvedLink{}
				}
			}
			for _, file := range files {
				for _, raw := range links {
					want, wantOK := li.resolve(file, []byte(raw))
					got, gotOK, fine := li.resolveMemo(file, []byte(raw), memo)
					if fine {
						t.Errorf("base %s, %s links %q: the memo calls it fine, in a site of no files", base, file, raw)
					}
					if got != want || gotOK != wantOK {
						t.Errorf("base %s, round %d, %s links %q: memo gives %+v %v, resolve %+v %v", base, round, file, raw, got, gotOK, want, wantOK)
					}
				}
			}
			if len(memo) > maxResolvedLinks {
				t.Fatalf("memo holds %d links, more than %d", len(memo), maxResolvedLinks)
			}
		}
	}
}

// TestLinksToAnchorsOnOtherPages: a link to an id of another page is
// checked against that page's ids once every page is rendered, whichever
// renders first; an id the page does not have is reported on the line
// of the link, and the ids of pages with the same layout are shared.
func TestLinksToAnchorsOnOtherPages(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+`
-- content/news/dich.md --
+++
title = "Bài đích"
date = 2025-03-01
summary = "Bài có mục kết quả."
+++

## Kết quả

Nội dung.
-- content/news/dan-moi.md --
+++
title = "Bài dẫn, mới hơn"
date = 2025-03-02
summary = "Dẫn sang bài đích."
+++

Xem [kết quả](/tin-tuc/dich/#ket-qua) và [phần khác](/tin-tuc/dich/#khong-co).
-- content/news/dan-cu.md --
+++
title = "Bài dẫn, cũ hơn"
date = 2025-02-28
summary = "Dẫn sang bài đích."
+++

Đoạn mở đầu.

Xem [kết quả](/tin-tuc/dich/#ket-qua), [chân trang](/tin-tuc/#chan-trang) và [mục lạ](/tin-tuc/dich/#muc-la).
`, withDryRun(), expectErrors())
	r.AssertDiag(t, "content/news/dan-moi.md:7:", `broken link "/khuyenhoc/tin-tuc/dich/#khong-co"`, "which tin-tuc/dich/index.html does not have")
	r.AssertDiag(t, "content/news/dan-cu.md:9:", `broken link "/khuyenhoc/tin-tuc/dich/#muc-la"`, "which tin-tuc/dich/index.html does not have")
	if n := len(r.Errors()); n != 2 {
		t.Errorf("%d errors, want 2:\n%s", n, r.diagText())
	}
}

// BenchmarkLinkScan checks the links of pages of the site folder named by
// $KHUYENHOC_BENCH_SITE as a render worker does, one of two pages in
// turn: of the 10k corpus, 2,600 pages of several kinds (every other page
// of the first 1,024 of each 4,096). Each round starts with an empty memo
// and link index; 89 % of the links it checks are fine plain site paths,
// 88.5 % in a 10k build.
func BenchmarkLinkScan(b *testing.B) {
	dir := os.Getenv("KHUYENHOC_BENCH_SITE")
	if dir == "" {
		b.Skip("set KHUYENHOC_BENCH_SITE to a site folder")
	}
	s, l := Load(sitefs.Dir(dir), Options{})
	if l.HasErrors(false) {
		b.Fatal(l.Items())
	}
	out := newOutput("", l)
	s.writeFiles(out, l)
	out.claimPages(s.Pages)
	files := out.frozen()
	type rendered struct {
		file string
		page *Page
		html []byte
	}
	var pages []rendered
	var size int64
	var buf bytes.Buffer
	for i, p := range s.Pages {
		if i%4096 >= 1024 || i%2 != 0 {
			continue
		}
		buf.Reset()
		if err := s.renderPage(&buf, p, new(content.Scratch)); err != nil {
			b.Fatal(err)
		}
		pages = append(pages, rendered{outputFile(p.Path), p, bytes.Clone(buf.Bytes())})
		size += int64(buf.Len())
	}
	b.SetBytes(size)
	for b.Loop() {
		li := newLinkIndex(s.Config.BasePath(), files, search.ManifestFile)
		sc := newScanScratch()
		for _, r := range pages {
			li.scan(r.file, r.page, r.html, sc)
		}
	}
}

// resolveCases are links resolve must read as url.Parse does.
var resolveCases = []string{
	"/khuyenhoc/", "/khuyenhoc/tin-tuc/", "/khuyenhoc/tin-tuc/bai-a/#muc-1", "/khuyenhoc/tin-tuc/bai-a/#",
	"/khuyenhoc/css/site.css", "/khuyenhoc/tin-tuc/trang/2/", "/khac/", "/", "/khuyenhoc", "/a/../b/", "/a/./b",
	"../bai-b/", "#noi-dung", "#", "#fn:1", "#a%20b", "#a b", "#a#b", "#%zz", "anh.png", "", "?q=1",
	"https://example.org/x", "http://example.org/tin-tuc/a-b/?q=1&r=2#x", "https://example.org",
	"https://", "http:///x", "https://a:80/", "https://a:b:c/", "https://[::1]/", "https://u@h/",
	"https://h/%zz", "https://h/%41", "https://h/a b", "https://h/#%zz", "HTTPS://h/", "https:/h",
	"//example.org/y", "/khuyenhoc/t%E1%BB%89nh/", "/khuyenhoc/a b/", "mailto:a@example.org", "javascript:x",
}

// TestResolveAgreesWithURLParse: the ways resolve takes around url.Parse
// (plain site paths, "#fragment", plain http URLs) give what it gives.
func TestResolveAgreesWithURLParse(t *testing.T) {
	for _, base := range []string{"/", "/khuyenhoc/"} {
		li := newLinkIndex(base, &fileTable{})
		for _, file := range []string{"index.html", "tin-tuc/bai-a/index.html", "a.css", "", "a/"} {
			for _, raw := range resolveCases {
				checkResolve(t, li, file, raw)
			}
		}
	}
}

func checkResolve(t *testing.T, li *linkIndex, file, raw string) {
	t.Helper()
	got, gotOK := li.resolve(file, []byte(raw))
	want, wantOK := li.resolveURL(file, []byte(raw))
	if got != want || gotOK != wantOK {
		t.Errorf("base %s, %s links %q: resolve gives %+v %v, url.Parse %+v %v", li.base, file, raw, got, gotOK, want, wantOK)
	}
}

func FuzzResolve(f *testing.F) {
	for _, raw := range resolveCases {
		f.Add("tin-tuc/bai-a/index.html", raw)
	}
	indexes := map[string]*linkIndex{}
	f.Fuzz(func(t *testing.T, file, raw string) {
		for _, base := range []string{"/", "/khuyenhoc/"} {
			if indexes[base] == nil {
				indexes[base] = newLinkIndex(base, &fileTable{})
			}
			checkResolve(t, indexes[base], file, raw)
		}
	})
}

// TestScanReportsOnEveryPage: scan reports a broken link on every page
// that makes it, whether the worker's memo knows the link or not, and a
// "#fragment" on a page whose own file the build does not write.
func TestScanReportsOnEveryPage(t *testing.T) {
	out := newOutput("", &diag.List{})
	for _, f := range []string{"a/index.html", "b/index.html", "css/site.css"} {
		out.claim(f, origin{})
	}
	li := newLinkIndex("/", out.frozen())
	doc := []byte(`<link href="/css/site.css"><a href="/a/">a</a><a href="/missing/">x</a>` +
		`<a href="#top">top</a><a href="#nowhere">?</a><h2 id="top">T</h2><a href="/b/#x">b</a>`)
	sc := newScanScratch()
	for _, file := range []string{"a/index.html", "b/index.html", "a/index.html", "gone/index.html"} {
		li.scan(file, &Page{Path: "/" + strings.TrimSuffix(file, "index.html")}, doc, sc)
	}
	var got []string
	for _, p := range li.problems {
		got = append(got, p.file+" "+p.raw+": "+p.problem)
	}
	want := []string{
		"a/index.html /missing/: " + problemMissing,
		"a/index.html #nowhere: points to #nowhere, which a/index.html does not have",
		"b/index.html /missing/: " + problemMissing,
		"b/index.html #nowhere: points to #nowhere, which b/index.html does not have",
		"b/index.html /b/#x: points to #x, which b/index.html does not have",
		"a/index.html /missing/: " + problemMissing,
		"a/index.html #nowhere: points to #nowhere, which a/index.html does not have",
		"gone/index.html /missing/: " + problemMissing,
		"gone/index.html #top: " + problemMissing,
		"gone/index.html #nowhere: " + problemMissing,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestExistingPlainAgreesWithResolve: a link existingPlain answers is one
// resolveMemo calls fine, and the links it answers are most of a page's:
// on random sites (the file and page names of TestClaimsAgreeWithMaps and
// some that are not clean), every link made of their parts, under two
// base paths.
func TestExistingPlainAgreesWithResolve(t *testing.T) {
	elems := []string{"a", "A", "b", "index.html", "Index.html", "x.css", "a.b", "~u", "-"}
	linkElems := append(slices.Clone(elems), ".", "..", ".w", "", "a#f", "a?q", "%61", "ả")
	rng := rand.New(rand.NewPCG(3, 4))
	answered, pagesAnswered := 0, 0
	for round := range 2000 {
		base := []string{"/", "/kh/"}[round%2]
		files, pages := randomClaims(rng, elems, rng.IntN(5))
		out := newOutput("public", &diag.List{})
		for i, f := range files {
			out.claim(f, origin{file: fmt.Sprint("static/", i)})
		}
		out.claimPages(pages)
		li := newLinkIndex(base, out.frozen())
		var links []string
		for _, p := range pages {
			links = append(links, base+strings.TrimPrefix(p.Path, "/"))
		}
		for _, f := range files {
			links = append(links, base+f)
		}
		for range 40 {
			var parts []string
			for range rng.IntN(4) {
				parts = append(parts, linkElems[rng.IntN(len(linkElems))])
			}
			l := strings.Join(parts, "/")
			if rng.IntN(2) == 0 {
				l += "/"
			}
			links = append(links, base+l, "/"+l, l)
		}
		for _, raw := range links {
			if !li.existingPlain([]byte(raw)) {
				continue
			}
			answered++
			if _, ok, fine := li.resolveMemo("x/index.html", []byte(raw), resolvedLinks{}); !ok || !fine {
				t.Fatalf("round %d, base %s, pages %v, files %q: existingPlain(%q) is true, resolveMemo does not call it fine",
					round, base, pagePaths(pages), files, raw)
			}
		}
		for i, p := range pages {
			f := outputFile(p.Path)
			if j, ok := li.files.page(f); ok && j == i && plainPagePath(p.Path) && strings.ToLower(p.Path) == p.Path {
				if !li.existingPlain([]byte(base + p.Path[1:])) {
					t.Fatalf("round %d: the page %s, claimed, plain and lowercase, is not answered", round, p.Path)
				}
				pagesAnswered++
			}
		}
	}
	if answered < 2000 || pagesAnswered < 1000 {
		t.Fatalf("existingPlain answered only %d links, %d of them pages", answered, pagesAnswered)
	}
	t.Logf("existingPlain answered %d links, %d of them a page's own", answered, pagesAnswered)
}
