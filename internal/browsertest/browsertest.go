// Package browsertest drives a real, headless Chromium from Go tests, to check
// what only a browser can: that the charts draw, that the pages log no
// JavaScript error and load nothing from another origin, that the content is
// there with JavaScript turned off, and what the pages look like on a phone
// and on a desktop. [Page.Axe] runs axe-core, the accessibility checker, in
// a page; the package's tests also run the Nu Html Checker over whole sites
// (see tools.go for where both are found).
//
// A test calls [Start] for a browser, [Serve] for a local web server over a
// folder (a built site), and [Browser.NewPage] for a tab. A [Page] records,
// from the moment it opens, every console error, uncaught exception and
// browser log error ([Page.Errors]) and the URL of every request it makes
// ([Page.Requests], [Page.ForeignRequests]).
//
//	b := browsertest.Start(t)
//	base := browsertest.Serve(t, dir, "/")
//	p := b.NewPage(t)
//	p.Open(t, base)
//	p.WaitForCharts(t)
//	if errs := p.Errors(); len(errs) > 0 { t.Errorf(...) }
//
// # Finding Chromium
//
// [Start] looks for /usr/bin/chromium, then chromium, chromium-browser and
// google-chrome on PATH; the environment variable KHUYENHOC_CHROMIUM names
// another binary. Without one the test is skipped, so that go test ./...
// passes on a machine without a browser, unless KHUYENHOC_BROWSER=required:
// then the test fails. CI sets it (see .ci/run), so that the browser tests
// can never silently stop running there.
//
// Chromium runs headless, without sandbox (CI runs as root) and GPU, with a
// fresh temporary profile, and with its background networking turned off
// (component updates, sync, QUIC, field trials): the test machines have no
// internet, and a page must not need it either.
package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Environment variables read by this package.
const (
	// EnvChromium names the Chromium (or Chrome) binary to use.
	EnvChromium = "KHUYENHOC_CHROMIUM"
	// EnvBrowser set to "required" turns a missing Chromium from a skip into
	// a failure.
	EnvBrowser = "KHUYENHOC_BROWSER"
)

// SkipMessage is what a test says when it is skipped for want of Chromium.
const SkipMessage = "Chromium not found: install it with apt-get install chromium (CI installs it in .ci/run)"

// candidates are tried in order when KHUYENHOC_CHROMIUM is not set.
var candidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"}

// Timeouts. A page of the sample site loads in well under a second; these
// only keep a hung browser from hanging the test binary.
const (
	startTimeout = 30 * time.Second
	stepTimeout  = 20 * time.Second
)

// FindChromium returns the path of the browser to use, or "" when there is
// none. KHUYENHOC_CHROMIUM, when set, is the only candidate.
func FindChromium() string {
	if p := os.Getenv(EnvChromium); p != "" {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
		return ""
	}
	for _, c := range candidates {
		if path, err := exec.LookPath(c); err == nil {
			return path
		}
	}
	return ""
}

// Required reports whether KHUYENHOC_BROWSER=required, i.e. whether a
// missing Chromium must fail the test rather than skip it.
func Required() bool { return os.Getenv(EnvBrowser) == "required" }

// Chromium returns the path of the browser, or skips t when there is none
// (fails it under KHUYENHOC_BROWSER=required).
func Chromium(t testing.TB) string {
	t.Helper()
	path := FindChromium()
	if path != "" {
		return path
	}
	msg := SkipMessage
	if p := os.Getenv(EnvChromium); p != "" {
		msg = fmt.Sprintf("Chromium not found at %s=%s", EnvChromium, p)
	}
	if Required() {
		t.Fatalf("%s; %s=required, so this is a failure, not a skip", msg, EnvBrowser)
	}
	t.Skip(msg)
	return ""
}

// Browser is a running headless Chromium. It is stopped, and its profile
// removed, when the test that started it ends. Pages of one browser may be
// used from parallel subtests, one goroutine per page.
type Browser struct {
	ctx    context.Context // the browser's first tab; NewPage opens more
	output *syncBuffer     // Chromium's stdout and stderr
	logs   *sink           // chromedp's own log lines
}

