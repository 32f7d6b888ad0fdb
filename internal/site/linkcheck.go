package site

import (
	"bytes"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// linkIndex records, while pages render, every internal link each page
// makes and every anchor it offers; check then resolves them all against
// the files written.
type linkIndex struct {
	base    string // base path, "/" or "/khuyenhoc/"
	mu      sync.Mutex
	links   []pageLink
	anchors map[string]map[string]bool // file → ids
}

type pageLink struct {
	file, target, fragment string
	page                   *Page
	raw                    string
}

func newLinkIndex(base string) *linkIndex {
	return &linkIndex{base: base, anchors: map[string]map[string]bool{}}
}

// scan extracts href/src attributes and ids from a rendered page.
func (li *linkIndex) scan(file string, p *Page, doc []byte) {
	var links []pageLink
	ids := map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		for {
			key, val, more := z.TagAttr()
			switch string(key) {
			case "id":
				ids[string(val)] = true
			case "href", "src":
				if l, ok := li.resolve(file, string(val)); ok {
					l.page, l.raw = p, string(val)
					links = append(links, l)
				}
			}
			if !more {
				break
			}
		}
	}
	li.mu.Lock()
	li.links = append(li.links, links...)
	li.anchors[file] = ids
	li.mu.Unlock()
}

// resolve turns an href into the output file it must name; ok is false for
// links that leave the site.
func (li *linkIndex) resolve(file, ref string) (pageLink, bool) {
	u, err := url.Parse(ref)
	if err != nil {
		return pageLink{file: file, target: "\x00" + ref}, true
	}
	if u.Scheme != "" || u.Host != "" {
		return pageLink{}, false
	}
	p := u.Path
	switch {
	case p == "":
		p = "/" + file
	case !strings.HasPrefix(p, "/"):
		p = path.Join("/"+path.Dir(file), p)
		if strings.HasSuffix(u.Path, "/") {
			p += "/"
		}
	case !strings.HasPrefix(p, li.base):
		return pageLink{file: file, target: "\x00" + ref}, true
	default:
		p = "/" + strings.TrimPrefix(p, li.base)
	}
	return pageLink{file: file, target: outputFile(p), fragment: u.Fragment}, true
}

// check reports every link to a file that was not written, or to an anchor
// the target does not have.
func (li *linkIndex) check(files map[string]bool, s *Site, l *diag.List) {
	slices.SortFunc(li.links, func(a, b pageLink) int {
		return strings.Compare(a.file+"\x00"+a.raw, b.file+"\x00"+b.raw)
	})
	reported := map[string]bool{}
	for _, k := range li.links {
		key := k.file + "\x00" + k.raw
		if reported[key] {
			continue
		}
		var problem string
		switch {
		case strings.HasPrefix(k.target, "\x00"):
			problem = "points outside the site (base path " + li.base + ")"
		case !files[k.target]:
			problem = "points to a page that does not exist"
		case k.fragment != "" && !li.anchors[k.target][k.fragment] && strings.HasSuffix(k.target, ".html"):
			problem = "points to #" + k.fragment + ", which " + k.target + " does not have"
		default:
			continue
		}
		reported[key] = true
		pos := diag.Pos{File: "public/" + k.file}
		hint := "fix the layout that writes it"
		if k.page != nil && k.page.Article != nil {
			pos = s.markdownLinkPos(k.page, k.raw)
			hint = "fix or remove the link in the article"
		}
		e := l.Errorf(pos, "broken link %q on %s: %s", k.raw, k.page.Path, problem)
		e.Hint = hint
	}
}

// markdownLinkPos finds the line of the article that writes the link, so
// the error names the Markdown file:line rather than the HTML.
func (s *Site) markdownLinkPos(p *Page, raw string) diag.Pos {
	a := p.Article
	target := strings.TrimPrefix(raw, strings.TrimSuffix(s.Config.BasePath(), "/"))
	for _, cand := range []string{raw, target} {
		if i := bytes.Index(a.Body, []byte(cand)); i >= 0 && cand != "" {
			line := a.BodyLine + bytes.Count(a.Body[:i], []byte("\n"))
			col := i - bytes.LastIndexByte(a.Body[:i], '\n')
			return diag.Pos{File: a.File, Line: line, Col: col}
		}
	}
	return diag.Pos{File: a.File}
}
