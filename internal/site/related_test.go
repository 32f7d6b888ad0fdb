package site

import (
	"os"
	"slices"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
)

// relatedByScoring is the definition of related: score every other
// article, keep the best n, newer first among equals.
func (v *views) relatedByScoring(a *ArticleView, n int) []*ArticleView {
	score := func(b *ArticleView) int {
		s := 0
		if a.Meeting != nil && b.Meeting != nil && a.Meeting.URL == b.Meeting.URL {
			s += 4
		}
		if a.Cluster != nil && b.Cluster != nil && a.Cluster.URL == b.Cluster.URL {
			s += 2
		}
		for _, p := range a.Provinces {
			if slices.Contains(b.Provinces, p) {
				s++
				break
			}
		}
		return s
	}
	type cand struct {
		a *ArticleView
		s int
	}
	var cs []cand
	for _, b := range v.articles {
		if b != a {
			if s := score(b); s > 0 {
				cs = append(cs, cand{b, s})
			}
		}
	}
	slices.SortStableFunc(cs, func(x, y cand) int { return y.s - x.s })
	var out []*ArticleView
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, c.a)
	}
	return out
}

func TestRelatedMatchesScoring(t *testing.T) {
	l := []Link{{Text: "A", URL: "/a/"}, {Text: "B", URL: "/b/"}, {Text: "C", URL: "/c/"}, {Text: "D", URL: "/d/"}}
	var articles []*ArticleView
	// Every combination of meeting, cluster and provinces, twice over.
	for i := range 160 {
		a := &ArticleView{URL: "/tin-tuc/" + itoa(i) + "/"}
		if m := i % 4; m > 0 {
			a.Meeting = &Link{URL: "/hoi-nghi/" + itoa(m) + "/"}
			a.Cluster = &Link{URL: "/cum-thi-dua/" + itoa(m%2) + "/"}
		} else if c := i / 4 % 3; c > 0 {
			a.Cluster = &Link{URL: "/cum-thi-dua/" + itoa(c) + "/"}
		}
		for k, p := range l {
			if (i/12)>>k&1 == 1 {
				a.Provinces = append(a.Provinces, p)
			}
		}
		if i%7 == 0 && len(a.Provinces) > 0 {
			a.Provinces = append(a.Provinces, a.Provinces[0]) // listed twice
		}
		articles = append(articles, a)
	}
	v := &views{articles: articles}
	v.articleIdx = newArticleIndex(articles)
	for _, n := range []int{1, 3, 5} {
		for _, a := range articles {
			got, want := v.related(a, n), v.relatedByScoring(a, n)
			if !slices.Equal(got, want) {
				t.Fatalf("related(%s, %d) = %v, want %v", a.URL, n, urls(got), urls(want))
			}
		}
	}
}

func urls(as []*ArticleView) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.URL)
	}
	return out
}

func TestRelatedMatchesScoringOnCorpus(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 400, 5); err != nil {
		t.Fatal(err)
	}
	s, l := Load(os.DirFS(dir), Options{})
	if l.Len() > 0 {
		t.Fatal(l.Items())
	}
	for _, a := range s.views.articles {
		if got, want := a.Related, s.views.relatedByScoring(a, 3); !slices.Equal(got, want) {
			t.Fatalf("%s: related = %v, want %v", a.URL, urls(got), urls(want))
		}
	}
}
