package site

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"html"

	xhtml "golang.org/x/net/html"

	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
)

// attrsByTokenizer is what scanAttrs must find: the attributes the
// x/net/html tokenizer reports on start tags.
func attrsByTokenizer(doc []byte) []string {
	var out []string
	z := xhtml.NewTokenizer(bytes.NewReader(doc))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return out
		}
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			continue
		}
		for {
			key, val, more := z.TagAttr()
			if k := string(key); k == "id" || k == "href" || k == "src" {
				out = append(out, k+"="+string(val))
			}
			if !more {
				break
			}
		}
	}
}

func attrsByScan(doc []byte) []string {
	var out []string
	scanAttrs(doc, func(name string, val []byte) { out = append(out, name+"="+string(val)) })
	return out
}

func attrsBySimpleScan(doc []byte) []string {
	var out []string
	simpleScanAttrs(doc, func(name string, val []byte) { out = append(out, name+"="+string(val)) })
	return out
}

// scanAttrsCases are documents scanAttrs must read as the tokenizer does.
var scanAttrsCases = []string{
	`<a href="/x/">x</a><img src='/i.png' alt=a><p id=intro class="c">`,
	`<A HREF="/X/" Id="k">`,
	`<a href="/q?a=1&amp;b=2">`,
	`<!-- <a href="/no/"> --><a href="/yes/">`,
	`<!--><a href="/after-empty-comment/">`,
	`<!DOCTYPE html><html lang="vi"><head><title>a <a href="/no/"></title>`,
	`<script>var s = '<a href="/no/">';</script><a href="/yes/">`,
	`<style>a[href="/no/"]{}</style><div id="d">`,
	`</a href="/end-tag/"><br/><input src=/bare/ >`,
	`<a href = "/spaced/" id = x>`,
	`<a href>empty</a><a id="">`,
	`text < 3 and <3 and <a href="/ok/">`,
	`<a href="/unterminated`,
	`<textarea><a href="/no/"></textarea ><a href="/yes/">`,
	`<a data-href="/no/" href="/yes/" hreflang="vi">`,
	`<meta content="a > b" id="after-gt"><a title='say "hi"' HrEf='/q/'>`,
	`<a title="unterminated href="/no/"> <p id="still-in-value">`,
	`<SCRIPT><a href="/no/"></script><Plaintext><a href="/no/">`,
	`<section id=s><table id=t><input src=/i/><scriptx href=/x/><p id=p>`,
	`<a ids="no" hre="no" srcs="no" sr="no" i="no" Id="yes">`,
	`<img src=/a/b.png/><a href=/c/d/>x</a>`,
	`<XMP><a href="/no/"></xmp><IFrame><a href="/no/"></iframe><noembed><a href="/no/"></noembed>` +
		`<NOFRAMES><a href="/no/"></noframes><noscript><a href="/no/"></noscript><Style><a href="/no/"></style>` +
		`<TITLE><a href="/no/"></title><textarea><a href="/no/"></textarea><a href="/yes/">`,
	`<!><a href=/after-bang/></><a href="/after-empty-end/"><?><a id=q>`,
	"1234567<a id=seven>12345678<a id=eight>123456789<a id=nine>\n  <a id=indented>",
	`</abcdefghijklmn><a id=e15></abcdefghijklmno><a id=e16></abcdefghijklmnop><a id=e17>`,
	`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"><a href="/long-doctype/">`,
	`text with no tag`, `<a href="/x/">x</a>tail`, `</unterminated-end-tag`, `<a href=/x/><`,
}

func TestScanAttrsLikeTokenizer(t *testing.T) {
	for _, d := range scanAttrsCases {
		want := attrsByTokenizer([]byte(d))
		if got := attrsByScan([]byte(d)); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s\n got %q\nwant %q", d, got, want)
		}
		if got := attrsBySimpleScan([]byte(d)); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("simpleScanAttrs: %s\n got %q\nwant %q", d, got, want)
		}
	}
}

// Every page of a generated site reads the same with both.
func TestScanAttrsOnGeneratedSite(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 60, 2); err != nil {
		t.Fatal(err)
	}
	s, l := Load(os.DirFS(dir), Options{})
	if l.Len() > 0 {
		t.Fatal(l.Items())
	}
	var buf bytes.Buffer
	for _, p := range s.Pages {
		buf.Reset()
		if err := s.renderPage(&buf, p, new(content.Scratch)); err != nil {
			t.Fatal(err)
		}
		if got, want := attrsByScan(buf.Bytes()), attrsByTokenizer(buf.Bytes()); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("%s: scan and tokenizer differ:\n got %d attrs\nwant %d", p.Path, len(got), len(want))
		}
	}
	if _, l := s.Build(context.Background(), BuildOptions{DryRun: true}); l.Len() > 0 {
		t.Fatal(l.Items())
	}
}

