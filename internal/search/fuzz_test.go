package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// FuzzAnalyze: tokenising never fails, every word has both forms, they
// agree with each other, and analysing the words again gives the same
// words (what the index files and what a query looks up are one).
func FuzzAnalyze(f *testing.F) {
	for _, c := range analyzeCases {
		f.Add(c.in)
	}
	for _, s := range []string{"", "\xff\xfe", "a\u0301\u0301\u0301", "ĐỒNG BẰNG", "quỹ-khuyến_học", "1.290.040.892đ", "İstanbul ǅ ß", "\u200b\u00a0\ufeff", "<script>alert(1)</script>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ws := analyze(s)
		var exact []string
		for _, w := range ws {
			if w.Fold == "" || w.Exact == "" {
				t.Fatalf("analyze(%+q): empty word %+v", s, w)
			}
			if !utf8.ValidString(w.Fold) || !utf8.ValidString(w.Exact) {
				t.Fatalf("analyze(%+q): invalid UTF-8 in %+v", s, w)
			}
			if strings.ContainsFunc(w.Exact, unicode.IsSpace) {
				t.Fatalf("analyze(%+q): space in word %+q", s, w.Exact)
			}
			if viet.Fold(w.Exact) != w.Fold {
				t.Fatalf("analyze(%+q): Fold(%+q) = %+q, but the word's fold is %+q", s, w.Exact, viet.Fold(w.Exact), w.Fold)
			}
			exact = append(exact, w.Exact)
		}
		again := analyze(strings.Join(exact, " "))
		if !slices.Equal(again, ws) {
			t.Fatalf("analyze(%+q) = %+v; analysing its words again gives %+v", s, ws, again)
		}
	})
}

// FuzzQuery runs any query against a small index: it never fails, and
// every result is one of the indexed pages.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{"", "hoa binh", "Hòa Bình", "\"giao ban\"", "quỹ khuyến", "đ", "*", "\xff", "a b c d e f g h i j k l m n o p", "<script>", strings.Repeat("hội ", 200)} {
		f.Add(s, "", "")
	}
	f.Add("giao ban", "tin-tuc", "tay-bac")
	f.Add("giao ban", "\x00", "../")
	files := buildTest(f)
	docs, _ := testDocs()
	known := map[string]bool{}
	for _, d := range docs {
		known[d.URL] = true
	}
	f.Fuzz(func(t *testing.T, q, typ, cluster string) {
		for _, r := range Query(files, q, Filter{Type: typ, Cluster: cluster}) {
			if !known[r.URL] {
				t.Fatalf("Query(%+q) found %q, which is not indexed", q, r.URL)
			}
		}
	})
}
