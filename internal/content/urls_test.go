package content

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

var attrURL = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

func TestUnsafeScheme(t *testing.T) {
	for raw, want := range map[string]string{
		"javascript:alert(1)":          "javascript:",
		"JaVaScRiPt:alert(1)":          "javascript:",
		" javascript:alert(1)":         "javascript:",
		"\x01\x02 javascript:alert(1)": "javascript:",
		"java\tscript:alert(1)":        "javascript:",
		"java\nscript:alert(1)":        "javascript:",
		"java&#x09;script:alert(1)":    "javascript:",
		"java&#9;script:alert(1)":      "javascript:",
		"&#106;avascript:alert(1)":     "javascript:",
		"&#x6A;avascript:alert(1)":     "javascript:",
		"&#106avascript:alert(1)":      "javascript:",
		"javascript&colon;alert(1)":    "javascript:",
		"javascript&#58;alert(1)":      "javascript:",
		"javascript%3Aalert(1)":        "javascript:",
		"https:javascript:alert(1)":    "",
		"java%09script:alert(1)":       "javascript:",
		"%6Aavascript:alert(1)":        "javascript:",
		"vbscript:msgbox(1)":           "vbscript:",
		"VBScript:msgbox(1)":           "vbscript:",
		"data:text/html,<script>":      "data:",
		"DATA:image/png;base64,AAAA":   "data:",
		"https://example.org/":         "",
		"http://example.org/a:b":       "",
		"/tin-tuc/a/":                  "",
		"tin-tuc/a:b":                  "",
		"mailto:a@example.org":         "",
		"#javascript:":                 "",
		"":                             "",
		"javascript":                   "",
		"/javascript:alert(1)":         "",
		"%":                            "",
	} {
		if got := UnsafeScheme(raw); got != want {
			t.Errorf("UnsafeScheme(%q) = %q, want %q", raw, got, want)
		}
	}
}

// FuzzUnsafeScheme: UnsafeScheme's shortcut for plain URLs answers as the
// whole unescaping would.
func FuzzUnsafeScheme(f *testing.F) {
	for _, s := range []string{"javascript:alert(1)", "java&#x09;script:x", "%6Aavascript:x", "https://a.b/", "/tin-tuc/a/", "http:x", "data:,", "&colon;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if got, want := UnsafeScheme(raw), unsafeScheme(raw); got != want {
			t.Errorf("UnsafeScheme(%q) = %q, the whole way %q", raw, got, want)
		}
	})
}