// Start launches Chromium for the test t, or skips t when there is none (see
// [Chromium]). A Chromium that is found but does not start fails the test.
func Start(t testing.TB) *Browser {
	t.Helper()
	exe := Chromium(t)
	b := &Browser{output: &syncBuffer{}, logs: &sink{}}
	// Chromium makes its singleton socket folder in TMPDIR and leaves it
	// when it is stopped: one org.chromium.Chromium.* folder in /tmp per
	// test run, ~200 a day on a busy machine. The test's own temporary
	// folder holds it instead, and goes with the test.
	tmp := t.TempDir()
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("disable-field-trial-config", true),
		chromedp.Flag("no-pings", true),
		chromedp.CombinedOutput(b.output),
		chromedp.Env("TMPDIR="+tmp),
		// No UserDataDir option: chromedp then gives Chromium a fresh
		// temporary --user-data-dir and removes it (and any helper process
		// still writing to it) when the browser stops.
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx,
		chromedp.WithLogf(b.logs.printf),
		chromedp.WithErrorf(b.logs.printf),
	)
	t.Cleanup(func() {
		cancel()
		cancelAlloc() // waits for Chromium to exit
		b.logs.close()
		if t.Failed() {
			if l := b.logs.String(); l != "" {
				t.Logf("chromedp log:\n%s", l)
			}
			if out := quiet(b.output.String()); out != "" {
				t.Logf("Chromium output (%s):\n%s", exe, tail(out, 4000))
			}
		}
	})
	b.ctx = ctx
	if err := attach(ctx, startTimeout); err != nil {
		t.Fatalf("starting %s: %v\n%s", exe, err, tail(quiet(b.output.String()), 4000))
	}
	return b
}

// attach runs the first (empty) Do on a chromedp context, which starts the
// browser or opens the tab. chromedp binds the browser or tab to the context
// of that first call, so it must be ctx itself, not a context with a timeout
// that ends when the call returns: the timeout is watched here instead.
func attach(ctx context.Context, timeout time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err := <-done:
		return err
	case <-time.After(timeout):
		return fmt.Errorf("no answer from the browser within %s", timeout)
	}
}

// Page is one browser tab. It records console errors, exceptions, browser
// log errors and request URLs from the moment it opens.
type Page struct {
	ctx context.Context

	mu       sync.Mutex
	errors   []string
	warnings []string
	requests []string
}

// NewPage opens a new tab, closed when t ends.
func (b *Browser) NewPage(t testing.TB) *Page {
	t.Helper()
	p := &Page{}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(p.record))
	t.Cleanup(cancel)
	p.ctx = ctx
	if err := attach(ctx, stepTimeout); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return p
}

// record runs in the tab's event loop: it must return fast and send no
// command.
func (p *Page) record(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		p.errors = append(p.errors, "uncaught exception: "+exceptionText(ev.ExceptionDetails))
	case *runtime.EventConsoleAPICalled:
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeAssert:
			p.errors = append(p.errors, "console."+string(ev.Type)+": "+argsText(ev.Args))
		case runtime.ConsoleAPICalledTypeWarning:
			p.warnings = append(p.warnings, "console.warn: "+argsText(ev.Args))
		}
	case *log.EventEntryAdded:
		if e := ev.Entry; e != nil {
			text := "browser log (" + string(e.Source) + "): " + e.Text
			if e.URL != "" {
				text += " [" + e.URL + "]"
			}
			switch e.Level {
			case log.EntryLevelError:
				p.errors = append(p.errors, text)
			case log.EntryLevelWarning:
				p.warnings = append(p.warnings, text)
			}
		}
	case *network.EventRequestWillBeSent:
		if ev.Request != nil {
			p.requests = append(p.requests, ev.Request.URL)
		}
	}
}

// do runs steps that return nothing, with the step timeout.
func (p *Page) do(steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

// run runs one action that returns a value, with the step timeout.
func run[T any](p *Page, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// Errors returns the console errors, uncaught exceptions and browser log
// errors (such as a failed request) seen so far.
func (p *Page) Errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

// Warnings returns the console warnings and browser log warnings seen so far.
func (p *Page) Warnings() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.warnings...)
}

// Requests returns the URL of every request made so far, in order, the
// documents included.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

// ForeignRequests returns the requests made so far to anywhere but origin
// ("http://127.0.0.1:1234"). data:, blob: and about: URLs leave nothing and
// are not counted.
func (p *Page) ForeignRequests(origin string) []string {
	origin = strings.TrimSuffix(origin, "/")
	var out []string
	for _, u := range p.Requests() {
		switch {
		case strings.HasPrefix(u, "data:"), strings.HasPrefix(u, "blob:"), strings.HasPrefix(u, "about:"):
		case u == origin, strings.HasPrefix(u, origin+"/"):
		default:
			out = append(out, u)
		}
	}
	return out
}

// DisableScripts turns JavaScript off in the tab, for the pages it opens
// from now on (Emulation.setScriptExecutionDisabled).
func (p *Page) DisableScripts(t testing.TB) {
	t.Helper()
	_, err := run(p, chromedp.Action[cdp.Empty](func(ctx context.Context, tg *chromedp.Target) (cdp.Empty, error) {
		return cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	}))
	if err != nil {
		t.Fatalf("disabling JavaScript: %v", err)
	}
}

