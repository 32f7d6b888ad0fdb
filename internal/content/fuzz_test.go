package content

import (
	"bytes"
	"errors"
	"html"
	"strings"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// fuzzSeeds are the inputs every content fuzz target starts from: a real
// article, the edge cases of the delimiter, and the hostile shapes (empty,
// binary, one 1 MB line, arrays nested 10 000 deep).
func fuzzSeeds() []string {
	return []string{
		"+++\ntitle = \"Cụm Tây Bắc giao ban\"\ndate = 2024-12-04\nsummary = \"…\"\nprovinces = [\"son-la\", \"dien-bien\"]\n[[image]]\nsrc = \"a.jpg\"\n+++\n\n## Kết quả\n\nNội dung[^1].\n\n[^1]: Nguồn.\n",
		"\uFEFF+++\r\ntitle = \"BOM, CRLF\"\r\ndate = 2024-12-04\r\n+++\r\nBody\r\n",
		"",
		"+++",
		"+++\n",
		"+++\n+++",
		"+++\n+++\n",
		"+++ \t\r\n+++\t\n",
		"+++\ntitle = \"no closing\"\n",
		"# no front matter\n",
		"+++\ntitle = Hòa Bình\n+++\n",
		"+++\ndate = 2025-02-30\n+++\n",
		"+++\nsource = { publication = 1 }\n+++\n",
		"\x00\xff\xfe\x80+++\n\xc3\x28\n+++\n",
		"+++\ntitle = \"" + strings.Repeat("ắ", 350_000) + "\"\n+++\n",
		strings.Repeat("x", 1<<20),
		"+++\ntags = " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "\n+++\n",
		"+++\nx = " + strings.Repeat("{a=", 10_000) + "1" + strings.Repeat("}", 10_000) + "\n+++\n",
		"+++\ntitle = \"t\"\ndate = 2024-01-01\n+++\n" + strings.Repeat("#", 10_000) + " " + strings.Repeat("[", 10_000) + "\n",
	}
}

func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, body, bodyLine, err := SplitFrontMatter(src)
		switch {
		case errors.Is(err, ErrNoFrontMatter), errors.Is(err, ErrUnclosed):
			return
		case err != nil:
			t.Fatalf("unexpected error %v", err)
		}
		s := bytes.TrimPrefix(src, []byte("\uFEFF"))
		if !bytes.HasPrefix(s, []byte(Delimiter)) {
			t.Fatalf("front matter found in %q, which does not start with +++", s)
		}
		if bodyLine < 3 {
			t.Fatalf("bodyLine %d: the body starts after two delimiter lines at least", bodyLine)
		}
		// fm follows the first line; body, when there is one, ends the file
		// and starts on bodyLine.
		if first := bytes.IndexByte(s, '\n'); !bytes.HasPrefix(s[first+1:], fm) {
			t.Fatalf("front matter %q is not what follows the first line", fm)
		}
		if body != nil {
			start := len(s) - len(body)
			if !bytes.Equal(s[start:], body) {
				t.Fatalf("body %q is not the end of the file", body)
			}
			if n := bytes.Count(s[:start], []byte("\n")) + 1; n != bodyLine {
				t.Fatalf("body starts on line %d, bodyLine says %d", n, bodyLine)
			}
		}
	})
}

func FuzzParseArticle(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	md := NewMarkdown(MarkdownOptions{})
	f.Fuzz(func(t *testing.T, src []byte) {
		const name = "content/news/bai-viet.md"
		var l diag.List
		a := Parse(name, src, &l)
		lines := diag.NewSource(name, src).NumLines()
		for _, d := range l.Items() {
			if d.File != name || d.Line < 0 || d.Line > lines || d.Col < 0 {
				t.Fatalf("diagnostic out of the file (%d lines): %v", lines, d)
			}
			if d.Msg == "" {
				t.Fatalf("diagnostic without a message at %v", d.Pos)
			}
		}
		if a == nil {
			if errs, _ := l.Count(); errs == 0 {
				t.Fatal("no article and no error")
			}
			return
		}
		if a.File != name || a.Slug == "" {
			t.Fatalf("article %q slug %q", a.File, a.Slug)
		}
		for _, key := range []string{"title", "date", "provinces[3]", "image[1].src", "nope"} {
			if p := a.KeyPos(key); p.Line < 0 || p.Line > lines {
				t.Fatalf("KeyPos(%q) = %v, outside %d lines", key, p, lines)
			}
		}
		if _, err := md.Render(a.Body); err != nil {
			t.Fatalf("render: %v", err)
		}
	})
}

// FuzzMarkdownURLs renders any Markdown: no URL that runs script reaches
// the HTML, every unsafe URL rendering finds is also found at load (the
// quick filter of UnsafeURLs lets none through), and each is placed
// inside the source.
func FuzzMarkdownURLs(f *testing.F) {
	for _, s := range []string{
		"[a](javascript:alert(1))",
		"[a](JaVaScRiPt:alert(1)) ![b](data:text/html,x) <vbscript:x>",
		"[a](java&#x09;script:alert(1)) [b](&#106;avascript:x) [c](javascript&colon;x)",
		"[a][r]\n\n[r]: javascript:x\n",
		"[a](<java\tscript:x>) [b](java%0ascript:x)",
		"| [x](javascript:1) |\n|---|\n",
		"[^1]\n\n[^1]: [x](javascript:1)",
		"<a href=\"javascript:x\">raw</a>",
		"[](javascript:)",
		"![](data:)",
		"[a](&Tab;javascript:x) [b](jav&NewLine;ascript:x)",
		"https://example.org/ www.example.org",
	} {
		f.Add([]byte(s))
	}
	md := NewMarkdown(MarkdownOptions{BasePath: "/kh/"})
	f.Fuzz(func(t *testing.T, src []byte) {
		html, atRender, err := md.RenderChecked(src)
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		for _, m := range attrURL.FindAllStringSubmatch(string(html), -1) {
			if s := UnsafeScheme(htmlUnescape(m[1])); s != "" {
				t.Fatalf("%q rendered with the %s URL %q:\n%s", src, s, m[1], html)
			}
		}
		atLoad := UnsafeURLs(src)
		if len(atLoad) != len(atRender) {
			t.Fatalf("%q: %d unsafe URLs at load, %d at render", src, len(atLoad), len(atRender))
		}
		for _, u := range atRender {
			if u.Offset < 0 || u.Offset > len(src) || u.Scheme == "" {
				t.Fatalf("%q: problem %+v outside the source", src, u)
			}
		}
	})
}

func htmlUnescape(s string) string { return html.UnescapeString(s) }
