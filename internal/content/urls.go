package content

import (
	"bytes"
	"html"
	"net/url"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// UnsafeScheme returns the scheme of a URL that would run script or
// embed a whole document in the page ("javascript:", "vbscript:",
// "data:"), or "" for any other URL. It sees through what browsers see
// through: letter case, spaces and control characters before the URL, tabs
// and line breaks inside it ("java&#x09;script:"), character references
// ("&#106;avascript:") and percent-encoding.
func UnsafeScheme(raw string) string {
	// Most URLs are a site path or http(s), answered without the work
	// below: no ':' can appear without one already there, or a character
	// reference or percent-encoding to make it.
	if !strings.ContainsAny(raw, ":&%") || strings.HasPrefix(raw, "https://") || strings.HasPrefix(raw, "http://") {
		return ""
	}
	return unsafeScheme(raw)
}

// unsafeScheme is UnsafeScheme without its shortcut.
func unsafeScheme(raw string) string {
	s := html.UnescapeString(raw)
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	s = strings.TrimLeftFunc(s, func(r rune) bool { return r <= ' ' })
	scheme, _, ok := strings.Cut(s, ":")
	if !ok {
		return ""
	}
	switch strings.ToLower(scheme) {
	case "javascript", "vbscript", "data":
		return strings.ToLower(scheme) + ":"
	}
	return ""
}

// UnsafeURL is a link or image in Markdown whose URL has an unsafe scheme
// (see [UnsafeScheme]). It is rendered without its URL.
type UnsafeURL struct {
	// Offset is where the URL (or, when it cannot be found, the link) is
	// written, as a byte offset into the Markdown.
	Offset int
	URL    string
	Scheme string
	Image  bool
}

// unsafeURLs finds links and images with an unsafe URL while Markdown is
// parsed, empties their URL, and leaves the list in the parser context.
type unsafeURLs struct{}

var unsafeKey = parser.NewContextKey()

func (unsafeURLs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(unsafeURLs{}, 1000)))
}

func (unsafeURLs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var found []UnsafeURL
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if s := UnsafeScheme(string(n.Destination)); s != "" {
				found = append(found, UnsafeURL{Offset: linkOffset(n, n.Destination, src), URL: string(n.Destination), Scheme: s})
				n.Destination = nil
			}
		case *ast.Image:
			if s := UnsafeScheme(string(n.Destination)); s != "" {
				found = append(found, UnsafeURL{Offset: linkOffset(n, n.Destination, src), URL: string(n.Destination), Scheme: s, Image: true})
				n.Destination = nil
			}
		case *ast.AutoLink:
			u := n.URL(src)
			if s := UnsafeScheme(string(u)); s != "" {
				off := subsliceOffset(src, n.Label(src))
				if off < 0 {
					off = blockStart(n)
				}
				// goldmark renders it without the URL (href=""), its text
				// as text.
				found = append(found, UnsafeURL{Offset: off, URL: string(u), Scheme: s})
			}
		}
		return ast.WalkContinue, nil
	})
	if len(found) > 0 {
		pc.Set(unsafeKey, found)
	}
}

// linkOffset finds where a link's URL is written: after its text, in its
// block (for a reference link, the definition is elsewhere and the link's
// own position is given).
func linkOffset(n ast.Node, dest, src []byte) int {
	start := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			start = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if start < 0 {
		start = blockStart(n)
	}
	// The link itself opens with '[' (or "![") before its text.
	open := start
	if i := lastIndexBefore(src, start, '['); i >= 0 {
		open = i
	}
	end := blockEnd(n, len(src))
	if len(dest) > 0 && open < end {
		if i := indexIn(src[open:end], dest); i >= 0 {
			return open + i
		}
	}
	// A reference link: its URL is in the definition, [x]: URL.
	if len(dest) > 0 {
		if i := indexIn(src, append([]byte("]: "), dest...)); i >= 0 {
			return i + 3
		}
	}
	return open
}

func lastIndexBefore(src []byte, at int, c byte) int {
	for i := min(at, len(src)) - 1; i >= 0 && i >= at-4096; i-- {
		if src[i] == c {
			return i
		}
		if src[i] == '\n' && i < at-1 {
			break
		}
	}
	return -1
}

func indexIn(hay, needle []byte) int { return bytes.Index(hay, needle) }

// block returns the block holding an inline node.
func block(n ast.Node) ast.Node {
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines() != nil && p.Lines().Len() > 0 {
			return p
		}
	}
	return nil
}

