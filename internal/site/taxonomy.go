package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// Term is one value of a taxonomy (a tag, a person) and what carries it.
type Term struct {
	Name     string
	Slug     string
	URL      string
	Note     string // e.g. a person's titles
	Articles []*ArticleView
	Meetings []*MeetingView
}

// Count is how many items carry the term.
func (t *Term) Count() int { return len(t.Articles) + len(t.Meetings) }

// Taxonomy groups items by a kind of term.
type Taxonomy struct {
	Name  string // "Chủ đề"
	URL   string // "/chu-de/"
	Terms []*Term
}

// termSet collects terms keyed by slug, so "Bão lũ" and "bão lũ" are one.
type termSet struct {
	base  string
	terms map[string]*Term
}

func newTermSet(base string) *termSet { return &termSet{base: base, terms: map[string]*Term{}} }

func (ts *termSet) get(name string) *Term {
	slug := viet.Slug(name)
	if slug == "" {
		return nil
	}
	t, ok := ts.terms[slug]
	if !ok {
		t = &Term{Name: viet.NFC(strings.TrimSpace(name)), Slug: slug, URL: ts.base + slug + "/"}
		ts.terms[slug] = t
	}
	return t
}

func (ts *termSet) sorted() []*Term {
	out := make([]*Term, 0, len(ts.terms))
	for _, t := range ts.terms {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b *Term) int { return strings.Compare(a.Slug, b.Slug) })
	viet.SortFunc(out, func(t *Term) string { return t.Name })
	return out
}

func (v *views) buildTaxonomies() {
	tags := newTermSet("/chu-de/")
	for _, a := range v.articles {
		for _, tag := range a.Tags {
			if t := tags.get(tag); t != nil && !slices.Contains(t.Articles, a) {
				t.Articles = append(t.Articles, a)
			}
		}
	}
	people := newTermSet("/nhan-vat/")
	for _, m := range v.meetings {
		for _, p := range m.Meeting.People {
			t := people.get(p.Name)
			if t == nil {
				continue
			}
			if !slices.Contains(t.Meetings, m) {
				t.Meetings = append(t.Meetings, m)
			}
			if t.Note == "" {
				t.Note = p.Title
			}
		}
	}
	// An article mentions a person when its body names them.
	for _, t := range people.terms {
		for _, a := range v.articles {
			if strings.Contains(viet.NFC(string(a.Body)), t.Name) || strings.Contains(a.Title, t.Name) {
				t.Articles = append(t.Articles, a)
			}
		}
	}
	v.tags = &Taxonomy{Name: "Chủ đề", URL: "/chu-de/", Terms: tags.sorted()}
	v.people = &Taxonomy{Name: "Nhân vật", URL: "/nhan-vat/", Terms: people.sorted()}
}

// related picks up to n other articles: same meeting first, then same
// cluster, then a shared province, newest first within each.
func (v *views) related(a *ArticleView, n int) []*ArticleView {
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
		i int
	}
	var cs []cand
	for i, b := range v.articles {
		if b != a {
			if s := score(b); s > 0 {
				cs = append(cs, cand{b, s, i})
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

// termPages lays out a taxonomy's index and one paginated page per term.
func (s *Site) termPages(tx *Taxonomy, add func(*Page)) {
	add(&Page{Kind: "taxonomy", Path: tx.URL, Title: tx.Name, Taxonomy: tx,
		Description: fmt.Sprintf("%s trong các tin bài và hội nghị.", tx.Name),
		Crumbs:      []Link{{Text: tx.Name, URL: tx.URL}}})
	per := s.Config.PerPage
	for _, t := range tx.Terms {
		n := max(1, (len(t.Articles)+per-1)/per)
		for i := range n {
			url := func(k int) string { return pagedURL(t.URL, k) }
			p := &Page{Kind: "term", Path: url(i + 1), Title: tx.Name + ": " + t.Name, Taxonomy: tx, Term: t,
				Articles: t.Articles[i*per : min((i+1)*per, len(t.Articles))],
				Pager:    pager(i+1, n, url),
				Crumbs:   []Link{{Text: tx.Name, URL: tx.URL}, {Text: t.Name, URL: t.URL}}}
			if i == 0 {
				p.Meetings = t.Meetings
			}
			add(p)
		}
	}
}
