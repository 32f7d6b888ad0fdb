package content

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// linkRenderer renders links, autolinks (bare links included) and images
// exactly as goldmark's HTML renderer does, deciding whether a URL is
// dangerous without html.IsDangerousURL: that lower-cases a copy of the
// URL's first bytes, and one of its own constant, for each of up to eight
// prefixes, so every link cost sixteen small allocations
// (TestLinksMatchGoldmark).
type linkRenderer struct {
	unsafe bool        // html.WithUnsafe: every URL is written
	writer html.Writer // the renderer's, for titles
	// An image's alt text is its text and string nodes as goldmark's
	// renderer writes them: its own functions, from a renderer with the
	// same options.
	text, str renderer.NodeRendererFunc
}

func newLinkRenderer(unsafe bool, writer html.Writer, opts []html.Option) linkRenderer {
	stock := registered{}
	html.NewRenderer(opts...).RegisterFuncs(stock)
	return linkRenderer{unsafe: unsafe, writer: writer, text: stock[ast.KindText], str: stock[ast.KindString]}
}

// linksPriority runs before goldmark's HTML renderer (1000): the lower
// value's function is the one kept.
const linksPriority = 400

func (x linkRenderer) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(x, linksPriority)))
}

func (x linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, x.renderLink)
	reg.Register(ast.KindAutoLink, x.renderAutoLink)
	reg.Register(ast.KindImage, x.renderImage)
}

// renderLink is goldmark's (renderer/html, v1.8).
func (x linkRenderer) renderLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<a href=\"")
	x.writeURL(w, util.URLEscape(n.Destination, true))
	_ = w.WriteByte('"')
	x.writeTitleAndClose(w, n, n.Title, html.LinkAttributeFilter)
	return ast.WalkContinue, nil
}

// renderAutoLink is goldmark's (renderer/html, v1.8).
func (x linkRenderer) renderAutoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	url := util.URLEscape(n.URL(source), false)
	label := n.Label(source)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		_, _ = w.WriteString("mailto:")
	}
	x.writeURL(w, url)
	if n.Attributes() != nil {
		_ = w.WriteByte('"')
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
		_ = w.WriteByte('>')
	} else {
		_, _ = w.WriteString(`">`)
	}
	_, _ = w.Write(util.EscapeHTML(label))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}

// renderImage is goldmark's (renderer/html, v1.8), without XHTML.
func (x linkRenderer) renderImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString("<img src=\"")
	x.writeURL(w, util.URLEscape(n.Destination, true))
	_, _ = w.WriteString(`" alt="`)
	x.renderTexts(w, source, n)
	_ = w.WriteByte('"')
	x.writeTitleAndClose(w, n, n.Title, html.ImageAttributeFilter)
	return ast.WalkSkipChildren, nil
}

// writeURL writes an escaped URL, or nothing if it is dangerous and raw
// HTML is off, as goldmark's three renderers do.
func (x linkRenderer) writeURL(w util.BufWriter, url []byte) {
	if x.unsafe || !dangerousURL(url) {
		_, _ = w.Write(util.EscapeHTML(url))
	}
}

// writeTitleAndClose ends a link's or image's opening tag: its title if
// it has one, the attributes filter lets through, and '>'.
func (x linkRenderer) writeTitleAndClose(w util.BufWriter, n ast.Node, title []byte, filter util.BytesFilter) {
	if title != nil {
		_, _ = w.WriteString(` title="`)
		x.writer.Write(w, title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, filter)
	}
	_ = w.WriteByte('>')
}

// renderTexts is goldmark's: the text and string nodes under n.
func (x linkRenderer) renderTexts(w util.BufWriter, source []byte, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.String:
			_, _ = x.str(w, source, c, true)
		case *ast.Text:
			_, _ = x.text(w, source, c, true)
		default:
			x.renderTexts(w, source, c)
		}
	}
}

// dangerousURL is html.IsDangerousURL without copies. That compares the
// first bytes of url, as many as the prefix has, after bytes.ToLower: a
// non-ASCII rune among them either stays non-ASCII or (U+0130, U+212A)
// becomes one shorter ASCII letter, so those bytes can match the ASCII
// prefix only if they are ASCII, and an ASCII comparison in either case
// says the same.
func dangerousURL(url []byte) bool {
	if hasPrefixFoldASCII(url, "data:image/") {
		v := url[len("data:image/"):]
		return !hasPrefixFoldASCII(v, "png;") && !hasPrefixFoldASCII(v, "gif;") &&
			!hasPrefixFoldASCII(v, "jpeg;") && !hasPrefixFoldASCII(v, "webp;")
	}
	return hasPrefixFoldASCII(url, "javascript:") || hasPrefixFoldASCII(url, "vbscript:") ||
		hasPrefixFoldASCII(url, "file:") || hasPrefixFoldASCII(url, "data:")
}
