package site

import (
	"fmt"
	"maps"
	"slices"

	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// checkArticles checks what articles say about the data: the cluster,
// meeting, provinces and source they name must exist, and no two articles
// may share a URL. Drafts are checked too, so a draft cannot hide an error
// until the day it is published.
func (s *Site) checkArticles(all []*content.Article, l *diag.List) {
	d := s.Data
	bySlug := map[string]*content.Article{}
	for _, a := range all {
		if prev, dup := bySlug[a.Slug]; dup {
			reportSameURL(a, prev, l)
		} else {
			bySlug[a.Slug] = a
		}
		report := func(key string, err error, hint string) {
			e := a.Doc.Errorf(l, a.KeyPos(key), "%v", err)
			e.Hint = hint
		}
		if a.Cluster != "" {
			if _, err := d.Resolve.Cluster(a.Cluster); err != nil {
				report("cluster", err, err.Hint)
			}
		}
		if a.Meeting != "" {
			if m := d.Meeting(a.Meeting); m == nil {
				ids := make([]string, 0, len(d.Meetings))
				for _, m := range d.Meetings {
					ids = append(ids, m.ID)
				}
				hint := diag.DidYouMean(a.Meeting, ids)
				if hint == "" {
					hint = "meeting ids are the file names in data/meetings/"
				}
				report("meeting", fmt.Errorf("unknown meeting %q", a.Meeting), hint)
			} else if a.Cluster != "" && m.ClusterRef != nil {
				if c, err := d.Resolve.Cluster(a.Cluster); err == nil && c != m.ClusterRef {
					report("cluster", fmt.Errorf("cluster %q differs from the meeting's cluster %q", a.Cluster, m.ClusterRef.ID),
						"drop cluster: it is taken from the meeting")
				}
			}
		}
		for i, p := range a.Provinces {
			if _, err := d.Resolve.Province(p); err != nil {
				report(fmt.Sprintf("provinces[%d]", i), err, err.Hint)
			}
		}
		if a.Source.ID != "" && d.Source(a.Source.ID) == nil {
			ids := make([]string, 0, len(d.Sources))
			for _, src := range d.Sources {
				ids = append(ids, src.ID)
			}
			hint := diag.DidYouMean(a.Source.ID, ids)
			if hint == "" {
				hint = "add it to data/sources.toml, or write source = { publication = \"…\", url = \"…\" }"
			}
			report("source", fmt.Errorf("unknown source %q", a.Source.ID), hint)
		}
		if a.Source.URL != "" && !isWebURL(a.Source.URL) {
			hint := "copy the address from the browser's address bar; it starts with https://"
			if sch := content.UnsafeScheme(a.Source.URL); sch != "" {
				hint = "a " + sch + " URL is never a publication's address: " + hint
			}
			report("source.url", fmt.Errorf("source url %q must start with https:// or http://", a.Source.URL), hint)
		}
	}
	slugs := slices.Sorted(maps.Keys(bySlug))
	articleHint := func(slug string) string {
		if h := diag.DidYouMean(slug, slugs); h != "" {
			return h
		}
		return "articles are named by their file name in content/news/ without .md"
	}
	for _, m := range d.Meetings {
		for i, slug := range m.Articles {
			if bySlug[slug] == nil {
				e := l.Errorf(m.KeyPos(fmt.Sprintf("articles[%d]", i)), "meeting %s lists unknown article %q", m.ID, slug)
				e.Hint = articleHint(slug)
			}
		}
	}
	for _, src := range d.Sources {
		if src.Article != "" && bySlug[src.Article] == nil {
			e := l.Errorf(src.ArticlePos, "source %s names unknown article %q", src.ID, src.Article)
			e.Hint = articleHint(src.Article)
		}
	}
}

// reportSameURL reports two articles with one URL name at the slug key that
// made them clash, or, when neither sets slug (files of the same name in
// two folders), at the title of the later one.
func reportSameURL(a, prev *content.Article, l *diag.List) {
	blamed, other := a, prev
	if a.FrontMatter.Slug == "" && prev.FrontMatter.Slug != "" {
		blamed, other = prev, a
	}
	key, hint := "title", "the other is "+other.File+"; rename one file or set slug"
	if blamed.FrontMatter.Slug != "" {
		key, hint = "slug", "the other is "+other.File+"; choose another slug, or leave slug out to use the file name"
	}
	e := blamed.Doc.Errorf(l, blamed.KeyPos(key), "two articles have the URL name %q", blamed.Slug)
	e.Hint = hint
}

func isWebURL(u string) bool {
	return len(u) > 8 && (u[:8] == "https://" || u[:7] == "http://")
}