// SetViewport sets the width of the layout viewport in CSS pixels, at a
// device scale of 1, for the pages opened from now on. Widths below 600 px
// emulate a phone (portrait, mobile: the meta viewport applies).
func (p *Page) SetViewport(t testing.TB, width int) {
	t.Helper()
	height := int64(800)
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateLandscape}
	if width < 600 {
		opts = []chromedp.EmulateViewportOption{chromedp.EmulatePortrait, chromedp.EmulateMobile}
	}
	if err := p.do(chromedp.EmulateViewport(int64(width), height, opts...)); err != nil {
		t.Fatalf("setting the viewport to %d px: %v", width, err)
	}
}

// Open loads url in the tab and waits for its load event. A response other
// than 200 fails the test.
func (p *Page) Open(t testing.TB, url string) {
	t.Helper()
	resp, err := run(p, chromedp.NavigateResponse(url))
	if err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	if resp == nil || resp.Status != http.StatusOK {
		status := int64(0)
		if resp != nil {
			status = resp.Status
		}
		t.Fatalf("opening %s: HTTP status %d", url, status)
	}
}

// Count returns how many elements match the CSS selector. It reads the DOM
// through the DevTools DOM domain, so it works with JavaScript disabled.
func (p *Page) Count(t testing.TB, selector string) int {
	t.Helper()
	return p.match(t, selector, false)
}

// Shown returns how many elements that match the CSS selector are rendered
// with a non-empty box: not display:none or hidden, not inside a closed
// <details>. It works with JavaScript disabled.
func (p *Page) Shown(t testing.TB, selector string) int {
	t.Helper()
	return p.match(t, selector, true)
}

func (p *Page) match(t testing.TB, selector string, shown bool) int {
	t.Helper()
	count := chromedp.Action[int](func(ctx context.Context, tg *chromedp.Target) (int, error) {
		doc, err := cdp.Call(ctx, tg, dom.GetDocument, dom.GetDocumentParams{})
		if err != nil {
			return 0, err
		}
		res, err := cdp.Call(ctx, tg, dom.QuerySelectorAll, dom.QuerySelectorAllParams{NodeID: doc.Root.NodeID, Selector: selector})
		if err != nil || !shown {
			return len(res.NodeIDs), err
		}
		n := 0
		for _, id := range res.NodeIDs {
			// An element without a layout box has no box model.
			box, err := cdp.Call(ctx, tg, dom.GetBoxModel, dom.GetBoxModelParams{NodeID: id})
			if err == nil && box.Model != nil && box.Model.Width > 0 && box.Model.Height > 0 {
				n++
			}
		}
		return n, nil
	})
	var n int
	var err error
	// chromedp asks for the document itself after a navigation, which
	// invalidates the node ids of an earlier DOM.getDocument: try again.
	for range 5 {
		if n, err = run(p, count); err == nil || !strings.Contains(err.Error(), "Could not find node") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("looking for %q: %v", selector, err)
	}
	return n
}

// chartsDrawn is true once every .chart container holds an svg element of a
// non-zero size with at least one drawn path (what ECharts' svg renderer
// makes); its value is then the number of paths per chart.
const chartsDrawn = `(() => {
	const charts = Array.from(document.querySelectorAll(".chart"));
	if (charts.length === 0) return false;
	const counts = [];
	for (const c of charts) {
		const svg = c.querySelector("svg");
		if (!svg) return false;
		const r = svg.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) return false;
		const n = Array.from(svg.querySelectorAll("path")).filter(p => (p.getAttribute("d") || "").length > 0).length;
		if (n === 0) return false;
		counts.push(n);
	}
	return counts;
})()`

// chartsState is the drawn state of every chart, to tell when the entry
// animation is over.
const chartsState = `Array.from(document.querySelectorAll(".chart svg")).map(s => s.innerHTML).join("\n")`

// WaitForCharts waits until every chart container on the page (at least
// one) has been drawn as SVG with paths, and returns the number of paths of
// each. It fails the test after the step timeout.
func (p *Page) WaitForCharts(t testing.TB) []int {
	t.Helper()
	counts, err := run(p, chromedp.Poll[[]int](chartsDrawn,
		chromedp.WithPollingInterval(50*time.Millisecond),
		chromedp.WithPollingTimeout(stepTimeout-time.Second)))
	if err != nil {
		t.Fatalf("waiting for the charts to draw: %v (errors so far: %q)", err, p.Errors())
	}
	return counts
}

