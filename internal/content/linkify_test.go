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
	html := checkSameAsGoldmark(t, stockLinkifyMD, "goldmark's Linkify", linkifySeeds, 20, 11)
	if links := strings.Count(html, `<a href="http`) + strings.Count(html, `<a href="mailto:`); links < 20+len(linkifySeeds) {
		t.Errorf("only %d links: the comparison tests little", links)
	}
}

func FuzzLinkify(f *testing.F) {
	fuzzSameAsGoldmark(f, stockLinkifyMD, "goldmark's Linkify", linkifySeeds)
}
