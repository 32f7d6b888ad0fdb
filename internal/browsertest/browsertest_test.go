package browsertest_test

import (
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/browsertest"
)

// badPage does everything the site test must catch.
const badPage = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>bad</title></head>
<body>
<p class="para">one</p><p class="para">two</p>
<img src="missing.png" alt="">
<script>
console.error("boom", 42);
fetch("http://192.0.2.1/tracker.js").catch(function () {});
throw new Error("bang");
</script>
</body></html>`

// TestPageRecords checks the helpers themselves: a page's console errors,
// exceptions, failed loads and foreign requests are recorded, a base path
// is served, and DisableScripts really stops scripts.
func TestPageRecords(t *testing.T) {
	b := browsertest.Start(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(badPage), 0o644); err != nil {
		t.Fatal(err)
	}
	base := browsertest.Serve(t, dir, "/khuyenhoc")
	origin := browsertest.Origin(base)
	if !strings.HasPrefix(base, "http://127.0.0.1:") || !strings.HasSuffix(base, "/khuyenhoc/") {
		t.Fatalf("Serve returned %q", base)
	}
	resp, err := http.Get(origin + "/index.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("outside the base path: %s, want 404", resp.Status)
	}

	t.Run("scripts", func(t *testing.T) {
		p := b.NewPage(t)
		p.Open(t, base)
		if n := p.Count(t, "p.para"); n != 2 {
			t.Errorf("Count(p.para) = %d, want 2", n)
		}
		errs := strings.Join(p.Errors(), "\n")
		for _, want := range []string{"console.error: boom 42", "uncaught exception:", "bang", "missing.png"} {
			if !strings.Contains(errs, want) {
				t.Errorf("errors do not mention %q:\n%s", want, errs)
			}
		}
		if foreign := p.ForeignRequests(origin); !slices.Contains(foreign, "http://192.0.2.1/tracker.js") {
			t.Errorf("ForeignRequests = %q, want the tracker; all requests: %q", foreign, p.Requests())
		}
		if reqs := p.Requests(); len(reqs) == 0 || reqs[0] != base {
			t.Errorf("Requests = %q, want the page first", reqs)
		}
	})

	t.Run("no-scripts", func(t *testing.T) {
		p := b.NewPage(t)
		p.DisableScripts(t)
		p.Open(t, base)
		for _, e := range p.Errors() {
			if strings.Contains(e, "boom") || strings.Contains(e, "bang") {
				t.Errorf("script ran with JavaScript disabled: %s", e)
			}
		}
		if foreign := p.ForeignRequests(origin); len(foreign) > 0 {
			t.Errorf("script ran with JavaScript disabled: requests %q", foreign)
		}
	})
}