// WaitForChartsToSettle waits (up to a few seconds) until the charts' SVG
// stops changing, i.e. ECharts' entry animation is over, so a screenshot
// shows the finished chart.
func (p *Page) WaitForChartsToSettle(t testing.TB) {
	t.Helper()
	const (
		interval = 150 * time.Millisecond
		stable   = 3 // samples in a row
		limit    = 5 * time.Second
	)
	var last string
	same := 0
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(interval) {
		s, err := run(p, chromedp.Evaluate[string](chartsState))
		if err != nil {
			t.Fatalf("reading the charts: %v", err)
		}
		if s == last {
			if same++; same >= stable {
				return
			}
		} else {
			last, same = s, 0
		}
	}
	t.Logf("charts still changing after %s; taking the screenshot anyway", limit)
}

// Screenshot saves a PNG of the whole page (beyond the viewport) to path.
func (p *Page) Screenshot(t testing.TB, path string) {
	t.Helper()
	png, err := run(p, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Serve serves dir over HTTP on 127.0.0.1 for the duration of the test, under
// the path base ("/" or "/khuyenhoc/"), as a static host would: index.html
// for a folder, 404 outside base. It returns the address of base, with a
// trailing slash ("http://127.0.0.1:1234/khuyenhoc/").
func Serve(t testing.TB, dir, base string) string {
	t.Helper()
	return serve(t, base, http.FileServer(http.Dir(dir)))
}

// ServeSlowly is [Serve], but sends every HTML page in pieces of chunk
// bytes, delay apart, as a slow connection would (other files go at once),
// and lets the browser keep nothing in its cache.
// The browser then shows a page while it reads it, and whatever moves as
// the rest of the page arrives shows as layout shift: on a fast machine
// this happens only now and then, when Chromium is kept waiting for the CPU.
func ServeSlowly(t testing.TB, dir, base string, chunk int, delay time.Duration) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	return serve(t, base, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Not from the browser's cache, which would otherwise keep a
		// page for a while (it has a Last-Modified date) and show it at
		// once the second time.
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(&slowWriter{ResponseWriter: w, chunk: chunk, delay: delay}, r)
	}))
}

// slowWriter writes an HTML response chunk bytes at a time, flushing each
// piece and waiting delay after it.
type slowWriter struct {
	http.ResponseWriter
	chunk int
	delay time.Duration
}

func (w *slowWriter) Write(b []byte) (int, error) {
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		return w.ResponseWriter.Write(b)
	}
	rc := http.NewResponseController(w.ResponseWriter)
	n := 0
	for len(b) > 0 {
		k := min(w.chunk, len(b))
		m, err := w.ResponseWriter.Write(b[:k])
		n += m
		if err != nil {
			return n, err
		}
		if err := rc.Flush(); err != nil {
			return n, err
		}
		time.Sleep(w.delay)
		b = b[k:]
	}
	return n, nil
}

func serve(t testing.TB, base string, files http.Handler) string {
	t.Helper()
	if !strings.HasPrefix(base, "/") {
		base = "/" + base
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), files))
	srv := httptest.NewServer(mux) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv.URL + base
}

// Origin returns the scheme and host of an address from [Serve].
func Origin(url string) string {
	i := strings.Index(url, "://")
	if i < 0 {
		return url
	}
	if j := strings.IndexByte(url[i+3:], '/'); j >= 0 {
		return url[:i+3+j]
	}
	return url
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	text := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		text += " " + d.Exception.Description
	}
	if d.URL != "" {
		text += fmt.Sprintf(" at %s:%d:%d", d.URL, d.LineNumber+1, d.ColumnNumber+1)
	}
	return text
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a == nil:
		case a.Type == runtime.RemoteObjectTypeString && len(a.Value) > 0:
			var s string
			if err := json.Unmarshal([]byte(a.Value), &s); err == nil {
				parts = append(parts, s)
			} else {
				parts = append(parts, string(a.Value))
			}
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		case a.UnserializableValue != "":
			parts = append(parts, string(a.UnserializableValue))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// syncBuffer is a bytes.Buffer safe for Chromium's output goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// sink collects chromedp's log lines; it drops lines once closed, since
// chromedp's goroutines can outlive the test.
type sink struct {
	mu     sync.Mutex
	lines  []string
	closed bool
}

func (s *sink) printf(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed && len(s.lines) < 200 {
		s.lines = append(s.lines, fmt.Sprintf(format, args...))
	}
}

func (s *sink) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
}

func (s *sink) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.lines, "\n")
}

// quiet drops the lines of Chromium's output that every run prints in a
// container (no D-Bus, no Vulkan driver) and that say nothing about a failure.
func quiet(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "dbus") || strings.Contains(l, "DBus") || strings.Contains(l, "vkCreateInstance") || strings.TrimSpace(l) == "" {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
