package content

import (
	"strings"
	"testing"
)

// The site's renderer and, for each speedup, one with goldmark's own part
// instead, made once: the fuzzers render thousands of documents a second.
var (
	oursMD         = NewMarkdown(MarkdownOptions{BasePath: "/khuyenhoc/"})
	stockCellsMD   = newMarkdown(MarkdownOptions{BasePath: "/khuyenhoc/"}, speedups{linkify: true, links: true})
	stockLinkifyMD = newMarkdown(MarkdownOptions{BasePath: "/khuyenhoc/"}, speedups{tableCells: true, links: true})
	stockLinksMD   = newMarkdown(MarkdownOptions{BasePath: "/khuyenhoc/"}, speedups{linkify: true, tableCells: true})
)

// renderBoth renders doc with the site's renderer and with stock.
func renderBoth(t *testing.T, stock *Markdown, doc string) (string, string) {
	t.Helper()
	a, errA := oursMD.Render([]byte(doc))
	b, errB := stock.Render([]byte(doc))
	if (errA != nil) != (errB != nil) {
		t.Fatalf("errors differ: %v, %v", errA, errB)
	}
	return string(a), string(b)
}

// checkSameAsGoldmark renders the seeds and n generated articles both
// ways and returns goldmark's HTML of them all, for the caller to check
// the comparison had something to compare.
func checkSameAsGoldmark(t *testing.T, stock *Markdown, what string, seeds []string, n int, seed int64) string {
	docs := append([]string(nil), seeds...)
	for _, body := range corpusBodies(t, n, seed) {
		docs = append(docs, string(body))
	}
	var all strings.Builder
	for i, doc := range docs {
		ours, theirs := renderBoth(t, stock, doc)
		if ours != theirs {
			t.Errorf("document %d:\n%s\nrenders\n%s\n%s\n%s", i, doc, ours, what, theirs)
		}
		all.WriteString(theirs)
	}
	return all.String()
}

// fuzzSameAsGoldmark fuzzes the site's renderer against stock from the
// content seeds and seeds.
func fuzzSameAsGoldmark(f *testing.F, stock *Markdown, what string, seeds []string) {
	for _, s := range append(fuzzSeeds(), seeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		if len(doc) > 64<<10 {
			return
		}
		if ours, theirs := renderBoth(t, stock, doc); ours != theirs {
			t.Errorf("%q renders\n%s\n%s\n%s", doc, ours, what, theirs)
		}
	})
}
