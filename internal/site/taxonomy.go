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
	// Articles and meetings are taken in order, so one already listed
	// under a term (it names the term twice, spelled two ways) is the
	// last there: looking through the whole list made this phase grow
	// with the square of a tag's articles (0.3 s at 100k).
	tags := newTermSet("/chu-de/")
	for _, a := range v.articles {
		for _, tag := range a.Tags {
			if t := tags.get(tag); t != nil && !endsWith(t.Articles, a) {
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
			if !endsWith(t.Meetings, m) {
				t.Meetings = append(t.Meetings, m)
			}
			if t.Note == "" {
				t.Note = p.Title
			}
		}
	}
	v.addMentions(people)
	v.tags = &Taxonomy{Name: "Chủ đề", URL: "/chu-de/", Terms: tags.sorted()}
	v.people = &Taxonomy{Name: "Nhân vật", URL: "/nhan-vat/", Terms: people.sorted()}
}

// endsWith reports whether x is the last element of s.
func endsWith[T comparable](s []T, x T) bool { return len(s) > 0 && s[len(s)-1] == x }

// related picks up to n other articles: same meeting first, then same
// cluster, then a shared province, newest first within each.
//
// An article scores 4 for the same meeting, 2 for the same cluster and 1
// for a shared province, and the best n win, the newer first among equals.
// Rather than scoring every other article (articles² for the site), it
// looks only where each score can come from: every article scoring 4 or
// more shares the meeting, every other one scoring 2 or 3 shares the
// cluster, every one scoring 1 shares a province; each group is in article
// order, so a walk can stop once it has enough.
func (v *views) related(a *ArticleView, n int) []*ArticleView {
	ri := v.articleIdx
	self := ri.index[a]
	sameMeeting := func(b *ArticleView) bool {
		return a.Meeting != nil && b.Meeting != nil && a.Meeting.URL == b.Meeting.URL
	}
	sameCluster := func(b *ArticleView) bool {
		return a.Cluster != nil && b.Cluster != nil && a.Cluster.URL == b.Cluster.URL
	}
	shareProvince := func(b *ArticleView) bool {
		for _, p := range a.Provinces {
			if slices.Contains(b.Provinces, p) {
				return true
			}
		}
		return false
	}
	score := func(b *ArticleView) int {
		s := 0
		if sameMeeting(b) {
			s += 4
		}
		if sameCluster(b) {
			s += 2
		}
		if shareProvince(b) {
			s++
		}
		return s
	}
	var out []*ArticleView
	// Scores 4 to 7: the meeting's articles.
	if a.Meeting != nil {
		type cand struct {
			b *ArticleView
			s int
		}
		var cs []cand
		for _, i := range ri.byMeeting[a.Meeting.URL] {
			if i != self {
				cs = append(cs, cand{v.articles[i], score(v.articles[i])})
			}
		}
		slices.SortStableFunc(cs, func(x, y cand) int { return y.s - x.s })
		for _, c := range cs[:min(n, len(cs))] {
			out = append(out, c.b)
		}
	}
	// Scores 3 and 2: the cluster's other articles.
	if len(out) < n && a.Cluster != nil {
		need := n - len(out)
		var three, two []*ArticleView
		for _, i := range ri.byCluster[a.Cluster.URL] {
			b := v.articles[i]
			if i == self || sameMeeting(b) {
				continue
			}
			if shareProvince(b) {
				if three = append(three, b); len(three) == need {
					break
				}
			} else if len(two) < need {
				two = append(two, b)
			}
		}
		out = append(out, three...)
		out = append(out, two[:min(len(two), n-len(out))]...)
	}
	// Score 1: articles sharing a province and nothing else, merged from
	// the provinces' lists in article order.
	if len(out) < n && len(a.Provinces) > 0 {
		lists := make([][]int32, 0, len(a.Provinces))
		for _, p := range a.Provinces {
			lists = append(lists, ri.byProvince[p.URL])
		}
		last := int32(-1)
		for len(out) < n {
			best := -1
			for k, l := range lists {
				if len(l) > 0 && (best < 0 || l[0] < lists[best][0]) {
					best = k
				}
			}
			if best < 0 {
				break
			}
			i := lists[best][0]
			lists[best] = lists[best][1:]
			if i == last || i == self {
				continue
			}
			last = i
			if b := v.articles[i]; !sameMeeting(b) && !sameCluster(b) {
				out = append(out, b)
			}
		}
	}
	return out
}

// articleIndex groups articles, by index in article order, by meeting,
// cluster and province.
type articleIndex struct {
	index      map[*ArticleView]int32
	byMeeting  map[string][]int32 // meeting URL
	byCluster  map[string][]int32 // cluster URL
	byProvince map[string][]int32 // province URL
}

func newArticleIndex(articles []*ArticleView) *articleIndex {
	ri := &articleIndex{index: map[*ArticleView]int32{}, byMeeting: map[string][]int32{},
		byCluster: map[string][]int32{}, byProvince: map[string][]int32{}}
	for i, a := range articles {
		i := int32(i)
		ri.index[a] = i
		if a.Meeting != nil {
			ri.byMeeting[a.Meeting.URL] = append(ri.byMeeting[a.Meeting.URL], i)
		}
		if a.Cluster != nil {
			ri.byCluster[a.Cluster.URL] = append(ri.byCluster[a.Cluster.URL], i)
		}
		for _, p := range a.Provinces {
			if l := ri.byProvince[p.URL]; len(l) == 0 || l[len(l)-1] != i {
				ri.byProvince[p.URL] = append(l, i)
			}
		}
	}
	return ri
}

// termPages lays out a taxonomy's index and one paginated page per term.
func (s *Site) termPages(tx *Taxonomy, add func(*Page)) {
	parts := &PageParts{Taxonomy: tx} // shared by its terms' pages
	add(&Page{Kind: "taxonomy", Path: tx.URL, Title: tx.Name, PageParts: parts,
		Description: fmt.Sprintf("%s trong các tin bài và hội nghị.", tx.Name),
		Crumbs:      []Link{{Text: tx.Name, URL: tx.URL}}})
	for _, t := range tx.Terms {
		crumbs := []Link{{Text: tx.Name, URL: tx.URL}, {Text: t.Name, URL: t.URL}}
		// Its first page shows the latest meetings too (Term.LatestMeetings),
		// with a link to all of them when there are more.
		listPages(s, Page{Kind: "term", Title: tx.Name + ": " + t.Name, PageParts: parts, Term: t, Crumbs: crumbs},
			t.Articles, func(k int) string { return pagedURL(t.URL, k) }, add)
		if u := t.MeetingsURL(); u != "" {
			listPages(s, Page{Kind: "meetings", Title: "Hội nghị: " + t.Name,
				Description: fmt.Sprintf("Các hội nghị có %s.", t.Name),
				Crumbs:      append(slices.Clip(crumbs), Link{Text: "Hội nghị", URL: u})},
				t.Meetings, func(k int) string { return termMeetingsURL(t.URL, k) }, add)
		}
	}
}

// addMentions adds to each person the articles that name them in the body
// (compared in NFC) or the title, in article order. The articles were
// searched for every name as they were read (mentionIndex).
func (v *views) addMentions(people *termSet) {
	if v.mentionIdx == nil {
		return
	}
	for _, a := range v.articles {
		for _, n := range v.mentionIdx.of(a.Article) {
			if t := people.terms[v.mentionIdx.slugs[n]]; t != nil {
				t.Articles = append(t.Articles, a)
			}
		}
	}
}
