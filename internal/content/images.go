package content

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // registers GIF for image.DecodeConfig
	_ "image/jpeg" // registers JPEG
	_ "image/png"  // registers PNG
	"io"
	"io/fs"
	"math"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// lazyImages is a goldmark extension that marks every image of an article
// body loading="lazy" decoding="async": the browser fetches a picture
// only as it nears the screen, and decodes it off the main thread. With
// [Pictures], a local picture also gets its width and height, so the page
// does not jump when it arrives. The attributes are on the node, so
// goldmark's own image renderer writes them (its attribute filter allows
// them all).
type lazyImages struct{ pics *Pictures }

func (x lazyImages) Extend(m goldmark.Markdown) {
	// Before basePath (500), which rewrites "/anh/x.jpg" to the published
	// path: the picture is looked up by the path the editor wrote.
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(x, 400)))
}

var imageKey = parser.NewContextKey()

func (x lazyImages) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var problems []ImageProblem
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if x.pics != nil && len(img.Destination) > 0 {
			dest := string(img.Destination)
			size, err := x.pics.Size(dest)
			switch {
			case err != nil:
				var pe *PictureError
				hint := ""
				if errors.As(err, &pe) {
					hint = pe.Hint
				}
				problems = append(problems, ImageProblem{Offset: linkOffset(img, img.Destination, reader.Source()),
					URL: dest, Err: err, Hint: hint})
			case size != ImageSize{}:
				img.SetAttributeString("width", []byte(strconv.Itoa(size.Width)))
				img.SetAttributeString("height", []byte(strconv.Itoa(size.Height)))
			}
		}
		img.SetAttributeString("loading", []byte("lazy"))
		img.SetAttributeString("decoding", []byte("async"))
		return ast.WalkContinue, nil
	})
	if len(problems) > 0 {
		pc.Set(imageKey, problems)
	}
}

// ImageSize is a picture's intrinsic size in CSS pixels.
type ImageSize struct{ Width, Height int }

// ImageProblem is a Markdown image whose picture is local but cannot be
// found or its size read. It is rendered without width and height; the
// caller reports it.
type ImageProblem struct {
	// Offset is where the URL is written, a byte offset into the Markdown.
	Offset int
	URL    string
	Err    error
	Hint   string
}

// PictureError says why a local picture's size cannot be known, and what
// to do.
type PictureError struct {
	Msg  string
	Hint string
}

func (e *PictureError) Error() string { return e.Msg }

// maxSVGHeader bounds how much of an SVG file is read for its size.
const maxSVGHeader = 64 << 10

// Pictures reads the width and height of the site's local pictures, each
// file once, for the life of a build. It is safe for concurrent use.
//
// A picture is local when its URL has no scheme and no host: "/anh/x.jpg"
// is the file anh/x.jpg of the site's static/ folder, or of the theme's.
// Remote pictures ("https://…") are not fetched: a build reads no network,
// so it gives the same pages every time and anywhere; they are rendered
// without a size. A relative path ("anh/x.jpg") is an error: the same body
// is shown at several addresses (the page, feeds), where it would point to
// different files.
type Pictures struct {
	layers []fs.FS
	dirs   []string
	cache  sync.Map // cleaned path → pictureResult
}

type pictureResult struct {
	size ImageSize
	err  error
}

// NewPictures looks pictures up in the folders dirs of fsys, the first
// that has the file winning (the site's static/, then the theme's).
// Folders that do not exist are skipped.
func NewPictures(fsys fs.FS, dirs ...string) *Pictures {
	p := &Pictures{}
	for _, d := range dirs {
		if st, err := fs.Stat(fsys, d); err != nil || !st.IsDir() {
			continue
		}
		if sub, err := fs.Sub(fsys, d); err == nil {
			p.layers = append(p.layers, sub)
			p.dirs = append(p.dirs, d)
		}
	}
	return p
}

// IsRemote reports whether an image URL names a picture on another site
// ("https://…", "//host/…"), or any URL with a scheme.
func IsRemote(src string) bool {
	if strings.HasPrefix(src, "//") {
		return true
	}
	u, err := url.Parse(src)
	return err == nil && u.Scheme != ""
}

// Size returns the size of the picture at src. It is zero, with no error,
// for a remote picture. A local picture that cannot be found or read is a
// *PictureError.
func (p *Pictures) Size(src string) (ImageSize, error) {
	if IsRemote(src) {
		return ImageSize{}, nil
	}
	name := src
	if i := strings.IndexAny(name, "?#"); i >= 0 {
		name = name[:i]
	}
	if u, err := url.PathUnescape(name); err == nil {
		name = u
	}
	if name == "" {
		return ImageSize{}, nil // "#x" or "?x": not a file
	}
	if !strings.HasPrefix(name, "/") {
		return ImageSize{}, &PictureError{
			Msg:  fmt.Sprintf("image %q: a relative path; write the picture's path from the site root", src),
			Hint: "save the picture in static/ (static/anh/x.jpg) and write its path, /anh/x.jpg; a relative path points elsewhere in feeds and lists",
		}
	}
	name = strings.TrimPrefix(path.Clean(name), "/")
	if r, ok := p.cache.Load(name); ok {
		res := r.(pictureResult)
		return res.size, res.err
	}
	size, err := p.read(src, name)
	p.cache.Store(name, pictureResult{size, err})
	return size, err
}

