package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// AxeViolation is one rule axe-core found broken on a page, with the
// elements that break it.
type AxeViolation struct {
	ID      string    `json:"id"`     // the rule, "color-contrast"
	Impact  string    `json:"impact"` // minor, moderate, serious, critical
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Tags    []string  `json:"tags"` // wcag2aa, best-practice, …
	Nodes   []AxeNode `json:"nodes"`
}

// AxeNode is one element that breaks a rule.
type AxeNode struct {
	// Target is the element's CSS selector (a path of selectors when it is
	// inside a shadow root or a frame).
	Target  []any  `json:"target"`
	HTML    string `json:"html"`
	Summary string `json:"failureSummary"`
}

// String is "id (impact): help", then a line per element: its selector and
// what is wrong.
func (v AxeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s <%s>", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    %s\n      %s", targetText(n.Target), strings.ReplaceAll(n.Summary, "\n", "\n      "))
		if h := strings.TrimSpace(n.HTML); h != "" {
			fmt.Fprintf(&b, "\n      %s", head(h, 300))
		}
	}
	return b.String()
}

func targetText(t []any) string {
	parts := make([]string, len(t))
	for i, p := range t {
		parts[i] = fmt.Sprint(p)
	}
	return strings.Join(parts, " >> ")
}

// axeSources caches the contents of axe.min.js by path.
var axeSources sync.Map // path → string

// axeTimeout bounds one axe-core run.
const axeTimeout = 90 * time.Second

// axeRun runs axe-core on the whole document with the options %s and
// returns the violations.
const axeRun = `axe.run(document, %s).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
	nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary})),
})))`

// Axe injects axe-core (the file axeJS, axe.min.js; see [Axe]) into the
// page as it is now and returns the rules it breaks: none is the goal.
//
// Without rules, every rule that is on by default runs: WCAG 2.0, 2.1 and
// 2.2 levels A and AA, and best practices (experimental rules and level
// AAA stay off). With rules ("color-contrast"), only those.
func (p *Page) Axe(t testing.TB, axeJS string, rules ...string) []AxeViolation {
	t.Helper()
	src, ok := axeSources.Load(axeJS)
	if !ok {
		b, err := os.ReadFile(axeJS)
		if err != nil {
			t.Fatalf("reading axe-core: %v", err)
		}
		src, _ = axeSources.LoadOrStore(axeJS, string(b))
	}
	if _, err := run(p, chromedp.Evaluate[chromedp.Void](src.(string))); err != nil {
		t.Fatalf("injecting axe-core from %s: %v", axeJS, err)
	}
	opts := map[string]any{"resultTypes": []string{"violations"}}
	if len(rules) > 0 {
		opts["runOnly"] = map[string]any{"type": "rule", "values": rules}
	}
	js, err := json.Marshal(opts)
	if err != nil {
		t.Fatal(err)
	}
	// axe takes seconds on a long page, more on a busy machine.
	ctx, cancel := context.WithTimeout(p.ctx, axeTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]AxeViolation](fmt.Sprintf(axeRun, js), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	return v
}

// EmulateMedia makes the tab render for the CSS media type media ("print",
// "screen"; "" for the default) and, unless scheme is "", report
// prefers-color-scheme: scheme ("dark", "light"): for the page shown now and
// the pages opened from now on. Each call replaces the previous one.
func (p *Page) EmulateMedia(t testing.TB, media, scheme string) {
	t.Helper()
	params := emulation.SetEmulatedMediaParams{Media: media}
	if scheme != "" {
		params.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	_, err := run(p, chromedp.Action[cdp.Empty](func(ctx context.Context, tg *chromedp.Target) (cdp.Empty, error) {
		return cdp.Call(ctx, tg, emulation.SetEmulatedMedia, params)
	}))
	if err != nil {
		t.Fatalf("emulating media %q, prefers-color-scheme %q: %v", media, scheme, err)
	}
}

// head is s cut to n bytes (at a rune boundary), with "…" when cut.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
