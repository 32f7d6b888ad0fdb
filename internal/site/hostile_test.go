package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// hostileFS is the site in testdata/hostile with the repository's theme.
func hostileFS(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := txtarFS(t, "", true)
	root := filepath.Join("testdata", "hostile")
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		fsys[p] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// injectedMarkup returns what in an HTML page could only come from a
// payload that became markup: an element that runs or frames content
// (svg, math, iframe, object, embed, style, base), an event handler
// attribute, a script, data or srcdoc URL, and a script other than the
// theme's own (its src scripts, the no-js switch and the chart snippets,
// whose data are JSON strings with < and > escaped).
func injectedMarkup(doc []byte) []string {
	markupInScript := regexp.MustCompile(`<[a-zA-Z/!]`)
	var found []string
	z := html.NewTokenizer(bytes.NewReader(doc))
	inScript := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return found
		case html.TextToken:
			text := string(z.Text())
			if inScript && strings.Contains(text, "__pwned") &&
				(!strings.HasPrefix(strings.TrimSpace(text), "(function () {") || markupInScript.MatchString(text)) {
				found = append(found, "script: "+text)
			}
		case html.EndTagToken:
			inScript = false
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			inScript = tok.Data == "script" && tt == html.StartTagToken
			switch tok.Data {
			case "svg", "math", "iframe", "object", "embed", "style", "base", "frame", "textarea":
				found = append(found, "element: "+tok.String())
			}
			for _, a := range tok.Attr {
				switch {
				case strings.HasPrefix(strings.ToLower(a.Key), "on"), a.Key == "srcdoc", a.Key == "formaction":
					found = append(found, "attribute: "+tok.String())
				case (a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "data") && content.UnsafeScheme(a.Val) != "":
					found = append(found, "URL: "+tok.String())
				}
			}
		}
	}
}

// TestHostileSiteIsEscaped builds testdata/hostile, whose every free-text
// field holds markup, and checks that every page shows it as text: no
// payload becomes an element, an attribute or a script.
func TestHostileSiteIsEscaped(t *testing.T) {
	t.Parallel()
	r := buildFS(t, hostileFS(t))
	if errs := r.Errors(); len(errs) > 0 {
		t.Fatalf("errors:\n%s", r.diagText())
	}
	pages := 0
	for name, b := range r.Files(t) {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".xml") {
			continue
		}
		pages++
		for _, f := range injectedMarkup(b) {
			t.Errorf("%s: a payload became markup: %.300s", name, f)
		}
	}
	if pages < 20 {
		t.Fatalf("only %d pages checked", pages)
	}
	// The payloads are there, as text.
	r.AssertFileContent(t, "tin-tuc/tin-doc/index.html",
		"&lt;script&gt;window.__pwned=&#39;article.title&#39;&lt;/script&gt; Tin có mã độc",
		"&lt;img src=x onerror=&#34;window.__pwned=&#39;image.caption&#39;&#34;&gt;",
		`! <script>window.__pwned='body.script'</script>`,
		`! onerror="window.__pwned='body.img'"`,
	)
	r.AssertFileContent(t, "tinh/son-la/index.html", "&lt;img src=x onerror=&#34;window.__pwned=&#39;province.note&#39;&#34;&gt;")
	r.AssertFileContent(t, "hoi-nghi/2024-12-03-tay-bac/index.html", "Hội nghị &lt;/script&gt;&lt;script&gt;window.__pwned=&#39;meeting.title&#39;&lt;/script&gt;")
}

// TestHostileDetectorSeesRawHTML makes sure injectedMarkup would see a
// payload: rendered with unsafe_html = true, the hostile article's raw
// HTML is found.
func TestHostileDetectorSeesRawHTML(t *testing.T) {
	t.Parallel()
	a := content.Parse("tin-doc.md", hostileFS(t)["content/news/tin-doc.md"].Data, &diag.List{})
	body, err := content.NewMarkdown(content.MarkdownOptions{UnsafeHTML: true}).Render(a.Body)
	if err != nil {
		t.Fatal(err)
	}
	found := strings.Join(injectedMarkup([]byte(body)), "\n")
	for _, want := range []string{"window.__pwned='body.script'", "onerror", "<svg", "<iframe", "onclick", "srcdoc"} {
		if !strings.Contains(found, want) {
			t.Errorf("with unsafe_html the detector does not report %q; it found:\n%s", want, found)
		}
	}
}

