package content

import (
	"bytes"
	"html/template"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// Markdown renders article bodies. It is safe for concurrent use.
type Markdown struct {
	md       goldmark.Markdown
	reserved []string
}

// MarkdownOptions configures rendering.
type MarkdownOptions struct {
	// UnsafeHTML renders raw HTML in Markdown. Only for sites whose every
	// editor is trusted; off by default.
	UnsafeHTML bool
	// BasePath ("/khuyenhoc/") is put in front of site-relative links.
	BasePath string
	// Pictures, if not nil, gives local pictures their width and height;
	// one that cannot be found or read is an [ImageProblem].
	Pictures *Pictures
	// ReservedIDs are the ids the page around the article already uses
	// ("noi-dung" for the main content, say): a heading that would get one
	// gets the next free one ("noi-dung-1"), so the skip link and the
	// page's anchors still go where they should.
	ReservedIDs []string
}

// NewMarkdown builds the renderer: GFM tables, autolinks, strikethrough,
// footnotes, typographic quotes, and heading ids made from Vietnamese slugs.
func NewMarkdown(opt MarkdownOptions) *Markdown {
	var rendererOpts []renderer.Option
	if opt.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.Linkify,
			extension.Footnote,
			extension.Typographer,
			newBasePath(opt.BasePath),
			unsafeURLs{},
			lazyImages{pics: opt.Pictures},
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Markdown{md: md, reserved: opt.ReservedIDs}
}

// Render converts Markdown to HTML.
func (m *Markdown) Render(src []byte) (template.HTML, error) {
	h, _, err := m.RenderChecked(src)
	return h, err
}

// RenderChecked converts Markdown to HTML and returns the links and images
// whose URL would run script or embed a document (javascript:, vbscript:,
// data:, however disguised), in source order. They are rendered without
// their URL; the caller reports them.
func (m *Markdown) RenderChecked(src []byte) (template.HTML, []UnsafeURL, error) {
	r, err := m.Convert(src)
	return r.HTML, r.Unsafe, err
}

// Rendered is an article body converted to HTML, with what the caller
// must report.
type Rendered struct {
	HTML template.HTML
	// Unsafe are the links and images whose URL would run script or
	// embed a document, in source order, rendered without their URL.
	Unsafe []UnsafeURL
	// Images are the local pictures that cannot be found or whose size
	// cannot be read (with [MarkdownOptions.Pictures]), in source order.
	Images []ImageProblem
}

// Convert converts Markdown to HTML, like [Markdown.RenderChecked], and
// also returns the local pictures it could not size.
func (m *Markdown) Convert(src []byte) (Rendered, error) {
	var buf bytes.Buffer
	buf.Grow(len(src) * 2)
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs(m.reserved)))
	if err := m.md.Convert(src, &buf, parser.WithContext(ctx)); err != nil {
		return Rendered{}, err
	}
	unsafe, _ := ctx.Get(unsafeKey).([]UnsafeURL)
	images, _ := ctx.Get(imageKey).([]ImageProblem)
	// goldmark escapes text and, without UnsafeHTML, drops raw HTML; the
	// unsafeURLs transformer removed script URLs. Its output is trusted.
	return Rendered{HTML: template.HTML(buf.String()), Unsafe: unsafe, Images: images}, nil //nolint:gosec
}

// Parse returns the document tree, for checks that walk links.
func (m *Markdown) Parse(src []byte) ast.Node {
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs(m.reserved)))
	return m.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
}

// headingIDs makes heading anchors from Vietnamese text: "Kết quả năm 2024"
// → "ket-qua-nam-2024", unique within the page, reserved ids included.
type headingIDs struct{ seen map[string]int }

func newHeadingIDs(reserved []string) *headingIDs {
	h := &headingIDs{seen: make(map[string]int, len(reserved))}
	for _, id := range reserved {
		h.seen[id] = 1
	}
	return h
}

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	id := viet.Slug(string(value))
	if id == "" {
		id = "muc"
	}
	n := h.seen[id]
	h.seen[id] = n + 1
	if n > 0 {
		id += "-" + strconv.Itoa(n)
	}
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.seen[string(value)]++ }
