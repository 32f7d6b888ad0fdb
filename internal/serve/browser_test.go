package serve

import (
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/browsertest"
	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
)

// TestBrowserReloadsAndShowsErrors is the editor's loop in a real browser:
// a saved edit reloads the open page; a mistake shows the overlay, naming
// the file, over the page left as it was; fixing it takes the overlay away.
// Skipped without Chromium (see internal/browsertest).
func TestBrowserReloadsAndShowsErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a browser")
	}
	browsertest.Chromium(t) // skips at once without one
	source := t.TempDir()
	if err := corpus.Generate(source, 5, 1); err != nil {
		t.Fatal(err)
	}
	s := liveServer(t, source)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close) // after the browser, which holds an event stream open
	b := browsertest.Start(t)
	file, text, url := firstArticle(t, source)
	p := b.NewPage(t)
	p.Open(t, srv.URL+url)

	// waitFor polls a JavaScript condition while the page may be reloading.
	waitFor := func(what, cond string) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			if ok, done := tryEvaluate(t, p, cond); done && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: not so 20 s after the save", what)
			}
		}
	}
	const samePage = "window.__khuyenhocOld === true"
	const overlay = `document.getElementById("khuyenhoc-errors")`

	browsertest.Evaluate[bool](t, p, "window.__khuyenhocOld = true")
	save(t, s, file, text+"\nĐoạn thêm trong trình duyệt.\n")
	waitFor("the page reloads with the edit",
		`!(`+samePage+`) && document.body.innerText.includes("Đoạn thêm trong trình duyệt.")`)

	browsertest.Evaluate[bool](t, p, "window.__khuyenhocOld = true")
	save(t, s, file, text+"\n[hỏng](/khong-co-trang-nay/)\n")
	waitFor("the overlay names the file, over the same page",
		samePage+` && !!`+overlay+` && `+overlay+`.textContent.includes(`+strconv.Quote(file+":")+`)`)

	save(t, s, file, text+"\nĐoạn đã sửa.\n")
	waitFor("the page reloads without the overlay",
		`!(`+samePage+`) && !`+overlay+` && document.body.innerText.includes("Đoạn đã sửa.")`)

	for _, e := range p.Errors() {
		// The event stream is cut by each reload; that is not a page error.
		if !strings.Contains(e, "/__khuyenhoc/events") {
			t.Errorf("page error: %s", e)
		}
	}
}

// tryEvaluate evaluates a condition, reporting done = false instead of
// failing when the page is between two documents (it is reloading).
func tryEvaluate(t testing.TB, p *browsertest.Page, cond string) (ok, done bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, soft := r.(softFailure); !soft {
				panic(r)
			}
			ok, done = false, false
		}
	}()
	return browsertest.Evaluate[bool](softTB{t}, p, cond), true
}

type softFailure struct{}

// softTB turns a fatal failure into a panic that tryEvaluate recovers.
type softTB struct{ testing.TB }

func (softTB) Fatalf(string, ...any) { panic(softFailure{}) }
func (softTB) Fatal(...any)          { panic(softFailure{}) }
