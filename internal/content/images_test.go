package content

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
)

func TestImagesLoadLazily(t *testing.T) {
	md := NewMarkdown(MarkdownOptions{BasePath: "/khuyenhoc/"})
	h, err := md.Render([]byte("Ảnh:\n\n![Trao học bổng](/images/a.jpg \"Lễ trao\")\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := `<img src="/khuyenhoc/images/a.jpg" alt="Trao học bổng" title="Lễ trao" loading="lazy" decoding="async">`
	if !strings.Contains(string(h), want) {
		t.Errorf("got %s\nwant it to contain %s", h, want)
	}
}

func encoded(t *testing.T, enc func(*bytes.Buffer, image.Image) error, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := enc(&b, image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Black, color.White})); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// webp builds the first bytes of a WebP file with one chunk.
func webp(chunk string, payload []byte) []byte {
	b := []byte("RIFF\x00\x00\x00\x00WEBP" + chunk)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(payload)))
	b = append(b, payload...)
	return append(b, make([]byte, 32)...)
}

func pictureFS(t *testing.T) fstest.MapFS {
	vp8x := []byte{0, 0, 0, 0, 0x1f, 0x03, 0x00, 0xdf, 0x01, 0x00} // 800×480
	bits := uint32(640-1) | uint32(360-1)<<14
	vp8l := append([]byte{0x2f}, binary.LittleEndian.AppendUint32(nil, bits)...)
	vp8 := []byte{0, 0, 0, 0x9d, 0x01, 0x2a}
	vp8 = binary.LittleEndian.AppendUint16(vp8, 320)
	vp8 = binary.LittleEndian.AppendUint16(vp8, 240|0x4000) // scale bits are not size
	return fstest.MapFS{
		"static/anh/a.png":               {Data: encoded(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }, 1200, 800)},
		"static/anh/b.jpg":               {Data: encoded(t, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) }, 640, 427)},
		"static/anh/c.gif":               {Data: encoded(t, func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) }, 16, 9)},
		"static/anh/lop hoc.png":         {Data: encoded(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }, 30, 20)},
		"static/anh/x.webp":              {Data: webp("VP8X", vp8x)},
		"static/anh/l.webp":              {Data: webp("VP8L", vp8l)},
		"static/anh/v.webp":              {Data: webp("VP8 ", vp8)},
		"static/anh/wh.svg":              {Data: []byte(`<?xml version="1.0"?>` + "\n" + `<!-- vẽ tay --><svg xmlns="http://www.w3.org/2000/svg" width="120px" height="80.4"></svg>`)},
		"static/anh/vb.svg":              {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150" width="100%"></svg>`)},
		"static/anh/half.svg":            {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,300,150" width="600"></svg>`)},
		"static/anh/nosize.svg":          {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10em"></svg>`)},
		"static/anh/hong.jpg":            {Data: []byte("không phải ảnh")},
		"static/anh":                     {Mode: 0o755 | 1<<31},
		"themes/default/static/logo.gif": {Data: encoded(t, func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) }, 48, 48)},
	}
}

func TestPictureSizes(t *testing.T) {
	pics := NewPictures(pictureFS(t), "static", "themes/default/static")
	for _, c := range []struct {
		src  string
		want ImageSize
	}{
		{"/anh/a.png", ImageSize{1200, 800}},
		{"/anh/b.jpg?v=2#x", ImageSize{640, 427}},
		{"/anh/c.gif", ImageSize{16, 9}},
		{"/anh/lop%20hoc.png", ImageSize{30, 20}},
		{"/anh/x.webp", ImageSize{800, 480}},
		{"/anh/l.webp", ImageSize{640, 360}},
		{"/anh/v.webp", ImageSize{320, 240}},
		{"/anh/wh.svg", ImageSize{120, 80}},
		{"/anh/vb.svg", ImageSize{300, 150}},
		{"/anh/half.svg", ImageSize{600, 300}},
		{"/anh/../logo.gif", ImageSize{48, 48}}, // the theme's
		{"https://example.com/a.jpg", ImageSize{}},
		{"//example.com/a.jpg", ImageSize{}},
	} {
		got, err := pics.Size(c.src)
		if err != nil || got != c.want {
			t.Errorf("Size(%q) = %v, %v; want %v", c.src, got, err, c.want)
		}
	}
	for _, c := range []struct{ src, msg, hint string }{
		{"/anh/khong-co.jpg", `image "/anh/khong-co.jpg": no such picture in static/ or themes/default/static/`, "save the picture as static/anh/khong-co.jpg"},
		{"/anh/hong.jpg", `image "/anh/hong.jpg": cannot read the size of static/anh/hong.jpg: not a PNG, JPEG, GIF, WebP or SVG picture`, "PNG, JPEG, GIF, WebP or SVG"},
		{"/anh/nosize.svg", "neither width and height in pixels nor a viewBox", "a viewBox"},
		{"/anh", "static/anh is a folder", "/anh/x.jpg"},
		{"anh/a.png", "a relative path", "/anh/x.jpg"},
	} {
		_, err := pics.Size(c.src)
		pe, ok := err.(*PictureError)
		if !ok || !strings.Contains(pe.Msg, c.msg) || !strings.Contains(pe.Hint, c.hint) {
			t.Errorf("Size(%q) = %v; want a PictureError with %q, hint %q", c.src, err, c.msg, c.hint)
		}
	}
}

func TestMarkdownImagesHaveSizes(t *testing.T) {
	md := NewMarkdown(MarkdownOptions{BasePath: "/khuyenhoc/", Pictures: NewPictures(pictureFS(t), "static")})
	src := "Ảnh:\n\n![Lớp học](/anh/a.png \"Lớp\")\n\n![Xa](https://example.com/x.jpg)\n\nRồi ![thiếu](/anh/thieu.png) và ![hỏng][h].\n\n[h]: /anh/hong.jpg\n"
	r, err := md.Convert([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<img src="/khuyenhoc/anh/a.png" alt="Lớp học" title="Lớp" width="1200" height="800" loading="lazy" decoding="async">`,
		`<img src="https://example.com/x.jpg" alt="Xa" loading="lazy" decoding="async">`,
		`<img src="/khuyenhoc/anh/thieu.png" alt="thiếu" loading="lazy" decoding="async">`,
	} {
		if !strings.Contains(string(r.HTML), want) {
			t.Errorf("got %s\nwant it to contain %s", r.HTML, want)
		}
	}
	if len(r.Images) != 2 {
		t.Fatalf("problems %+v, want 2", r.Images)
	}
	if p := r.Images[0]; p.URL != "/anh/thieu.png" || src[p.Offset:p.Offset+len(p.URL)] != p.URL || p.Hint == "" {
		t.Errorf("first problem %+v", p)
	}
	if p := r.Images[1]; p.URL != "/anh/hong.jpg" || !strings.HasPrefix(src[p.Offset:], "/anh/hong.jpg\n") {
		t.Errorf("second problem %+v at %q", p, src[p.Offset:])
	}
}
