package site

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
)

// attrsByTokenizer is what scanAttrs must find: the attributes the
// x/net/html tokenizer reports on start tags.
func attrsByTokenizer(doc []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
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

func TestScanAttrsLikeTokenizer(t *testing.T) {
	docs := []string{
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
	}
	for _, d := range docs {
		if got, want := attrsByScan([]byte(d)), attrsByTokenizer([]byte(d)); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s\n got %q\nwant %q", d, got, want)
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