// TestRenderCheckedFindsUnsafeURLs: every way Markdown writes a URL is
// checked, each problem is placed on the URL as written, and none of them
// reaches the HTML.
func TestRenderCheckedFindsUnsafeURLs(t *testing.T) {
	src := strings.Join([]string{
		"Một [liên kết](javascript:alert(1)) ở đây.", // 1
		"", // 2
		"![ảnh](data:text/html;base64,PHNjcmlwdD4=)", // 3
		"",                               // 4
		"Tự động: <javascript:alert(2)>", // 5
		"",                               // 6
		"[tham chiếu][x] và [rỗng](JaVaScRiPt:alert(3))", // 7
		"",                        // 8
		"[x]: vbscript:msgbox(4)", // 9
		"",                        // 10
		"| a | b |\n|---|---|\n| [ô](java&#x09;script:alert(5)) | c |", // 11-13
		"",
		"[an toàn](/tin-tuc/a/) và [ngoài](https://example.org/)",
		"",
	}, "\n")
	md := NewMarkdown(MarkdownOptions{BasePath: "/khuyenhoc/"})
	html, bad, err := md.RenderChecked([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	type found struct {
		line, col int
		scheme    string
		image     bool
	}
	var got []found
	for _, u := range bad {
		line := 1 + strings.Count(src[:u.Offset], "\n")
		col := u.Offset - strings.LastIndex(src[:u.Offset], "\n")
		got = append(got, found{line, col, u.Scheme, u.Image})
	}
	want := []found{
		{1, len("Một [liên kết](") + 1, "javascript:", false},
		{3, len("![ảnh](") + 1, "data:", true},
		{5, len("Tự động: <") + 1, "javascript:", false},
		{9, 6, "vbscript:", false}, // the URL of the reference definition
		{7, len("[tham chiếu][x] và [rỗng](") + 1, "javascript:", false},
		{13, len("| [ô](") + 1, "javascript:", false},
	}
	if len(got) != len(want) {
		t.Fatalf("found %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	for _, m := range attrURL.FindAllStringSubmatch(string(html), -1) {
		if UnsafeScheme(m[1]) != "" || strings.Contains(m[1], "alert") || strings.Contains(m[1], "base64") {
			t.Errorf("the HTML keeps the URL %q:\n%s", m[1], html)
		}
	}
	if !strings.Contains(string(html), `href="/khuyenhoc/tin-tuc/a/"`) || !strings.Contains(string(html), `href="https://example.org/"`) {
		t.Errorf("safe links were changed:\n%s", html)
	}
}

// TestRawHTMLIsNotRendered: without unsafe_html, raw HTML in Markdown is
// dropped, blocks and inline tags alike; with it, it is passed through.
func TestRawHTMLIsNotRendered(t *testing.T) {
	src := []byte("<script>window.__pwned=1</script>\n\nChữ <img src=x onerror=\"window.__pwned=2\"> và <b onclick=alert(1)>đậm</b>.\n\n<iframe src=\"https://example.org\"></iframe>\n")
	html, err := NewMarkdown(MarkdownOptions{}).Render(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"<script", "<img", "onerror", "onclick", "<iframe", "__pwned", "<b"} {
		if strings.Contains(string(html), s) {
			t.Errorf("raw HTML rendered (%q):\n%s", s, html)
		}
	}
	if !strings.Contains(string(html), "Chữ") || !strings.Contains(string(html), "đậm") {
		t.Errorf("the text around raw HTML is gone:\n%s", html)
	}
	trusted, err := NewMarkdown(MarkdownOptions{UnsafeHTML: true}).Render(src)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(trusted), "<script>window.__pwned=1</script>") {
		t.Errorf("unsafe_html = true did not render raw HTML:\n%s", trusted)
	}
}

// TestUnsafeURLsAtLoadMissNothing: every disguise UnsafeScheme sees
// through is found by the quick filter at load too.
func TestUnsafeURLsAtLoadMissNothing(t *testing.T) {
	for _, u := range []string{
		"javascript:x", "JAVASCRIPT:x", "vbscript:x", "data:x", "DATA:x", "d%61ta:x", "%64ata:x", "j%61vascript:x",
		"&#106;avascript:x", "&#x64;ata:x", "dat&#97;:x", "java&Tab;script:x", "java&NewLine;script:x", "data&colon;x", "DaTa&COLON;x",
	} {
		md := []byte("[a](" + u + ")")
		_, atRender, err := NewMarkdown(MarkdownOptions{}).RenderChecked(md)
		if err != nil {
			t.Fatal(err)
		}
		if atLoad := UnsafeURLs(md); len(atLoad) != len(atRender) || len(atRender) == 0 && UnsafeScheme(u) != "" {
			t.Errorf("%s: %d found at load, %d at render", u, len(atLoad), len(atRender))
		}
	}
	if mayHoldUnsafeURL([]byte("Quỹ khuyến học đạt 21,5% kế hoạch, tăng 100 % so với năm trước.")) {
		t.Error("an ordinary article is parsed at load")
	}
}

func TestContainsFoldASCII(t *testing.T) {
	for _, c := range []struct {
		text, word string
		want       bool
	}{
		{"a DaTa: url", "data", true},
		{"javaSCRIPT:", "script", true},
		{"d d d dat", "data", false},
		{"&COLON;", "&colon", true},
		{"&colo", "&colon", false},
		{"\x06colon", "&colon", false},
		{"", "data", false},
		{"Dữ liệu data", "data", true},
	} {
		if got := containsFoldASCII([]byte(c.text), c.word); got != c.want {
			t.Errorf("containsFoldASCII(%q, %q) = %v, want %v", c.text, c.word, got, c.want)
		}
	}
}

// mayHoldUnsafeURL looks for each word once, in any letter case; it says
// what the version that also looked for the exact spellings said (kept
// here), on documents made of the pieces its answer turns on.
func TestMayHoldUnsafeURLAgrees(t *testing.T) {
	before := func(md []byte) bool {
		for _, s := range [][]byte{[]byte("script"), []byte("data"), []byte("&#"), []byte("&colon"), []byte("&tab"), []byte("&newline")} {
			if bytes.Contains(md, s) {
				return true
			}
		}
		for i := bytes.IndexByte(md, '%'); i >= 0 && i+2 < len(md); {
			if isHex(md[i+1]) && isHex(md[i+2]) {
				return true
			}
			j := bytes.IndexByte(md[i+1:], '%')
			if j < 0 {
				break
			}
			i += 1 + j
		}
		for _, s := range []string{"script", "data", "&colon", "&tab", "&newline"} {
			if containsFoldASCII(md, s) {
				return true
			}
		}
		return false
	}
	pieces := []string{"script", "SCRIPT", "scrip", "data", "DaTa", "dat", "&#", "&", "#", "&colon", "&COLON", "&colo", "&tab", "&Tab",
		"&ta", "&newline", "&NewLine", "&newlin", "%", "%6", "%61", "%zz", "6", "&amp;", "d", "s", "a", " ", "đ", "x", "\x00", "[a](", ")"}
	rng := rand.New(rand.NewPCG(8, 8))
	for range 200_000 {
		var b []byte
		for range rng.IntN(9) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		if got, want := mayHoldUnsafeURL(b), before(b); got != want {
			t.Fatalf("mayHoldUnsafeURL(%q) = %v, before %v", b, got, want)
		}
	}
}
