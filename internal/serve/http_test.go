package serve

import (
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func testServer(t testing.TB) (*Server, string) {
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
	if code != 200 || !strings.Contains(body, `<script src="/__khuyenhoc/live.js" data-version="0"></script></body>`) {
		t.Errorf("home: %d %q", code, body)
	}
	// The script knows which build the page comes from, so that a rebuild
	// made before it connects for events still reloads the page.
	s.publish("")
	if _, body := get(t, s, "/"); !strings.Contains(body, `data-version="1"`) {
		t.Errorf("after a rebuild the page does not name it: %q", body)
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

// TestServeNeverLeavesTheOutputEncoded tries the encodings and spellings
// that reach a file outside the folder on some server or system.
func TestServeNeverLeavesTheOutputEncoded(t *testing.T) {
	s, _ := testServer(t)
	for _, p := range []string{
		"/%2e%2e/secret.txt",           // as the client sent it: Go decodes once
		"/%252e%252e/secret.txt",       // double-encoded: after one decoding, "%2e%2e"
		"/%252e%252e%252fsecret.txt",   // double-encoded slash too
		"/..%5csecret.txt",             // encoded backslash
		"/..\\secret.txt",              // a Windows path
		"/tin-tuc\\..\\..\\secret.txt", // inside, then out, Windows style
		"/C:/secret.txt",               // a drive letter
		"/C:secret.txt",
		"/.%2e/secret.txt",
		"/./../secret.txt",
		"/tin-tuc/a/../../../secret.txt",
		"/secret.txt%00.html",
		"/\x00../secret.txt",
		"/..;/secret.txt",
		"/...//secret.txt",
	} {
		code, body := get(t, s, decodeOnce(p))
		if strings.Contains(body, "secret") {
			t.Errorf("%q: %d %q", p, code, body)
		}
	}
}

// decodeOnce decodes a path as net/http does before it reaches a handler.
func decodeOnce(p string) string {
	if u, err := url.PathUnescape(p); err == nil {
		return u
	}
	return p
}

// TestServeRefusesSymlinks: a link inside the output that points outside
// is not followed, and neither is one that points inside: khuyenhoc never
// writes links, so any link was put there by someone else.
func TestServeRefusesSymlinks(t *testing.T) {
	s, root := testServer(t)
	dir := filepath.Join(root, "build")
	secretDir := filepath.Join(root, "private")
	os.MkdirAll(secretDir, 0o755)
	os.WriteFile(filepath.Join(secretDir, "index.html"), []byte("secret page"), 0o644)
	for link, to := range map[string]string{
		"leak.txt":          filepath.Join(root, "secret.txt"),
		"relative-leak.txt": filepath.Join("..", "secret.txt"),
		"private":           secretDir,
		"tin-tuc/b":         filepath.Join("..", "..", "private"),
		"also-home.html":    filepath.Join(dir, "index.html"),
	} {
		if err := os.Symlink(to, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	// os.DirFS, which serve used before, follows links out of the folder.
	if b, err := fs.ReadFile(os.DirFS(dir), "leak.txt"); err != nil || string(b) != "secret" {
		t.Logf("os.DirFS did not follow the link (%q, %v); the test still checks serve", b, err)
	}
	for _, p := range []string{"/leak.txt", "/relative-leak.txt", "/private/", "/private/index.html", "/private", "/tin-tuc/b/", "/tin-tuc/b/index.html", "/also-home.html"} {
		code, body := get(t, s, p)
		if strings.Contains(body, "secret") || code == 200 || strings.Contains(body, "trang chủ") {
			t.Errorf("%s: %d %q, want the 404 page", p, code, body)
		}
	}
	if code, body := get(t, s, "/"); code != 200 || !strings.Contains(body, "trang chủ") {
		t.Errorf("home after adding links: %d %q", code, body)
	}
}

// TestServeRedirectStaysOnSite: a folder is redirected to its slash form
// by its cleaned path, so "//host/x" never becomes a redirect elsewhere.
func TestServeRedirectStaysOnSite(t *testing.T) {
	s, _ := testServer(t)
	for _, p := range []string{"/tin-tuc/a", "//tin-tuc/a", "/./tin-tuc//a"} {
		r := httptest.NewRequest(http.MethodGet, "http://x/", nil)
		r.URL.Path = p
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if loc := w.Header().Get("Location"); w.Code != http.StatusMovedPermanently || loc != "/tin-tuc/a/" {
			t.Errorf("%q: %d to %q, want 301 to /tin-tuc/a/", p, w.Code, loc)
		}
	}
}

// TestServeDefaultsToLoopback: the preview listens on 127.0.0.1 unless
// told otherwise, so drafts are not on the network.
func TestServeDefaultsToLoopback(t *testing.T) {
	host, _, err := net.SplitHostPort(DefaultAddr)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		t.Errorf("DefaultAddr = %q, want a loopback address", DefaultAddr)
	}
}
