package site

import (
	"bytes"
	"encoding/xml"
	"strconv"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
)

// sitemapMax is the most URLs one sitemap file may list: sitemaps.org
// allows 50,000 (and 50 MB; a URL here takes about 120 bytes). A site of
// 100 000 articles has twice that many pages; search engines ignore a
// sitemap over the limit, so the build then writes several, and
// sitemap.xml becomes their index (sitemaps.org, "Using sitemap index
// files"). robots.txt names sitemap.xml either way.
const sitemapMax = 50000

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// sitemapEntry is one URL of a sitemap, or one sitemap of an index.
type sitemapEntry struct {
	loc, lastmod string
}

// sitemapFile is a file the sitemap is written as.
type sitemapFile struct {
	name string
	data []byte
}

// sitemaps lists every page but the 404, with the date of its content.
func (s *Site) sitemaps() []sitemapFile {
	var latest civil.Date
	if len(s.views.articles) > 0 {
		latest = s.views.articles[0].Date
	}
	if len(s.views.meetings) > 0 && s.views.meetings[0].Date.After(latest) {
		latest = s.views.meetings[0].Date
	}
	urls := make([]sitemapEntry, 0, len(s.Pages))
	for _, p := range s.Pages {
		if p.Kind == "404" {
			continue
		}
		d := latest
		switch {
		case p.Article != nil:
			d = p.Article.Date
		case p.Meeting != nil && p.Kind == "meeting":
			d = p.Meeting.Date
		}
		u := sitemapEntry{loc: s.Config.AbsURL(p.Path)}
		if !d.IsZero() {
			u.lastmod = d.String()
		}
		urls = append(urls, u)
	}
	return splitSitemap(urls, sitemapMax, s.Config.AbsURL)
}

// splitSitemap writes urls as sitemap.xml when they fit in one file of
// limit, else as sitemap-1.xml, sitemap-2.xml, … of limit each, in page
// order, with sitemap.xml their index. absURL makes a site path absolute.
func splitSitemap(urls []sitemapEntry, limit int, absURL func(string) string) []sitemapFile {
	if len(urls) <= limit {
		return []sitemapFile{{"sitemap.xml", sitemapXML("urlset", "url", urls)}}
	}
	var files []sitemapFile
	var index []sitemapEntry
	for i := 0; i < len(urls); i += limit {
		part := urls[i:min(i+limit, len(urls))]
		name := "sitemap-" + strconv.Itoa(len(files)+1) + ".xml"
		// A sitemap changed when its newest page did; W3C dates
		// compare as strings.
		var newest string
		for _, u := range part {
			newest = max(newest, u.lastmod)
		}
		index = append(index, sitemapEntry{loc: absURL("/" + name), lastmod: newest})
		files = append(files, sitemapFile{name, sitemapXML("urlset", "url", part)})
	}
	return append([]sitemapFile{{"sitemap.xml", sitemapXML("sitemapindex", "sitemap", index)}}, files...)
}

// sitemapXML writes entries as encoding/xml writes a struct of them with
// two-space indentation (TestSitemapXMLMatchesEncodingXML), without its
// reflection: at 100 000 articles that was most of the sitemap's time.
func sitemapXML(root, item string, entries []sitemapEntry) []byte {
	var b bytes.Buffer
	b.Grow(64 + len(entries)*120)
	b.WriteString(xml.Header)
	b.WriteString("<" + root + ` xmlns="` + sitemapNS + `">`)
	for _, e := range entries {
		b.WriteString("\n  <" + item + ">\n    <loc>")
		xml.EscapeText(&b, []byte(e.loc)) //nolint:errcheck // a bytes.Buffer does not fail
		b.WriteString("</loc>")
		if e.lastmod != "" {
			b.WriteString("\n    <lastmod>")
			xml.EscapeText(&b, []byte(e.lastmod)) //nolint:errcheck
			b.WriteString("</lastmod>")
		}
		b.WriteString("\n  </" + item + ">")
	}
	if len(entries) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("</" + root + ">\n")
	return b.Bytes()
}
