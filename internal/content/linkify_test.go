package content

import (
	"math/rand/v2"
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
	// Without an @, for the lookback linkify: where goldmark's loop asks
	// Linkify (after a space, '(', '~~~', a node, an unclosed code span, at
	// a line start) and where it does not (tab, escapes, '*', '_', ':').
	"a http://a.b (https://c.d) ~~~ftp://e.f ~http://g.h a~~http://i.j\n*http://k.l* _www.m.n_ **www.o.p**",
	"`x`http://a.b ``http://c.d `` `http://e.f \\(http://g.h \\\\(http://i.j \\~http://k.l\twww.m.n",
	"x:http://a.b y.www.c.d [a](/b)http://e.f l'http://g.h--www.i.j...www.k.l www...m.n",
	"- http://a.b\n- > www.c.d\n\n| h |\n|---|\n|http://e.f| www.g.h |\n\n[www.i.j] [http://k.l](/m) [^1]http://n.o\n\n[^1]: www.p.q",
	"https:// http:/a.b xhttp://c.d wwwx.e.f WWW.g.h HTTP://i.j ftp:/k.l http://localhost www.m\n    http://code.block",
}

// TestLinkifyMatchesGoldmark: the quick linkify makes the links goldmark's
// makes, in generated articles and at every edge.
func TestLinkifyMatchesGoldmark(t *testing.T) {
	html := checkSameAsGoldmark(t, stockLinkifyMD, "goldmark's Linkify", linkifySeeds, 20, 11)
	if links := strings.Count(html, `<a href="http`) + strings.Count(html, `<a href="mailto:`); links < 20+len(linkifySeeds) {
		t.Errorf("only %d links: the comparison tests little", links)
	}
}

// TestLinkifyRandomDocuments compares the lookback linkify with goldmark's
// on documents made of the pieces its decisions turn on: schemes and
// www. after every kind of character, escapes, code spans, emphasis,
// links, line ends with spaces, tabs and carriage returns, lists, quotes
// and tables. Byte-level fuzzing seldom puts "http:" after a backtick.
func TestLinkifyRandomDocuments(t *testing.T) {
	pieces := []string{
		"http://a.b", "https://c.d/e", "ftp://f.g", "www.h.i", "http:", "www.", "http", "www", "https",
		" ", "  ", "\t", "(", ")", "~", "~~", "~~~", "*", "**", "_", "`", "``", "\\", ":", ".", "...", "--",
		"'", "\"", "[", "]", "![", "](/x)", "[^1]", "<", ">", "<b>", "x", "ạ", "\n", "\r\n", "  \n", "\\\n",
		" \t\n", "\t \n", "   \n", "\n\n", "\n- ", "\n> ", "\n1. ", "\n    ", "\n| a |\n|---|\n| ",
		"\n# ", "\n\t", "&amp;", "\v", "\f", "<http://a.b>", "\n===\n", "\n---\n", "\n[a]: http://b.c\n", "\n```\n",
	}
	rng := rand.New(rand.NewPCG(8, 1))
	var b strings.Builder
	links, lookback := 0, 0
	for range 20000 {
		b.Reset()
		for range 1 + rng.IntN(24) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		doc := b.String()
		if !lookbackCannot([]byte(doc)) {
			lookback++
		}
		ours, theirs := renderBoth(t, stockLinkifyMD, doc)
		if ours != theirs {
			t.Fatalf("%q renders\n%q\ngoldmark's Linkify\n%q", doc, ours, theirs)
		}
		links += strings.Count(theirs, `<a href="http`) + strings.Count(theirs, `<a href="ftp`)
	}
	if links < 5000 || lookback < 15000 {
		t.Errorf("only %d links, %d documents for the lookback linkify: the comparison tests little", links, lookback)
	}
}

func FuzzLinkify(f *testing.F) {
	fuzzSameAsGoldmark(f, stockLinkifyMD, "goldmark's Linkify", linkifySeeds)
}
