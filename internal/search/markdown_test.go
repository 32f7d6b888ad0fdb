package search

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

var (
	mdLinkDest  = regexp.MustCompile(`\]\([^)]*\)`)
	mdFootRef   = regexp.MustCompile(`\[\^[^\]]*\]:?`)
	mdMarkup    = regexp.MustCompile("[*_`~#>|]+")
	mdTableRule = regexp.MustCompile(`(?m)^[\s|:-]+$`)
)

// refMarkdownText is the definition MarkdownText must match: the regular
// expressions it replaced.
func refMarkdownText(md []byte) string {
	s := string(md)
	s = mdLinkDest.ReplaceAllString(s, "]")
	s = mdFootRef.ReplaceAllString(s, "")
	s = mdTableRule.ReplaceAllString(s, "")
	s = strings.NewReplacer("[", "", "]", "", "- ", "").Replace(s)
	s = mdMarkup.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(s), " ")
}

func TestMarkdownText(t *testing.T) {
	cases := []string{
		"", "plain text", "# Tiêu đề\n\nĐoạn **đậm** và _nghiêng_ với [liên kết](/a/b/) và `mã`.",
		"| a | b |\n|---|:-:|\n| 1 | 2 |\n", "- một\n- hai\n  - ba", "x- y", "-- x", "-[ x", "a[^1] b[^2]: c\n\n[^1]: chú thích",
		"](no close", "[x](a\n--)\n--\n", "\n\n- foo", "\r\n---\r\n", "a\u00a0b\u2028c", "bad \xff](x)", "[^unclosed", "[]()",
		"\xc2]\x85", "a\xe2[\x80]\x80b", "\xe2\x80[\x80", "a\xc2- \xa0b", "\xe1\x9a\x80x\xe3\x80\x80y\xe2\x81\x9f", "x\xc2\xa0", "\xc3\xc2\x85z", "\xe1\u00a0x", "ệ\xe2\u2028y",
	}
	for _, c := range cases {
		if got, want := MarkdownText([]byte(c)), refMarkdownText([]byte(c)); got != want {
			t.Errorf("MarkdownText(%q) = %q, want %q", c, got, want)
		}
	}
	// Random strings over the characters that matter.
	alpha := []string{"[", "]", "(", ")", "^", ":", "-", " ", "\n", "\t", "\r", "|", "*", "_", "`", "~", "#", ">", "a", "ệ", "\u00a0", "\xff", "\f", "\v"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b strings.Builder
		for range r.IntN(24) {
			b.WriteString(alpha[r.IntN(len(alpha))])
		}
		s := b.String()
		if got, want := MarkdownText([]byte(s)), refMarkdownText([]byte(s)); got != want {
			t.Fatalf("MarkdownText(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzMarkdownText(f *testing.F) {
	f.Add("# T\n\n[a](b) | c |\n|--|\n- d [^1]")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := MarkdownText([]byte(s)), refMarkdownText([]byte(s)); got != want {
			t.Fatalf("MarkdownText(%q) = %q, want %q", s, got, want)
		}
	})
}
