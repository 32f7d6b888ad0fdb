package site

import (
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// TestPageKey: a page's key, cut from its path, is the key of the file
// outputFile makes of the path, and the file is the path and index.html
// whenever plainPagePath says so.
func TestPageKey(t *testing.T) {
	for _, p := range []string{
		"/", "/tin-tuc/", "/tin-tuc/a/", "/Tin-Tuc/A/", "/404.html", "/a/index.html", "/a//", "/a/./", "/./",
		"//", "/a/../", "a/", "", "/a", "/index.html", "/tim-kiem/", "/chu-de/bão-lũ/", "/İ/", "/a/b/c/",
	} {
		if got, want := pageKey(p), fileKey(outputFile(p)); got != want {
			t.Errorf("pageKey(%q) = %q, fileKey(outputFile) = %q", p, got, want)
		}
		if plainPagePath(p) && outputFile(p) != p[1:]+"index.html" {
			t.Errorf("plainPagePath(%q), but its file is %q", p, outputFile(p))
		}
	}
}

// refClaims is the claim check as it was before fileTable, three maps of
// strings: the reference TestClaimsAgreeWithMaps compares with.
type refClaims struct {
	paths  map[string]bool
	owners map[string]claim
	dirs   map[string]string
}

func (o *refClaims) claim(l *diag.List, p string, from origin) bool {
	if err := checkOutputPath(p); err != nil {
		l.Errorf(from.pos("public"), "refusing to write %q, from %s: %v", p, from, err)
		return false
	}
	key := strings.ToLower(p)
	clash := func(other claim, what string) bool {
		pos := from.pos("public")
		if from.file == "" {
			pos = other.from.pos("public")
		}
		e := l.Errorf(pos, "%s and %s both write %s", from, other.from, what)
		e.Hint = fmt.Sprintf("the other is %s; rename one of them (a file in static/ must not have the path of a page or a data file)", other.from)
		return false
	}
	if prev, dup := o.owners[key]; dup {
		if prev.path != p {
			return clash(prev, fmt.Sprintf("%s and %s, one file where letter case is ignored", prev.path, p))
		}
		return clash(prev, p)
	}
	if under, isDir := o.dirs[key]; isDir {
		return clash(o.owners[strings.ToLower(under)], fmt.Sprintf("%s: a file, where %s needs a folder", p, under))
	}
	for d := path.Dir(key); d != "."; d = path.Dir(d) {
		if prev, isFile := o.owners[d]; isFile {
			return clash(prev, fmt.Sprintf("%s: a file, where %s needs a folder", prev.path, p))
		}
	}
	o.owners[key] = claim{p, from}
	o.paths[p] = true
	for d := path.Dir(key); d != "."; d = path.Dir(d) {
		if _, ok := o.dirs[d]; ok {
			break
		}
		o.dirs[d] = p
	}
	return true
}

// TestClaimsAgreeWithMaps: on random sets of files and pages, with
// letter case, index files, folders named like files and files named
// index.html, the table reports what the maps it replaced reported, in
// the same words, and knows the same files.
func TestClaimsAgreeWithMaps(t *testing.T) {
	elems := []string{"a", "A", "b", "index.html", "Index.html", "x.css"}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 3000 {
		// Files first, as a build claims them, then pages.
		files, pages := randomClaims(rng, elems, 1+rng.IntN(6))
		ref := &refClaims{paths: map[string]bool{}, owners: map[string]claim{}, dirs: map[string]string{}}
		refL := &diag.List{}
		out := newOutput("public", &diag.List{})
		for i, f := range files {
			from := origin{file: fmt.Sprint("static/", i)}
			if got, want := out.claim(f, from), ref.claim(refL, f, from); got != want {
				t.Fatalf("round %d: claim(%q) = %v, want %v (files %q)", round, f, got, want, files)
			}
		}
		for _, p := range pages {
			ref.claim(refL, outputFile(p.Path), pageOrigin(p))
		}
		out.claimPages(pages)
		table := out.frozen()
		var got, want []string
		for _, d := range out.l.Items() {
			got = append(got, d.String()+" | "+d.Hint)
		}
		for _, d := range refL.Items() {
			want = append(want, d.String()+" | "+d.Hint)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d, files %q, pages %v:\ngot  %q\nwant %q", round, files, pagePaths(pages), got, want)
		}
		var claimed []string
		table.each(func(p string) { claimed = append(claimed, p) })
		slices.Sort(claimed)
		refPaths := slices.Sorted(func(yield func(string) bool) {
			for p := range ref.paths {
				if !yield(p) {
					return
				}
			}
		})
		if !slices.Equal(claimed, refPaths) {
			t.Fatalf("round %d: claimed %q, want %q", round, claimed, refPaths)
		}
		for _, f := range append(slices.Clone(files), "index.html", "a/index.html", "A/index.html", "a", "a/b") {
			if table.has(f) != ref.paths[f] {
				t.Fatalf("round %d: has(%q) = %v, want %v (claimed %q)", round, f, table.has(f), ref.paths[f], claimed)
			}
		}
		for i, p := range pages {
			f := outputFile(p.Path)
			j, ok := table.page(f)
			if owner, claimed := ref.owners[strings.ToLower(f)]; claimed && owner.from.page == p {
				if !ok || j != i {
					t.Fatalf("round %d: page(%q) = %d %v, want %d", round, f, j, ok, i)
				}
			} else if ok && j == i {
				t.Fatalf("round %d: page(%q) = %d, a page that was not claimed", round, f, j)
			}
		}
	}
}

// randomClaims makes n file names and up to five pages' paths of one to
// three of elems, for the claims of a random site.
func randomClaims(rng *rand.Rand, elems []string, n int) (files []string, pages []*Page) {
	for range n {
		var parts []string
		for range 1 + rng.IntN(3) {
			parts = append(parts, elems[rng.IntN(len(elems))])
		}
		files = append(files, strings.Join(parts, "/"))
	}
	for range rng.IntN(6) {
		var parts []string
		for range rng.IntN(3) {
			parts = append(parts, elems[rng.IntN(len(elems))])
		}
		p := "/" + strings.Join(parts, "/")
		if len(parts) > 0 && rng.IntN(4) > 0 {
			p += "/"
		}
		pages = append(pages, &Page{Kind: "k", Path: p, Origin: fmt.Sprint("o", len(pages))})
	}
	return files, pages
}

func pagePaths(pages []*Page) []string {
	var out []string
	for _, p := range pages {
		out = append(out, p.Path)
	}
	return out
}

// TestClaimsAfterFreeze: a file claimed once the table is frozen is
// checked against every file claimed before, but the frozen table (which
// the link checker reads without a lock) does not change.
func TestClaimsAfterFreeze(t *testing.T) {
	out := newOutput("public", &diag.List{})
	out.claim("tim-kiem/a.json", made("the search index"))
	out.claimPages([]*Page{{Kind: "search", Path: "/tim-kiem/"}})
	table := out.frozen()
	before := len(table.keys)
	if !out.claim("tim-kiem/b.json", made("the search index")) {
		t.Fatal("a new file after freeze was refused")
	}
	if out.claim("tim-kiem/index.html", made("the search index")) || out.claim("TIM-KIEM/B.json", made("the search index")) {
		t.Error("a file claimed twice after freeze was accepted")
	}
	if len(table.keys) != before || table.has("tim-kiem/b.json") {
		t.Error("the frozen table changed")
	}
	if !table.has("tim-kiem/index.html") || !table.has("tim-kiem/a.json") {
		t.Error("the frozen table lost a file")
	}
}

// BenchmarkFileTableHas: the link checker asks whether a page's file
// exists for nearly every link of every page.
func BenchmarkFileTableHas(b *testing.B) {
	var pages []*Page
	var files []string
	for i := range 20000 {
		p := &Page{Kind: "article", Path: fmt.Sprintf("/tin-tuc/bai-viet-so-%d/", i)}
		pages = append(pages, p)
		files = append(files, outputFile(p.Path))
	}
	out := newOutput("public", &diag.List{})
	out.claimPages(pages)
	t := out.frozen()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if !t.has(files[i%len(files)]) {
			b.Fatal("a claimed file is missing")
		}
		i++
	}
}
