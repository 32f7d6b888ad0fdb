package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func testServer(t *testing.T) (*Server, string) {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "build")
	for name, body := range map[string]string{
		"index.html":           "<html><body><p>trang chủ</p></body></html>",
		"tin-tuc/a/index.html": "<html><body>a</body></html>",
		"404.html":             "<html><body>không tìm thấy</body></html>",
		"css/site.css":         "body{}",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	// A secret beside the output that must never be served.
	os.WriteFile(filepath.Join(root, "secret.txt"), []byte("secret"), 0o644)
	return &Server{dir: dir, changed: make(chan struct{})}, root
}

func get(t *testing.T, s *Server, target string) (int, string) {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "http://x/", nil)
	r.URL.Path = target // as the client sent it, before any cleaning
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	b, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(b)
}

func TestServeInjectsLiveReloadIntoHTMLOnly(t *testing.T) {
	s, _ := testServer(t)
	code, body := get(t, s, "/")
	if code != 200 || !strings.Contains(body, `<script src="/__khuyenhoc/live.js"></script></body>`) {
		t.Errorf("home: %d %q", code, body)
	}
	if _, css := get(t, s, "/css/site.css"); css != "body{}" {
		t.Errorf("css changed: %q", css)
	}
	if code, body := get(t, s, "/khong-co/"); code != 404 || !strings.Contains(body, "không tìm thấy") {
		t.Errorf("missing page: %d %q", code, body)
	}
}

func TestServeNeverLeavesTheOutput(t *testing.T) {
	s, _ := testServer(t)
	for _, p := range []string{"/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/tin-tuc/../../secret.txt", "//secret.txt", "/\x00"} {
		if code, body := get(t, s, p); strings.Contains(body, "secret") || code == 200 && !strings.Contains(body, "trang chủ") {
			t.Errorf("%q: %d %q", p, code, body)
		}
	}
}
