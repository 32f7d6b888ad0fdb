package site

import (
	"strings"
	"sync/atomic"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/search"
)

const searchURL = "/tim-kiem/"

// searchDocs lists what the search page finds: articles, meetings,
// clusters and provinces.
func (s *Site) searchDocs() ([]search.Doc, search.Meta) {
	docs, meta, _ := s.searchDocsFor(false)
	return docs, meta
}

// searchDocsFor is searchDocs; with deferred, the articles come without
// their text (search.Doc.Deferred), and the map gives each article's
// index in the documents.
func (s *Site) searchDocsFor(deferred bool) ([]search.Doc, search.Meta, map[*ArticleView]int) {
	v := s.views
	meta := search.Meta{ClusterNames: map[string]string{}}
	var docs []search.Doc
	for _, c := range v.clusters {
		meta.ClusterNames[c.ID] = c.Label()
		var members []string
		for _, m := range append(append([]MemberView{}, c.Current...), c.Former...) {
			members = append(members, m.Unit.Text)
		}
		docs = append(docs, search.Doc{URL: c.URL, Type: "cum-thi-dua", Title: c.Name, Cluster: c.ID,
			Summary: c.Description, Body: strings.Join(append(c.Aliases, members...), ", ")})
	}
	// Reducing 6 KB of Markdown to text is most of the work here: the
	// articles are done on every CPU.
	articles := make([]search.Doc, len(v.articles))
	var index map[*ArticleView]int
	if deferred {
		index = make(map[*ArticleView]int, len(v.articles))
		for i, a := range v.articles {
			index[a] = len(docs) + i
		}
	}
	parallel(len(v.articles), func(lo, hi int) {
		for i, a := range v.articles[lo:hi] {
			d := search.Doc{URL: a.URL, Type: "tin-tuc", Title: a.Title, Date: a.Date.String(), Summary: a.Summary,
				Deferred: deferred}
			if !deferred {
				body, _ := s.text(a.Article) // a file gone since is reported when its page renders
				d.Body = markdownText(body)
			}
			if m := s.Data.Meeting(a.FrontMatter.Meeting); m != nil && m.ClusterRef != nil {
				d.Cluster = m.ClusterRef.ID
			} else if a.FrontMatter.Cluster != "" {
				if c, err := s.Data.Resolve.Cluster(a.FrontMatter.Cluster); err == nil {
					d.Cluster = c.ID
				}
			}
			articles[lo+i] = d
		}
	})
	docs = append(docs, articles...)
	for _, m := range v.meetings {
		d := search.Doc{URL: m.URL, Type: "hoi-nghi", Title: m.Title, Date: m.Date.String(), Summary: m.Summary,
			Place: strings.TrimSpace(m.Venue + " " + m.Place)}
		if m.ClusterRef != nil {
			d.Cluster = m.ClusterRef.ID
		}
		var body []string
		for _, p := range m.Meeting.People {
			d.People = append(d.People, p.Name)
			body = append(body, p.Title)
		}
		for _, dec := range m.Decisions {
			body = append(body, dec.Text)
		}
		d.Body = strings.Join(body, ". ")
		docs = append(docs, d)
	}
	for _, p := range v.provinces {
		body := p.LifeText
		if p.Successor != nil {
			body += " Sáp nhập vào " + p.Successor.Text + "."
		}
		for _, pre := range p.Predecessors {
			body += " " + pre.Link.Text
		}
		docs = append(docs, search.Doc{URL: p.URL, Type: "tinh", Title: p.Name,
			Summary: strings.Join(p.Aliases, ", "), Body: body})
	}
	return docs, meta, index
}

// searchFeed builds the search index of a one-off build from the text
// the render workers read for the articles' pages: each article's file
// is then read once, not again for the index, and no article's text is
// kept (search.Builder).
type searchFeed struct {
	b     *search.Builder
	index map[*ArticleView]int // each article's document
	// left counts the articles not added yet; the add that takes the
	// last one starts writing the index, alongside the pages that render
	// after the articles (a third of them at 10 000 articles).
	left     atomic.Int64
	write    func()
	started  atomic.Bool
	finished chan struct{}
}

// newSearchFeed starts the index with every document, the articles'
// text to come.
func (s *Site) newSearchFeed(l *diag.List) *searchFeed {
	docs, meta, index := s.searchDocsFor(true)
	b, err := search.NewBuilder(docs, meta, search.Options{})
	if err != nil {
		l.Errorf(diag.Pos{File: searchURL}, "building the search index: %v", err)
		return nil
	}
	f := &searchFeed{b: b, index: index, finished: make(chan struct{})}
	f.left.Store(int64(len(index)))
	return f
}

// add takes the Markdown of an article as its page renders; md may be
// reused once add returns. Safe for concurrent use; a nil feed takes
// nothing.
func (f *searchFeed) add(a *ArticleView, md []byte) {
	if f == nil {
		return
	}
	if i, ok := f.index[a]; ok {
		f.b.AddMarkdown(i, md)
		if f.left.Add(-1) == 0 {
			go f.finish()
		}
	}
}

// finish writes the index (f.write), once: when the last article is
// added, or after the render if an article's page failed before it was.
func (f *searchFeed) finish() {
	if f.started.Swap(true) {
		<-f.finished
		return
	}
	f.write()
	close(f.finished)
}

// writeTo returns the function that writes the index, every file as it
// is made and the manifest last. An article whose page did not render is
// indexed without text; its build fails anyway.
func (f *searchFeed) writeTo(out *output, l *diag.List) func() {
	return func() {
		err := f.b.Finish(func(name string, data []byte) {
			out.write(name, made("the search index"), data)
		})
		if err != nil {
			l.Errorf(diag.Pos{File: searchURL}, "building the search index: %v", err)
		}
	}
}

// markdownText reduces Markdown to the words a reader sees, for the index
// and its excerpts: link targets, footnote marks and markup go.
func markdownText(md []byte) string { return search.MarkdownText(md) }
