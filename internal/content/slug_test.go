package content

import (
	"regexp"
	"testing"
)

// validSlug is the pattern ^[a-z0-9]+(-[a-z0-9]+)*$ by hand: every string
// of up to 6 characters from an alphabet around its edges agrees.
func TestValidSlugIsThePattern(t *testing.T) {
	pattern := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	alphabet := []string{"a", "z", "0", "9", "-", "A", "_", "đ", " ", "`", "{", "/", ":"}
	var walk func(s string, n int)
	walk = func(s string, n int) {
		if got, want := validSlug(s), pattern.MatchString(s); got != want {
			t.Fatalf("validSlug(%q) = %v, the pattern says %v", s, got, want)
		}
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			walk(s+c, n-1)
		}
	}
	walk("", 5)
	for _, s := range []string{"2024-12-03-giao-ban-cum-tay-bac", "hoa-binh", "a--b", "-a", "a-", "Hoa-binh", "hòa-bình"} {
		if validSlug(s) != pattern.MatchString(s) {
			t.Errorf("validSlug(%q) disagrees", s)
		}
	}
}