// TestHostileMarkdownURLs: javascript:, vbscript: and data: URLs, however
// disguised, in Markdown links, images and autolinks and in front matter,
// are errors at the line and column of the URL, with a hint.
func TestHostileMarkdownURLs(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+`
-- content/news/doc.md --
+++
title = "Liên kết độc"
date = 2024-12-05
summary = "x"
source = { publication = "Báo", url = "javascript:alert(1)" }

[[image]]
src = "data:image/svg+xml;base64,PHN2Zz4="
alt = "a"
credit = "b"

[[image]]
src = " JaVaScRiPt:alert(1)"
alt = "a"
credit = "b"
+++

[một](javascript:alert(1)) và [hai](JaVaScRiPt:alert(1))
[ba]( javascript:alert(1)) và [bốn](java&#x09;script:alert(1))
[năm](&#106;avascript:alert(1)) và [sáu](vbscript:msgbox(1))
![bảy](data:text/html,<script>alert(1)</script>)
<javascript:alert(1)> và [tám][x]

[x]: data:text/html;base64,PHNjcmlwdD4=
`, expectErrors())
	for _, want := range []string{
		`content/news/doc.md:5:1: error: source url "javascript:alert(1)" must start with https:// or http://`,
		`content/news/doc.md:8:1: error: image src "data:image/svg+xml;base64,PHN2Zz4=": a data: URL is not allowed`,
		`content/news/doc.md:13:1: error: image src " JaVaScRiPt:alert(1)": a javascript: URL is not allowed`,
		`content/news/doc.md:18:7: error: link "javascript:alert(1)": a javascript: URL is not allowed`,
		`content/news/doc.md:18:37: error: link "JaVaScRiPt:alert(1)"`,
		`content/news/doc.md:19:7: error: link "javascript:alert(1)"`,
		`content/news/doc.md:19:37: error: link "java&#x09;script:alert(1)"`,
		`content/news/doc.md:20:7: error: link "&#106;avascript:alert(1)": a javascript: URL`,
		`content/news/doc.md:20:42: error: link "vbscript:msgbox(1)": a vbscript: URL`,
		`content/news/doc.md:21:8: error: image "data:text/html,<script>alert(1)</script>": a data: URL`,
		`content/news/doc.md:22:2: error: link "javascript:alert(1)"`,
		`content/news/doc.md:24:6: error: link "data:text/html;base64,PHNjcmlwdD4="`,
	} {
		r.AssertDiag(t, want, "hint:")
	}
	if errs := r.Errors(); len(errs) != 12 {
		t.Errorf("%d errors, want 12:\n%s", len(errs), r.diagText())
	}
}

// TestUnsafeURLCaughtAtRender: should a script URL get past the check at
// load, rendering finds it too, at its place in the Markdown, and the
// output is not written.
func TestUnsafeURLCaughtAtRender(t *testing.T) {
	t.Parallel()
	r := loadTxtar(t, baseSite)
	if r.list.HasErrors(false) {
		t.Fatal(r.diagText())
	}
	a := r.Site.bySlug["khai-giang-2022"]
	a.Body = []byte("Dòng một.\n\nXem [đây](javascript:alert(1)).\n")
	out := filepath.Join(t.TempDir(), "public")
	_, l := r.Site.Build(t.Context(), BuildOptions{Output: out})
	items := l.Items()
	want := diag.Pos{File: a.File, Line: a.BodyLine + 2, Col: len("Xem [đây](") + 1}
	if len(items) != 1 || items[0].Pos != want || items[0].Msg != `link "javascript:alert(1)": a javascript: URL is not allowed` || items[0].Hint == "" {
		t.Errorf("got %v, want one error at %v", items, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the output was written")
	}
}
