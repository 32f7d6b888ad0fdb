package content

import (
	"bytes"
	"html/template"
	"strconv"
	"unsafe"

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
	// md converts most text, with the lookback linkify (linkify.go);
	// classic, with the quick one, the text that one does not convert as
	// goldmark does (lookbackCannot).
	md, classic goldmark.Markdown
	reserved    []string
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
	return newMarkdown(opt, speedups{linkify: true, tableCells: true, links: true})
}

// speedups are the parts of goldmark replaced by ones that write the same
// HTML for less (linkify.go, tablecells.go, links.go); tests turn them
// off to compare with goldmark's own.
type speedups struct{ linkify, tableCells, links bool }

func newMarkdown(opt MarkdownOptions, fast speedups) *Markdown {
	if !fast.linkify {
		md := newGoldmark(opt, fast, extension.Linkify)
		return &Markdown{md: md, classic: md, reserved: opt.ReservedIDs}
	}
	return &Markdown{
		md:       newGoldmark(opt, fast, lookbackLinkify{}),
		classic:  newGoldmark(opt, fast, linkify{}),
		reserved: opt.ReservedIDs,
	}
}

// newGoldmark configures goldmark with autolinks as the linkify.
func newGoldmark(opt MarkdownOptions, fast speedups, autolinks goldmark.Extender) goldmark.Markdown {
	var more []goldmark.Extender
	if fast.tableCells {
		more = append(more, tableCells{})
	}
	writer := plainWriter{html.DefaultWriter}
	htmlOpts := []html.Option{html.WithWriter(writer)}
	if opt.UnsafeHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	if fast.links {
		more = append(more, newLinkRenderer(opt.UnsafeHTML, writer, htmlOpts))
	}
	rendererOpts := make([]renderer.Option, len(htmlOpts))
	for i, o := range htmlOpts {
		rendererOpts[i] = o.(renderer.Option)
	}
	return goldmark.New(
		goldmark.WithExtensions(append([]goldmark.Extender{
			extension.Table,
			extension.Strikethrough,
			autolinks,
			extension.Footnote,
			extension.Typographer,
			newBasePath(opt.BasePath),
			unsafeURLs{},
			lazyImages{pics: opt.Pictures},
		}, more...)...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
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
	r, err := m.convert(&buf, src)
	if err != nil {
		return Rendered{}, err
	}
	r.HTML = template.HTML(buf.String()) //nolint:gosec // see convert
	return r, nil
}

// A Scratch is the memory one goroutine converts articles in: the file
// read and the HTML made from it. A build converts every article once,
// and both live only until its page is written, so a worker reuses one
// Scratch instead of allocating (and the collector clearing) two buffers
// of several kilobytes an article. The zero value is ready to use; a
// Scratch must not be shared between goroutines.
type Scratch struct {
	src, html bytes.Buffer
}

// ConvertInto is Convert writing into sc. The result's HTML is sc's
// memory: it is valid only until sc is next used, and must not be kept.
func (m *Markdown) ConvertInto(sc *Scratch, src []byte) (Rendered, error) {
	sc.html.Reset()
	sc.html.Grow(len(src) * 2)
	r, err := m.convert(&sc.html, src)
	if err != nil {
		return Rendered{}, err
	}
	if b := sc.html.Bytes(); len(b) > 0 {
		r.HTML = template.HTML(unsafe.String(&b[0], len(b))) //nolint:gosec // see convert
	}
	return r, nil
}

// convert renders src into buf and returns what must be reported; the
// caller fills in the HTML. goldmark escapes text and, without
// UnsafeHTML, drops raw HTML; the unsafeURLs transformer removed script
// URLs: the HTML is trusted.
func (m *Markdown) convert(buf *bytes.Buffer, src []byte) (Rendered, error) {
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs(m.reserved)))
	// goldmark wraps a writer that is not a util.BufWriter in a bufio.Writer
	// of its own, 4 kB a call; bytes.Buffer needs no buffer in front.
	if err := m.goldmarkFor(src).Convert(src, bufferWriter{buf}, parser.WithContext(ctx)); err != nil {
		return Rendered{}, err
	}
	bad, _ := ctx.Get(unsafeKey).([]UnsafeURL)
	images, _ := ctx.Get(imageKey).([]ImageProblem)
	return Rendered{Unsafe: bad, Images: images}, nil
}

// bufferWriter is a bytes.Buffer as goldmark's util.BufWriter: writes go
// straight into the buffer, so there is nothing to flush.
type bufferWriter struct{ *bytes.Buffer }

func (bufferWriter) Buffered() int { return 0 }
func (bufferWriter) Flush() error  { return nil }

// Parse returns the document tree, for checks that walk links.
func (m *Markdown) Parse(src []byte) ast.Node {
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs(m.reserved)))
	return m.goldmarkFor(src).Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
}

// goldmarkFor is the goldmark that converts src.
func (m *Markdown) goldmarkFor(src []byte) goldmark.Markdown {
	if lookbackCannot(src) {
		return m.classic
	}
	return m.md
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
