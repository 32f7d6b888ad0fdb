package content

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// linkSeeds hold links, autolinks and images of every kind the link
// renderer must write as goldmark does: each dangerous scheme in both
// cases, the image data URLs goldmark lets through, titles, references,
// bare links, email addresses, non-ASCII letters where a scheme would be,
// and alt texts with markup, entities, quotes and line breaks.
var linkSeeds = []string{
	"[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](data:image/png;base64,AAA) [d](DATA:IMAGE/PNG;x) [e](data:image/svg+xml;x)\n" +
		"[f](data:text/html,x) [g](vbscript:x) [h](file:///etc/passwd) [i](data:image/) [j](data:image/JPEG;x) [k](data:image/webp;x) [l](data:image/gif;)\n",
	"[i](/tin-tuc/ \"Tiêu đề & <x> \\\"q\\\"\") [j](<a b> 'title') [k](https://vi.wikipedia.org/wiki/Hòa_Bình) [l](#noi-dung) [m]()\n",
	"<https://khuyenhocvietnam.vn/a?b=1&c=2> <mailto:a@b.vn> <a@b.vn> <MAILTO:a@b.vn> <javascript:alert(1)> <data:image/gif;x> <DATA:x>\n",
	"www.dantri.com.vn, https://x.vn/đ?a=1&b=<2> a@b.vn mailto:c@d.vn javascript:x (https://khuyenhocvietnam.vn/tin-tuc)\n",
	"[![ảnh](/a.png \"t\")](/b/ \"u\") [x][r] [y][]\n\n[r]: /a/ \"T&amp;\"\n[y]: javascript:z\n",
	"[a](javascrİpt:x) [b](jav\u212Ascript:x) [c](ＪＡＶＡＳＣＲＩＰＴ:x) [d](%6Aavascript:x) [e]( javascript:x ) [f](java\nscript:x)\n",
	"![Học sinh *nhận* `ba lô` & \"sách\" <b>](/images/a.svg \"Ảnh: Đắc Quang\")\n\n![a\nb  \nc\\\nd](data:image/png;x) ![](DATA:IMAGE/GIF;y)\n",
	"![x](javascript:alert(1)) ![y](vbscript:x \"t\") ![z](data:image/svg+xml;x) ![[l](/a/)](/b.png) ![**đậm** _nghiêng_ ~~gạch~~ \"trích\" -- ...](/c.png)\n",
	"![ref][r] ![đ][]\n\n[r]: /r.png \"R\"\n[đ]: <file:///x.png>\n",
}

// TestLinksMatchGoldmark: links, autolinks and images come out as goldmark's own
// renderer writes them, for generated articles and the seeds, with raw
// HTML off and on (when every URL is written).
func TestLinksMatchGoldmark(t *testing.T) {
	const articles = 20
	out := checkSameAsGoldmark(t, stockLinksMD, "goldmark's link renderer", linkSeeds, articles, 9)
	if n, m := strings.Count(out, "<a href="), strings.Count(out, "<img "); n < 60 || m < 20 {
		t.Errorf("only %d links and %d images: the comparison tests little", n, m)
	}
	unsafe := NewMarkdown(MarkdownOptions{UnsafeHTML: true})
	stockUnsafe := newMarkdown(MarkdownOptions{UnsafeHTML: true}, speedups{linkify: true, tableCells: true})
	for _, doc := range linkSeeds {
		a, _ := unsafe.Render([]byte(doc))
		b, _ := stockUnsafe.Render([]byte(doc))
		if a != b {
			t.Errorf("raw HTML on: %q renders\n%s\ngoldmark's\n%s", doc, a, b)
		}
	}
}

func FuzzLinks(f *testing.F) {
	fuzzSameAsGoldmark(f, stockLinksMD, "goldmark's link renderer", linkSeeds)
}

// TestLinksWithAttributes: a link, autolink or image given attributes (by
// a transformer, say) has them written as goldmark writes them.
func TestLinksWithAttributes(t *testing.T) {
	src := []byte("[a](/a/ \"t\") <https://b.vn/> [c](javascript:x) www.d.vn ![e](/e.png \"f\")\n")
	render := func(m *Markdown) string {
		doc := m.md.Parser().Parse(text.NewReader(src))
		_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && (node.Kind() == ast.KindLink || node.Kind() == ast.KindAutoLink || node.Kind() == ast.KindImage) {
				node.SetAttributeString("class", []byte("ngoai"))
				node.SetAttributeString("onclick", []byte("x()")) // not a link attribute: dropped
				node.SetAttributeString("rel", []byte("noopener"))
			}
			return ast.WalkContinue, nil
		})
		var b bytes.Buffer
		if err := m.md.Renderer().Render(&b, src, doc); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	ours, theirs := render(oursMD), render(stockLinksMD)
	if ours != theirs || strings.Count(ours, `class="ngoai"`) != 5 {
		t.Errorf("ours\n%s\ngoldmark's\n%s", ours, theirs)
	}
}

// dangerousURL agrees with goldmark's IsDangerousURL, non-ASCII bytes
// where the schemes are included.
func TestDangerousURL(t *testing.T) {
	pieces := []string{"javascript:", "JavaScript:", "vbscript:", "file:", "FILE:", "data:", "data:image/", "DATA:IMAGE/", "png;", "PNG;", "gif;",
		"jpeg;", "webp;", "svg;", "j", "a", "v", ":", "/", "İ", "\u212A", "\xff", "\xc4", "x", ""}
	var walk func(s string, n int)
	walk = func(s string, n int) {
		if got, want := dangerousURL([]byte(s)), html.IsDangerousURL([]byte(s)); got != want {
			t.Fatalf("dangerousURL(%q) = %v, goldmark says %v", s, got, want)
		}
		if n > 0 {
			for _, p := range pieces {
				walk(s+p, n-1)
			}
		}
	}
	walk("", 3)
}
