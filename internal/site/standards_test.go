package site

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
)

// TestFeedsAndSitemapStandards reads every feed and the sitemap of the
// sample site and of a generated one as a feed reader or a search engine
// would, with encoding/xml and structs of its own (not the ones the build
// writes with), and checks what the standards require: well-formed XML;
// RSS 2.0 channel title, link and description, and per item title, link,
// guid and an RFC 822 pubDate; Atom (RFC 4287) feed id, title, updated and
// author, and per entry id, title, updated (RFC 3339) and link; sitemaps.org
// urlset with absolute locs and W3C dates (YYYY-MM-DD). Every link must be
// under the site's address and name a page the build wrote.
func TestFeedsAndSitemapStandards(t *testing.T) {
	t.Parallel()
	t.Run("sample", func(t *testing.T) {
		t.Parallel()
		root := filepath.Join("..", "..")
		r := buildFS(t, os.DirFS(root), withSource(root))
		checkFeedsAndSitemap(t, r, 10) // 5 articles: the site's and each cluster's RSS and Atom
	})
	t.Run("generated", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		if err := corpus.Generate(dir, 300, 1); err != nil {
			t.Fatal(err)
		}
		r := buildFS(t, os.DirFS(dir), withSource(dir))
		checkFeedsAndSitemap(t, r, 4)
	})
}

func checkFeedsAndSitemap(t *testing.T, r *siteResult, minFeeds int) {
	base := r.Site.Config.AbsURL("/")
	var feeds int
	err := filepath.WalkDir(r.Out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, r.Out+string(filepath.Separator)))
		switch path.Base(rel) {
		case "rss.xml":
			feeds++
			checkRSS(t, r, rel, readXML(t, p), base)
		case "atom.xml":
			feeds++
			checkAtom(t, r, rel, readXML(t, p), base)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if feeds < minFeeds {
		t.Errorf("%d feeds, want at least %d", feeds, minFeeds)
	}
	checkSitemap(t, r, readXML(t, filepath.Join(r.Out, "sitemap.xml")), base)
}

// readXML returns the file, after checking that it is well-formed XML in
// UTF-8 with an XML declaration.
func readXML(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("%s does not start with an XML declaration naming UTF-8: %.60q", file, b)
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	for {
		if _, err := dec.Token(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", file, err)
		}
	}
	return b
}

type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel *struct {
		Title       *string `xml:"title"`
		Description *string `xml:"description"`
		Language    string  `xml:"language"`
		// <link> and <atom:link> both: encoding/xml matches a name
		// without a namespace in every namespace.
		Links []struct {
			XMLName xml.Name
			Href    string `xml:"href,attr"`
			Rel     string `xml:"rel,attr"`
			Text    string `xml:",chardata"`
		} `xml:"link"`
		Items []struct {
			Title   string `xml:"title"`
			Link    string `xml:"link"`
			GUID    string `xml:"guid"`
			PubDate string `xml:"pubDate"`
		} `xml:"item"`
	} `xml:"channel"`
}

func checkRSS(t *testing.T, r *siteResult, name string, b []byte, base string) {
	var doc rssDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if doc.Version != "2.0" {
		t.Errorf("%s: rss version %q, want 2.0", name, doc.Version)
	}
	ch := doc.Channel
	if ch == nil {
		t.Fatalf("%s: no channel", name)
	}
	for field, v := range map[string]*string{"title": ch.Title, "description": ch.Description} {
		if v == nil || strings.TrimSpace(*v) == "" {
			t.Errorf("%s: channel has no %s", name, field)
		}
	}
	link, self := false, false
	for _, l := range ch.Links {
		switch l.XMLName.Space {
		case "":
			link = true
			checkLink(t, r, name, "channel link", strings.TrimSpace(l.Text), base)
		case "http://www.w3.org/2005/Atom":
			self = self || l.Rel == "self" && l.Href == r.Site.Config.AbsURL("/"+name)
		}
	}
	if !link {
		t.Errorf("%s: channel has no link", name)
	}
	if !self {
		t.Errorf("%s: no atom:link rel=self to its own address %s", name, r.Site.Config.AbsURL("/"+name))
	}
	if len(ch.Items) == 0 {
		t.Errorf("%s: no item", name)
	}
	for i, it := range ch.Items {
		where := name + ": item " + it.Link
		if strings.TrimSpace(it.Title) == "" {
			t.Errorf("%s (#%d): no title", where, i+1)
		}
		checkLink(t, r, where, "link", it.Link, base)
		if it.GUID == "" {
			t.Errorf("%s: no guid", where)
		} else {
			checkLink(t, r, where, "guid", it.GUID, base) // a permalink by default
		}
		if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
			if _, err2 := time.Parse(time.RFC1123, it.PubDate); err2 != nil {
				t.Errorf("%s: pubDate %q is not an RFC 822 date: %v", where, it.PubDate, err)
			}
		}
	}
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomLinkDoc struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type atomDoc struct {
	XMLName xml.Name      `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string        `xml:"http://www.w3.org/2005/Atom id"`
	Title   *atomText     `xml:"http://www.w3.org/2005/Atom title"`
	Updated string        `xml:"http://www.w3.org/2005/Atom updated"`
	Links   []atomLinkDoc `xml:"http://www.w3.org/2005/Atom link"`
	Authors []struct {
		Name string `xml:"http://www.w3.org/2005/Atom name"`
	} `xml:"http://www.w3.org/2005/Atom author"`
	Entries []struct {
		ID      string        `xml:"http://www.w3.org/2005/Atom id"`
		Title   *atomText     `xml:"http://www.w3.org/2005/Atom title"`
		Updated string        `xml:"http://www.w3.org/2005/Atom updated"`
		Links   []atomLinkDoc `xml:"http://www.w3.org/2005/Atom link"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
}

