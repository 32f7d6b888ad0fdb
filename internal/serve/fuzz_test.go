package serve

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzServePath requests any path: nothing outside the output folder is
// ever served, and a redirect never leaves the site.
func FuzzServePath(f *testing.F) {
	for _, s := range []string{
		"/", "/tin-tuc/a", "/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "//secret.txt",
		"/..\\secret.txt", "/C:/secret.txt", "/tin-tuc/../../secret.txt", "/\x00", "/%00", "//evil.example/x",
		"/leak.txt", "/private/", "/.%2e/secret.txt",
	} {
		f.Add(s)
	}
	s, _ := testServer(f)
	f.Fuzz(func(t *testing.T, p string) {
		r := httptest.NewRequest(http.MethodGet, "http://x/", nil)
		r.URL.Path = p
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if strings.Contains(w.Body.String(), "secret") {
			t.Fatalf("%q served the secret beside the output", p)
		}
		if loc := w.Header().Get("Location"); loc != "" && (!strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.Contains(loc, `\`)) {
			t.Fatalf("%q redirects to %q", p, loc)
		}
	})
}
