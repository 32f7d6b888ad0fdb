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

// FuzzFast: where the fast path takes a text, it cuts the same words as
// analyze, the definition, whether the tokens are cached or not and
// wherever they lie in the text.
func FuzzFast(f *testing.F) {
	for _, c := range analyzeCases {
		f.Add(c.in)
	}
	for _, s := range []string{"", "Quỹ khuyến học tỉnh Đồng Tháp, năm 2024: 1.290.040.892đ", "ĐỒNG BẰNG sông Cửu Long",
		"a\u024fb \u0250 \u1e00\u1effc \u1f00 x\u2000y\u206fz\u2070 \u00a0\u00ad", "nghiêngnghiêngnghiêng 1234567890123456 123456789012345 12345678",
		"a\u024fb", "a\u0250b", "\u1e00\u1eff", "a\u1f00", "x\u2000y\u206fz", "x\u2070", "\u00a0\u00ad", "\u0300a", "\xc2", "a\xe1\xbb", "\xe1\xbb\xa5", "\xc0\x80", "\xed\xa0\x80", "\xf0\x9f\x98\x80", "Hoà hòa HOÀ", "khuyếnhọc khuyếnhọa khuyếnhọ tiêu"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := newDict()
		a := newAnalyzer(d)
		want := func(s string) []uint64 {
			var ids []uint64
			for _, w := range analyze(s) {
				ids = append(ids, d.word(w.Fold, w.Exact))
			}
			return ids
		}
		for _, text := range []string{s, s + " " + s, "x " + s + strings.Repeat(" ", 20), "Đồng " + s} {
			for k := range 2 { // the second time from the cache
				n := a.cache.n + len(a.cache.long)
				if !a.fast(text) {
					continue
				}
				if got, w := a.words, want(text); !slices.Equal(got, w) {
					t.Fatalf("fast(%+q) = %x, analyze gives %x", text, got, w)
				}
				if k == 1 && a.cache.n+len(a.cache.long) != n {
					t.Fatalf("fast(%+q) again missed the cache", text)
				}
			}
		}
	})
}

// TestFastTakesVietnamese: the fast path takes plain Vietnamese text
// (else FuzzFast would test nothing, and the build be slow).
func TestFastTakesVietnamese(t *testing.T) {
	a := newAnalyzer(newDict())
	for _, s := range []string{"Quỹ khuyến học tỉnh Đồng Tháp — “năm 2024”: 1.290.040.892đ…", "ĐỒNG BẰNG sông Cửu Long, Hoà Bình"} {
		if !a.fast(s) {
			t.Errorf("fast(%q) declined", s)
		}
	}
}