func blockStart(n ast.Node) int {
	if b := block(n); b != nil {
		return b.Lines().At(0).Start
	}
	return 0
}

func blockEnd(n ast.Node, max int) int {
	if b := block(n); b != nil {
		lines := b.Lines()
		return min(max, lines.At(lines.Len()-1).Stop)
	}
	return max
}

// subsliceOffset returns where sub starts in src when it is a part of it
// (shares its memory), or -1.
func subsliceOffset(src, sub []byte) int {
	if len(sub) == 0 {
		return -1
	}
	off := cap(src) - cap(sub)
	if off < 0 || off+len(sub) > len(src) || &src[off] != &sub[0] {
		return -1
	}
	return off
}

// checker parses Markdown as [Markdown] does, only to find unsafe URLs.
var checker = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.Footnote, unsafeURLs{}))
})

// mayHoldUnsafeURL is true for Markdown that could hold an unsafe URL:
// one that mentions a scheme's name, a character reference or a
// percent-encoded byte. Most articles do not, and are not parsed at load.
// Each word is looked for in any letter case, which covers the exact
// spelling too; the character references, which all begin with '&', in
// one pass.
func mayHoldUnsafeURL(md []byte) bool {
	for i := bytes.IndexByte(md, '%'); i >= 0 && i+2 < len(md); {
		if isHex(md[i+1]) && isHex(md[i+2]) {
			return true // percent-encoding, "d%61ta:"
		}
		j := bytes.IndexByte(md[i+1:], '%')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	for i := bytes.IndexByte(md, '&'); i >= 0; {
		rest := md[i:]
		if bytes.HasPrefix(rest, []byte("&#")) || hasPrefixFoldASCII(rest, "&colon") || hasPrefixFoldASCII(rest, "&tab") ||
			hasPrefixFoldASCII(rest, "&newline") {
			return true
		}
		j := bytes.IndexByte(md[i+1:], '&')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return containsFoldASCII(md, "script") || containsFoldASCII(md, "data")
}

// hasPrefixFoldASCII reports whether b begins with the lower-case ASCII
// word w in any letter case.
func hasPrefixFoldASCII(b []byte, w string) bool {
	if len(b) < len(w) {
		return false
	}
	for k := range len(w) {
		if b[k] != w[k] && (b[k]|0x20 != w[k] || w[k] < 'a' || w[k] > 'z') {
			return false
		}
	}
	return true
}

// containsFoldASCII reports whether b holds the lower-case ASCII word w
// in any letter case, without copying b. It jumps from one occurrence of
// w's first letter (either case) to the next, so a text without that
// letter costs one fast scan.
func containsFoldASCII(b []byte, w string) bool {
	first := []byte{w[0]}
	if 'a' <= w[0] && w[0] <= 'z' {
		first = append(first, w[0]-'a'+'A')
	}
	for _, c := range first {
		for i := 0; ; i++ {
			j := bytes.IndexByte(b[i:], c)
			if j < 0 {
				break
			}
			i += j
			if i+len(w) > len(b) {
				break
			}
			if hasPrefixFoldASCII(b[i:], w) {
				return true
			}
		}
	}
	return false
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// UnsafeURLs returns the links and images of Markdown whose URL has an
// unsafe scheme, in source order. Rendering finds them too
// ([Markdown.RenderChecked]); this finds them at load, so they are
// reported with every other mistake.
func UnsafeURLs(md []byte) []UnsafeURL {
	if !mayHoldUnsafeURL(md) {
		return nil
	}
	pc := parser.NewContext()
	checker().Parser().Parse(text.NewReader(md), parser.WithContext(pc))
	found, _ := pc.Get(unsafeKey).([]UnsafeURL)
	return found
}

// UnsafeHint says what to write instead of a script or data URL.
func UnsafeHint(scheme string, image bool) string {
	switch {
	case scheme == "data:" && image:
		return "a data: URL puts a whole file into the page: save the picture in static/ (static/anh/x.jpg) and write its path, /anh/x.jpg"
	case scheme == "data:":
		return "a data: URL puts a whole document into the page: save the file in static/ and link to its path, or link to a web page (https://…)"
	case image:
		return "a " + scheme + " URL runs script in the reader's browser: write the path of a picture in static/ (/anh/x.jpg) or an https:// address"
	}
	return "a " + scheme + " URL runs script in the reader's browser: link to a web page (https://…) or a page of the site (/tin-tuc/…), or remove the link"
}
