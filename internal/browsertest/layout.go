package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// layoutShift sums the page's layout shifts so far (the Cumulative Layout
// Shift of web-vitals, without its session windows: an upper bound).
// Chromium buffers the entries from the page's start. Every shift counts,
// even one marked hadRecentInput: the tests give no input, yet at 360 px
// (phone emulation) Chromium marked so every shift of a page still
// loading, which made the 360 px check blind to them.
const layoutShift = `new Promise(resolve => {
	let sum = 0;
	new PerformanceObserver(list => {
		for (const e of list.getEntries()) { sum += e.value; }
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
