package site

import (
	"bytes"
	"encoding/xml"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
)

// Feed is a news feed a page advertises in its <head>.
type Feed struct {
	Title string
	URL   string // site path
	Type  string // MIME type
}

const feedItems = 20

func rssURL(prefix string) string  { return prefix + "rss.xml" }
func atomURL(prefix string) string { return prefix + "atom.xml" }

// feedSet is one RSS + Atom pair: site-wide, or one cluster's news.
type feedSet struct {
	title, prefix string // prefix: "/" or "/cum-thi-dua/tay-bac/"
	articles      []*ArticleView
}

func (f feedSet) links() []Feed {
	return []Feed{
		{Title: f.title + " (RSS)", URL: rssURL(f.prefix), Type: "application/rss+xml"},
		{Title: f.title + " (Atom)", URL: atomURL(f.prefix), Type: "application/atom+xml"},
	}
}

func (s *Site) feedSets() []feedSet {
	sets := []feedSet{{title: s.Config.Title, prefix: "/", articles: s.views.articles}}
	for _, c := range s.views.clusters {
		if len(c.Articles) > 0 {
			sets = append(sets, feedSet{title: s.Config.Title + " – " + c.Label(), prefix: c.URL, articles: c.Articles})
		}
	}
	return sets
}

// The newest date among the items is the feed's date: a build timestamp
// would make two builds of the same commit differ.
func newest(items []*ArticleView) civil.Date {
	if len(items) == 0 {
		return civil.Date{Year: 2000, Month: 1, Day: 1}
	}
	return items[0].Date
}

// rfc822 and rfc3339 render a civil date at midnight Vietnam time.
var vietnam = time.FixedZone("ICT", 7*3600)

func dayTime(d civil.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, vietnam)
}

type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate"`
	Description string `xml:"description,omitempty"`
	Category    string `xml:"category,omitempty"`
}

func (s *Site) rss(f feedSet) []byte {
	items := f.articles[:min(feedItems, len(f.articles))]
	ch := rssChannel{
		Title: f.title, Link: s.Config.AbsURL(f.prefix), Description: s.Config.Description,
		Language: "vi", LastBuildDate: dayTime(newest(items)).Format(time.RFC1123Z),
		Self: atomLink{Href: s.Config.AbsURL(rssURL(f.prefix)), Rel: "self", Type: "application/rss+xml"},
	}
	for _, a := range items {
		it := rssItem{Title: a.Title, Link: s.Config.AbsURL(a.URL), GUID: s.Config.AbsURL(a.URL),
			PubDate: dayTime(a.Date).Format(time.RFC1123Z), Description: a.Summary}
		if a.Cluster != nil {
			it.Category = a.Cluster.Text
		}
		ch.Items = append(ch.Items, it)
	}
	return marshalXML(rss{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: ch})
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary,omitempty"`
}

func (s *Site) atom(f feedSet) []byte {
	items := f.articles[:min(feedItems, len(f.articles))]
	feed := atomFeed{
		Lang: "vi", Title: f.title, ID: s.Config.AbsURL(f.prefix),
		Updated: dayTime(newest(items)).Format(time.RFC3339),
		Links: []atomLink{
			{Href: s.Config.AbsURL(atomURL(f.prefix)), Rel: "self", Type: "application/atom+xml"},
			{Href: s.Config.AbsURL(f.prefix), Rel: "alternate", Type: "text/html"},
		},
		Author: atomAuthor{Name: s.Config.Title},
	}
	for _, a := range items {
		feed.Entries = append(feed.Entries, atomEntry{Title: a.Title, ID: s.Config.AbsURL(a.URL),
			Updated: dayTime(a.Date).Format(time.RFC3339),
			Link:    atomLink{Href: s.Config.AbsURL(a.URL), Rel: "alternate", Type: "text/html"},
			Summary: a.Summary})
	}
	return marshalXML(feed)
}

func marshalXML(v any) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(err) // only fixed struct types are encoded
	}
	b.WriteByte('\n')
	return b.Bytes()
}

func (s *Site) robots() []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.Config.AbsURL("/sitemap.xml") + "\n")
}
