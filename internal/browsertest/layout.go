package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// layoutShift sums the page's layout shifts so far that no input caused
// (the Cumulative Layout Shift of web-vitals, without its session windows:
// an upper bound). Chromium buffers the entries from the page's start.
const layoutShift = `new Promise(resolve => {
	let sum = 0;
	new PerformanceObserver(list => {
		for (const e of list.getEntries()) { if (!e.hadRecentInput) { sum += e.value; } }
	}).observe({type: "layout-shift", buffered: true});
	setTimeout(() => resolve(sum), 50);
})`

// LayoutShift returns how much of the page has moved under the reader since
// it started loading: 0 when nothing moved; web.dev calls up to 0.1 good.
func (p *Page) LayoutShift(t testing.TB) float64 {
	t.Helper()
	v, err := run(p, chromedp.Evaluate[float64](layoutShift, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("measuring layout shift: %v", err)
	}
	return v
}
