package content

import (
	"strings"
	"testing"
)

// linkifySeeds are texts where a link starts, almost starts or must not:
// each scheme and www. after every trigger, e-mail addresses, an @ at the
// edge of the 65 bytes looked at, links in link text, and Vietnamese
// words around them.
var linkifySeeds = []string{
	"Xem https://khuyenhocvietnam.vn và http://a.b/c?d=1&e=2, ftp://x.y/z.",
	"(https://vi.wikipedia.org/wiki/Hòa_Bình) *www.dantri.com.vn* _http://a.b_ ~www.x.y~",
	"www.khuyenhoc.vn. wwwx.vn http: https:// ftp:/ hhttp://a.b fttp://",
	"Liên hệ hoikhuyenhoc@gmail.com, a.b-c+d@sub.example.org. @ten a@ @b.c x@y",
	strings.Repeat("a", 63) + "@example.com " + strings.Repeat("b", 64) + "@example.com " + strings.Repeat("c", 65) + "@example.com",
	"[https://a.b](https://c.d) [x www.y.z](/a/) ![www.a.b](/i.png) <https://e.f>",
	"khuyến học, học tập suốt đời; đồng bào — http://a.b\nwww.c.d\n hoikhuyenhoc@gmail.com",
	"`http://code.span` \\http://escaped.a H@ F@ W@ hà@nội.vn",
}

// TestLinkifyMatchesGoldmark: the quick linkify makes the links goldmark's
// makes, in generated articles and at every edge.
func TestLinkifyMatchesGoldmark(t *testing.T) {
	docs := append([]string(nil), linkifySeeds...)
	for _, body := range corpusBodies(t, 20, 11) {
		docs = append(docs, string(body))
	}
	links := 0
	for i, doc := range docs {
		ours, stock := linkifyOutputs(t, doc)
		if ours != stock {
			t.Errorf("document %d:\n%s\nrenders\n%s\ngoldmark's Linkify\n%s", i, doc, ours, stock)
		}
		links += strings.Count(stock, "<a href=\"http") + strings.Count(stock, "<a href=\"mailto:")
	}
	if links < len(docs) {
		t.Errorf("only %d links in %d documents: the comparison tests little", links, len(docs))
	}
}

func FuzzLinkify(f *testing.F) {
	for _, s := range append(fuzzSeeds(), linkifySeeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		if len(doc) > 64<<10 {
			return
		}
		if ours, stock := linkifyOutputs(t, doc); ours != stock {
			t.Errorf("%q renders\n%s\ngoldmark's Linkify\n%s", doc, ours, stock)
		}
	})
}

var goldmarkLinkifyMD = newMarkdown(MarkdownOptions{BasePath: "/khuyenhoc/"}, speedups{tableCells: true})

func linkifyOutputs(t *testing.T, doc string) (ours, stock string) {
	a, errA := oursMD.Render([]byte(doc))
	b, errB := goldmarkLinkifyMD.Render([]byte(doc))
	if (errA != nil) != (errB != nil) {
		t.Fatalf("errors differ: %v, %v", errA, errB)
	}
	return string(a), string(b)
}