func (p *Pictures) read(src, name string) (ImageSize, error) {
	for i, layer := range p.layers {
		f, err := layer.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		file := path.Join(p.dirs[i], name)
		if err != nil {
			return ImageSize{}, &PictureError{Msg: fmt.Sprintf("image %q: cannot read %s: %v", src, file, errUnwrap(err)),
				Hint: "check the file's permissions"}
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return ImageSize{}, &PictureError{Msg: fmt.Sprintf("image %q: %s is a folder, not a picture", src, file),
				Hint: "write the path of the picture file, /anh/x.jpg"}
		}
		size, err := decodeSize(f, name)
		if err != nil {
			return ImageSize{}, &PictureError{Msg: fmt.Sprintf("image %q: cannot read the size of %s: %v", src, file, err),
				Hint: "save the picture as PNG, JPEG, GIF, WebP or SVG (an SVG needs width and height, or a viewBox); a damaged or renamed file cannot be shown"}
		}
		return size, nil
	}
	where := "static/"
	if len(p.dirs) > 0 {
		where = strings.Join(p.dirs, "/ or ") + "/"
	}
	return ImageSize{}, &PictureError{Msg: fmt.Sprintf("image %q: no such picture in %s", src, where),
		Hint: fmt.Sprintf("save the picture as static/%s, or correct the path (letter case counts); a picture on another site needs its full https:// address", name)}
}

// decodeSize reads just enough of a picture to know its size: the header
// of a PNG, JPEG, GIF or WebP; the root element of an SVG.
func decodeSize(r io.Reader, name string) (ImageSize, error) {
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return ImageSize{}, err
	}
	head = head[:n]
	rest := io.MultiReader(bytes.NewReader(head), r)
	switch {
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return webpSize(head)
	case looksLikeSVG(head, name):
		return svgSize(io.LimitReader(rest, maxSVGHeader))
	}
	cfg, _, err := image.DecodeConfig(rest)
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return ImageSize{}, errors.New("not a PNG, JPEG, GIF, WebP or SVG picture")
		}
		return ImageSize{}, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return ImageSize{}, fmt.Errorf("the picture is %d×%d pixels", cfg.Width, cfg.Height)
	}
	return ImageSize{cfg.Width, cfg.Height}, nil
}

func looksLikeSVG(head []byte, name string) bool {
	if strings.EqualFold(path.Ext(name), ".svg") {
		return true
	}
	h := bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")))
	return bytes.HasPrefix(h, []byte("<svg")) || bytes.HasPrefix(h, []byte("<?xml")) && bytes.Contains(head, []byte("<svg"))
}

// webpSize reads the canvas size of a WebP file from its first chunk:
// VP8X (extended), VP8L (lossless) or VP8 (lossy).
func webpSize(b []byte) (ImageSize, error) {
	bad := errors.New("a damaged WebP header")
	if len(b) < 30 {
		return ImageSize{}, bad
	}
	chunk := b[12:16]
	d := b[20:]
	switch string(chunk) {
	case "VP8X":
		w := int(d[4]) | int(d[5])<<8 | int(d[6])<<16
		h := int(d[7]) | int(d[8])<<8 | int(d[9])<<16
		return ImageSize{w + 1, h + 1}, nil
	case "VP8L":
		if d[0] != 0x2f {
			return ImageSize{}, bad
		}
		bits := binary.LittleEndian.Uint32(d[1:5])
		return ImageSize{int(bits&0x3fff) + 1, int(bits>>14&0x3fff) + 1}, nil
	case "VP8 ":
		// frame tag (3 bytes), start code 9d 01 2a, then 14-bit sizes.
		if d[3] != 0x9d || d[4] != 0x01 || d[5] != 0x2a {
			return ImageSize{}, bad
		}
		w := int(binary.LittleEndian.Uint16(d[6:8]) & 0x3fff)
		h := int(binary.LittleEndian.Uint16(d[8:10]) & 0x3fff)
		if w == 0 || h == 0 {
			return ImageSize{}, bad
		}
		return ImageSize{w, h}, nil
	}
	return ImageSize{}, bad
}

// svgSize reads the width and height of an SVG's root element: its width
// and height attributes when they are in pixels (a plain number, or
// "px"), otherwise its viewBox, scaled to whichever of width or height is
// given.
func svgSize(r io.Reader) (ImageSize, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	for {
		tok, err := dec.Token()
		if err != nil {
			return ImageSize{}, errors.New("no <svg> element found")
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if el.Name.Local != "svg" {
			return ImageSize{}, fmt.Errorf("the file starts with <%s>, not <svg>", el.Name.Local)
		}
		var w, h float64
		var vb []float64
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				w = svgLength(a.Value)
			case "height":
				h = svgLength(a.Value)
			case "viewBox":
				for _, f := range strings.FieldsFunc(a.Value, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
					v, err := strconv.ParseFloat(f, 64)
					if err != nil {
						vb = nil
						break
					}
					vb = append(vb, v)
				}
			}
		}
		if len(vb) == 4 && vb[2] > 0 && vb[3] > 0 {
			switch {
			case w > 0 && h <= 0:
				h = w * vb[3] / vb[2]
			case h > 0 && w <= 0:
				w = h * vb[2] / vb[3]
			case w <= 0 && h <= 0:
				w, h = vb[2], vb[3]
			}
		}
		size := ImageSize{int(math.Round(w)), int(math.Round(h))}
		if size.Width <= 0 || size.Height <= 0 {
			return ImageSize{}, errors.New("the <svg> element has neither width and height in pixels nor a viewBox")
		}
		return size, nil
	}
}

// svgLength reads an SVG length in pixels, or returns 0 for one in other
// units (%, em, cm…), which give no fixed size.
func svgLength(s string) float64 {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || math.IsInf(v, 0) {
		return 0
	}
	return v
}
