package site

import (
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/search"
)

const searchURL = "/tim-kiem/"

// searchDocs lists what the search page finds: articles, meetings,
// clusters and provinces.
func (s *Site) searchDocs() ([]search.Doc, search.Meta) {
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
	parallel(len(v.articles), func(lo, hi int) {
		for i, a := range v.articles[lo:hi] {
			body, _ := s.text(a.Article) // a file gone since is reported when its page renders
			d := search.Doc{URL: a.URL, Type: "tin-tuc", Title: a.Title, Date: a.Date.String(), Summary: a.Summary,
				Body: markdownText(body)}
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
	return docs, meta
}

// markdownText reduces Markdown to the words a reader sees, for the index
// and its excerpts: link targets, footnote marks and markup go.
func markdownText(md []byte) string { return search.MarkdownText(md) }