func checkAtom(t *testing.T, r *siteResult, name string, b []byte, base string) {
	var doc atomDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: not an Atom feed: %v", name, err)
	}
	if doc.ID == "" {
		t.Errorf("%s: feed has no id", name)
	} else if u, err := url.Parse(doc.ID); err != nil || !u.IsAbs() {
		t.Errorf("%s: feed id %q is not an absolute IRI", name, doc.ID)
	}
	if doc.Title == nil || strings.TrimSpace(doc.Title.Text) == "" {
		t.Errorf("%s: feed has no title", name)
	}
	checkRFC3339(t, name+": feed updated", doc.Updated)
	self := false
	for _, l := range doc.Links {
		self = self || l.Rel == "self" && l.Href == r.Site.Config.AbsURL("/"+name)
	}
	if !self {
		t.Errorf("%s: no link rel=self to its own address", name)
	}
	// RFC 4287 4.1.1: a feed has an author, or every entry has one.
	if len(doc.Authors) == 0 || strings.TrimSpace(doc.Authors[0].Name) == "" {
		t.Errorf("%s: feed has no author name", name)
	}
	if len(doc.Entries) == 0 {
		t.Errorf("%s: no entry", name)
	}
	ids := map[string]bool{}
	for i, e := range doc.Entries {
		where := name + ": entry " + e.ID
		if e.ID == "" {
			t.Errorf("%s: entry #%d has no id", name, i+1)
		}
		if ids[e.ID] {
			t.Errorf("%s: two entries have the id %s", name, e.ID)
		}
		ids[e.ID] = true
		if e.Title == nil || strings.TrimSpace(e.Title.Text) == "" {
			t.Errorf("%s: no title", where)
		}
		checkRFC3339(t, where+": updated", e.Updated)
		alternate := false
		for _, l := range e.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				alternate = true
				checkLink(t, r, where, "link", l.Href, base)
			}
		}
		if !alternate {
			t.Errorf("%s: no alternate link (RFC 4287 4.1.2: an entry without content needs one)", where)
		}
	}
}

func checkRFC3339(t *testing.T, what, v string) {
	t.Helper()
	if _, err := time.Parse(time.RFC3339, v); err != nil {
		t.Errorf("%s %q is not an RFC 3339 date-time: %v", what, v, err)
	}
}

var w3cDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func checkSitemap(t *testing.T, r *siteResult, b []byte, base string) {
	var doc struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
			LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("sitemap.xml: not a sitemaps.org urlset: %v", err)
	}
	// At most 50,000 URLs and 50 MB per file (sitemaps.org).
	if len(doc.URLs) == 0 || len(doc.URLs) > 50000 || len(b) > 50<<20 {
		t.Errorf("sitemap.xml: %d URLs in %d bytes; want 1 to 50,000 in at most 50 MB", len(doc.URLs), len(b))
	}
	seen := map[string]bool{}
	for _, u := range doc.URLs {
		if seen[u.Loc] {
			t.Errorf("sitemap.xml: %s listed twice", u.Loc)
		}
		seen[u.Loc] = true
		checkLink(t, r, "sitemap.xml", "loc", u.Loc, base)
		if u.LastMod != "" {
			if _, err := time.Parse(time.DateOnly, u.LastMod); err != nil || !w3cDate.MatchString(u.LastMod) {
				t.Errorf("sitemap.xml: %s: lastmod %q is not a date YYYY-MM-DD", u.Loc, u.LastMod)
			}
		}
	}
	// Every page but the 404 is listed.
	for _, p := range r.Site.Pages {
		if p.Kind != "404" && !seen[r.Site.Config.AbsURL(p.Path)] {
			t.Errorf("sitemap.xml does not list %s", p.Path)
		}
	}
}

// checkLink checks that link is an absolute URL under the site's address
// base whose page the build wrote.
func checkLink(t *testing.T, r *siteResult, where, what, link, base string) {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil || !u.IsAbs() || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		t.Errorf("%s: %s %q is not an absolute http(s) URL", where, what, link)
		return
	}
	if !strings.HasPrefix(link, base) {
		t.Errorf("%s: %s %q is not under the site's address %s", where, what, link, base)
		return
	}
	rel := strings.TrimPrefix(link, base)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if _, err := os.Stat(filepath.Join(r.Out, filepath.FromSlash(rel))); err != nil {
		t.Errorf("%s: %s %s names no file the build wrote (%s)", where, what, link, rel)
	}
}