// BenchmarkScanAttrs reads the pages of a generated site of 200 articles,
// every kind, as the link checker does; bytes/s is HTML read.
func BenchmarkScanAttrs(b *testing.B) {
	s, _ := benchSite(b, 200)
	var pages [][]byte
	var size int64
	var buf bytes.Buffer
	for _, p := range s.Pages {
		buf.Reset()
		if err := s.renderPage(&buf, p, new(content.Scratch)); err != nil {
			b.Fatal(err)
		}
		pages = append(pages, bytes.Clone(buf.Bytes()))
		size += int64(buf.Len())
	}
	b.SetBytes(size / int64(len(pages)))
	n := 0
	i := 0
	for b.Loop() {
		scanAttrs(pages[i%len(pages)], func(string, []byte) { n++ })
		i++
	}
	if n == 0 {
		b.Fatal("no attributes")
	}
}

// FuzzScanAttrs: scanAttrs reads any document as simpleScanAttrs does.
func FuzzScanAttrs(f *testing.F) {
	for _, d := range scanAttrsCases {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, d string) {
		if got, want := attrsByScan([]byte(d)), attrsBySimpleScan([]byte(d)); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%q\n got %q\nwant %q", d, got, want)
		}
	})
}

// simpleScanAttrs is scanAttrs as it was first written, a byte at a time:
// FuzzScanAttrs holds the fast one to it on any input, where the
// tokenizer differs from both on corner cases (NUL, "&amp0", an attribute
// written twice), and TestScanAttrsLikeTokenizer holds both to the
// tokenizer on the cases. The helpers the fast one did not rewrite
// (skipComment, skipRawText, isSpace) it shares.
func simpleScanAttrs(doc []byte, fn func(name string, val []byte)) {
	i := 0
	for {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 || i+j+1 >= len(doc) {
			return
		}
		i += j + 1
		switch c := doc[i]; {
		case c == '!' && bytes.HasPrefix(doc[i:], []byte("!--")):
			i = skipComment(doc, i+3)
		case c == '!' || c == '?' || c == '/':
			// A doctype, a bogus comment or an end tag: up to '>'.
			if k := bytes.IndexByte(doc[i:], '>'); k >= 0 {
				i += k + 1
			} else {
				return
			}
		case isASCIILetter(c):
			var name []byte
			name, i = simpleScanTag(doc, i, fn)
			if raw := simpleRawTextElement(name); raw != "" {
				i = skipRawText(doc, i, raw)
			}
		}
	}
}

// simpleScanTag reads the tag whose name starts at i, reporting its attributes
// once the tag is closed (a tag cut off by the end of the document is not
// a tag), and returns the name as written and the index after the tag.
func simpleScanTag(doc []byte, i int, fn func(string, []byte)) ([]byte, int) {
	var buf [8]attr
	found := buf[:0]
	start := i
	for i < len(doc) && !isSpace(doc[i]) && doc[i] != '/' && doc[i] != '>' {
		i++
	}
	name := doc[start:i]
	for i < len(doc) {
		for i < len(doc) && (isSpace(doc[i]) || doc[i] == '/') {
			i++
		}
		if i >= len(doc) {
			return name, i
		}
		if doc[i] == '>' {
			for _, a := range found {
				fn(a.name, a.val)
			}
			return name, i + 1
		}
		// The key: a first '=' belongs to it, as in the HTML spec.
		ks := i
		i++
		for i < len(doc) && !isSpace(doc[i]) && doc[i] != '/' && doc[i] != '>' && doc[i] != '=' {
			i++
		}
		key := doc[ks:i]
		for i < len(doc) && isSpace(doc[i]) {
			i++
		}
		var val []byte
		if i < len(doc) && doc[i] == '=' {
			i++
			for i < len(doc) && isSpace(doc[i]) {
				i++
			}
			switch {
			case i >= len(doc):
			case doc[i] == '"' || doc[i] == '\'':
				q := doc[i]
				i++
				vs := i
				for i < len(doc) && doc[i] != q {
					i++
				}
				val = doc[vs:i]
				if i < len(doc) {
					i++
				}
			default:
				vs := i
				for i < len(doc) && !isSpace(doc[i]) && doc[i] != '>' {
					i++
				}
				val = doc[vs:i]
			}
		}
		if n := simpleAttrName(key); n != "" {
			if bytes.IndexByte(val, '&') >= 0 {
				val = []byte(html.UnescapeString(string(val)))
			}
			found = append(found, attr{n, val})
		}
	}
	return name, i
}

func simpleAttrName(key []byte) string {
	switch {
	case len(key) == 2 && bytes.EqualFold(key, []byte("id")):
		return "id"
	case len(key) == 4 && bytes.EqualFold(key, []byte("href")):
		return "href"
	case len(key) == 3 && bytes.EqualFold(key, []byte("src")):
		return "src"
	}
	return ""
}

// simpleRawTextElement returns the lower-case name of a raw-text element, or "".
// It compares without lowering the name first: a build meets millions of
// tags.
func simpleRawTextElement(name []byte) string {
	if len(name) < 3 || len(name) > 9 {
		return ""
	}
	for _, e := range rawTextElements {
		if len(e) == len(name) && bytes.EqualFold(name, []byte(e)) {
			return e
		}
	}
	return ""
}
