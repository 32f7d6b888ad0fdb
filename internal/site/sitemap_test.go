package site

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
)

// TestSitemapXMLMatchesEncodingXML: the hand-written sitemap is what
// encoding/xml writes for the same entries, escaping included.
func TestSitemapXMLMatchesEncodingXML(t *testing.T) {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}
	type index struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Maps    []url    `xml:"sitemap"`
	}
	for _, entries := range [][]sitemapEntry{
		nil,
		{{"https://example.org/", ""}},
		{{"https://example.org/tin-tuc/a/", "2024-05-01"}, {"https://example.org/?q=a&b=<c>\"'", "2025-07-01"},
			{"https://example.org/tỉnh/hòa-bình/\t", ""}, {"https://example.org/x\u0001y", "2020-01-02"}},
	} {
		var set urlset
		var idx index
		for _, e := range entries {
			set.URLs = append(set.URLs, url{e.loc, e.lastmod})
			idx.Maps = append(idx.Maps, url{e.loc, e.lastmod})
		}
		if got, want := string(sitemapXML("urlset", "url", entries)), string(marshalXML(set)); got != want {
			t.Errorf("urlset of %d entries:\n%s\nwant (encoding/xml)\n%s", len(entries), got, want)
		}
		if got, want := string(sitemapXML("sitemapindex", "sitemap", entries)), string(marshalXML(idx)); got != want {
			t.Errorf("sitemapindex of %d entries:\n%s\nwant (encoding/xml)\n%s", len(entries), got, want)
		}
	}
}

// TestSitemapSplits: past the limit of URLs a file, the sitemap is cut
// into files of at most the limit, in page order, and sitemap.xml is
// their index, each with the date of its newest page.
func TestSitemapSplits(t *testing.T) {
	var urls []sitemapEntry
	for i := range 7 {
		u := sitemapEntry{loc: fmt.Sprintf("https://example.org/p%d/", i)}
		if i != 4 {
			u.lastmod = fmt.Sprintf("2024-01-%02d", 10-i)
		}
		urls = append(urls, u)
	}
	abs := func(p string) string { return "https://example.org/khuyenhoc" + p }
	if files := splitSitemap(urls, 7, abs); len(files) != 1 || files[0].name != "sitemap.xml" || !strings.Contains(string(files[0].data), "<urlset") {
		t.Fatalf("7 URLs with a limit of 7: want one urlset in sitemap.xml, got %d files", len(files))
	}
	files := splitSitemap(urls, 3, abs)
	var names []string
	for _, f := range files {
		names = append(names, f.name)
	}
	if got := strings.Join(names, " "); got != "sitemap.xml sitemap-1.xml sitemap-2.xml sitemap-3.xml" {
		t.Fatalf("files %s", got)
	}
	type loc struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	}
	var index struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Maps    []loc    `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap"`
	}
	if err := xml.Unmarshal(files[0].data, &index); err != nil {
		t.Fatalf("sitemap.xml is not a sitemap index: %v", err)
	}
	want := []loc{
		{"https://example.org/khuyenhoc/sitemap-1.xml", "2024-01-10"},
		{"https://example.org/khuyenhoc/sitemap-2.xml", "2024-01-07"},
		{"https://example.org/khuyenhoc/sitemap-3.xml", "2024-01-04"},
	}
	if fmt.Sprint(index.Maps) != fmt.Sprint(want) {
		t.Errorf("index %v, want %v", index.Maps, want)
	}
	var all []string
	for _, f := range files[1:] {
		var set struct {
			XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
			URLs    []loc    `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
		}
		if err := xml.Unmarshal(f.data, &set); err != nil {
			t.Fatalf("%s is not a urlset: %v", f.name, err)
		}
		if len(set.URLs) > 3 {
			t.Errorf("%s lists %d URLs, more than the limit of 3", f.name, len(set.URLs))
		}
		for _, u := range set.URLs {
			all = append(all, u.Loc)
		}
	}
	if len(all) != 7 || all[0] != urls[0].loc || all[6] != urls[6].loc {
		t.Errorf("the parts list %v, want the 7 URLs in order", all)
	}
}
