package chart

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestSnippetIsInertWithHostileText: every text of a chart comes from the
// data (province and cluster names, titles, sources), so each is given
// markup that would end the script element or start a new one. The
// snippet keeps every one of them inside a JSON string or escaped HTML.
func TestSnippetIsInertWithHostileText(t *testing.T) {
	payloads := []string{
		"</script><script>window.__pwned=1</script>",
		"</SCRIPT ><img src=x onerror=window.__pwned=2>",
		"<!--<script>",
		"]]></script>",
		"\u2028\u2029'\"`${window.__pwned=3}",
		"</scr\u0000ipt>",
	}
	for i, p := range payloads {
		c := Chart{
			ID:          "x",
			Title:       p,
			Description: p,
			Unit:        p,
			Kind:        Bar,
			Categories:  []string{p, "b"},
			Series:      []Series{{Name: p, Values: []Value{{V: 1, OK: true, Approx: p}, {V: 2, OK: true}}}},
			Sources:     []Source{{Label: p, URL: "https://example.org/?q=" + url.QueryEscape(p)}},
		}
		if i%2 == 1 {
			c.Kind = RankedBar
		}
		h, err := Snippet(c)
		if err != nil {
			t.Fatalf("payload %q: %v", p, err)
		}
		html := string(h)
		script := regexp.MustCompile(`(?is)<script>(.*?)</script>`).FindAllStringSubmatch(html, -1)
		if len(script) != 1 {
			t.Fatalf("payload %q: %d script elements, want 1:\n%s", p, len(script), html)
		}
		if l := strings.ToLower(script[0][1]); strings.Contains(l, "<script") || strings.Contains(l, "</") || strings.Contains(l, "<!--") || strings.Contains(l, "\u2028") {
			t.Errorf("payload %q is not inert in the script:\n%s", p, script[0][1])
		}
		outside := strings.Replace(html, script[0][0], "", 1)
		if strings.Contains(outside, "<img") || strings.Contains(outside, "<script") || strings.Contains(outside, "<!--") {
			t.Errorf("payload %q became markup outside the script:\n%s", p, outside)
		}
		table := string(c.Table().HTML())
		if strings.Contains(table, "<script") || strings.Contains(table, "<img") {
			t.Errorf("payload %q became markup in the table:\n%s", p, table)
		}
	}
	// A source URL that runs script is refused.
	c := Chart{ID: "x", Description: "d", Kind: Bar, Categories: []string{"a"}, Series: []Series{{Name: "s", Values: []Value{{V: 1, OK: true}}}},
		Sources: []Source{{Label: "l", URL: "javascript:alert(1)"}}}
	if _, err := Snippet(c); err == nil {
		t.Error("a javascript: source URL was accepted")
	}
}
