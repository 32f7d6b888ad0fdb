package site

import (
	"strconv"
	"testing"
)

// TestResolveMemoAgreesWithResolve: a worker's memo of plain site paths
// gives what resolve gives, on the page it was filled on and on others,
// and once it is full and starts again.
func TestResolveMemoAgreesWithResolve(t *testing.T) {
	links := []string{
		"/khuyenhoc/", "/khuyenhoc/tin-tuc/", "/khuyenhoc/tin-tuc/bai-a/#muc-1",
		"/khuyenhoc/css/site.css", "/khuyenhoc/tin-tuc/trang/2/", "/khac/", "/",
		"../bai-b/", "#noi-dung", "anh.png", "https://example.org/x", "//example.org/y",
		"/khuyenhoc/t%E1%BB%89nh/", "/khuyenhoc/a b/", "mailto:a@example.org",
	}
	files := []string{"index.html", "tin-tuc/bai-a/index.html", "tin-tuc/trang/2/index.html"}
	for _, base := range []string{"/", "/khuyenhoc/"} {
		li := newLinkIndex(base, map[string]bool{})
		memo := resolvedLinks{}
		for round := range 3 {
			if round == 2 {
				// Fill the memo to its bound: the next link starts it again.
				for i := len(memo); i < maxResolvedLinks; i++ {
					memo["\x00filler"+strconv.Itoa(i)] = resolvedLink{}
				}
			}
			for _, file := range files {
				for _, raw := range links {
					want, wantOK := li.resolve(file, []byte(raw))
					got, gotOK := li.resolveMemo(file, []byte(raw), memo)
					if got != want || gotOK != wantOK {
						t.Errorf("base %s, round %d, %s links %q: memo gives %+v %v, resolve %+v %v", base, round, file, raw, got, gotOK, want, wantOK)
					}
				}
			}
			if len(memo) > maxResolvedLinks {
				t.Fatalf("memo holds %d links, more than %d", len(memo), maxResolvedLinks)
			}
		}
	}
}
