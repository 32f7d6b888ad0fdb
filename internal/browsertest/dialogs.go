package browsertest

import (
	"context"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Dialogs records the JavaScript dialogs (alert, confirm, prompt,
// beforeunload) a tab opens; see [Page.WatchDialogs].
type Dialogs struct {
	mu   sync.Mutex
	seen []string
}

// List returns the dialogs seen so far, as "alert: message".
func (d *Dialogs) List() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.seen...)
}

// WatchDialogs records every JavaScript dialog the tab opens from now on,
// and dismisses it, so that a page that calls alert() goes on loading
// instead of waiting for a click that never comes.
func (p *Page) WatchDialogs(t testing.TB) *Dialogs {
	t.Helper()
	d := &Dialogs{}
	err := chromedp.Listen(p.ctx, func(ev any) {
		e, ok := ev.(*page.EventJavascriptDialogOpening)
		if !ok {
			return
		}
		d.mu.Lock()
		d.seen = append(d.seen, string(e.Type)+": "+e.Message)
		d.mu.Unlock()
		// A listener must not send commands: dismiss from elsewhere.
		go func() {
			_, _ = run(p, chromedp.Action[cdp.Empty](func(ctx context.Context, tg *chromedp.Target) (cdp.Empty, error) {
				return cdp.Call(ctx, tg, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			}))
		}()
	})
	if err != nil {
		t.Fatalf("watching dialogs: %v", err)
	}
	return d
}

// OnNewDocument runs the script js in every document the tab opens from
// now on, before the document's own scripts (for example to install a
// sentinel that injected scripts would trip).
func (p *Page) OnNewDocument(t testing.TB, js string) {
	t.Helper()
	_, err := run(p, chromedp.Action[page.AddScriptToEvaluateOnNewDocumentResult](func(ctx context.Context, tg *chromedp.Target) (page.AddScriptToEvaluateOnNewDocumentResult, error) {
		return cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js})
	}))
	if err != nil {
		t.Fatalf("adding a script to every document: %v", err)
	}
}

// Evaluate returns the value of a JavaScript expression in the tab's page.
func Evaluate[T any](t testing.TB, p *Page, expression string) T {
	t.Helper()
	v, err := run(p, chromedp.Evaluate[T](expression))
	if err != nil {
		t.Fatalf("evaluating %.80q: %v", expression, err)
	}
	return v
}
