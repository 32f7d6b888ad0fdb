package serve

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
)

// liveServer builds the site in source and watches it, as Run does,
// without listening on a port.
func liveServer(tb testing.TB, source string) *Server {
	tb.Helper()
	s := &Server{opt: Options{Source: source, Addr: DefaultAddr, Log: io.Discard}, root: tb.TempDir(),
		changed: make(chan struct{}), editErrs: map[string]string{}, searchJobs: make(chan searchJob, 1)}
	s.update(nil)
	if _, errText, _, _ := s.state(); errText != "" {
		tb.Fatalf("the site does not build:\n%s", errText)
	}
	w, err := newWatcher(source, s.update, io.Discard)
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go w.run(ctx)
	searchDone := make(chan struct{})
	go func() { s.updateSearch(ctx); close(searchDone) }()
	tb.Cleanup(func() { cancel(); w.Close(); <-searchDone })
	return s
}

// save writes file (in the site folder) and waits until the preview has
// taken the change in.
func save(tb testing.TB, s *Server, file, text string) {
	tb.Helper()
	_, _, _, changed := s.state()
	if err := os.WriteFile(filepath.Join(s.opt.Source, filepath.FromSlash(file)), []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
	select {
	case <-changed:
	case <-time.After(30 * time.Second):
		tb.Fatalf("no rebuild 30 s after saving %s", file)
	}
}

func fetch(tb testing.TB, s *Server, target string) string {
	tb.Helper()
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
	b, _ := io.ReadAll(w.Result().Body)
	if w.Code != http.StatusOK {
		tb.Fatalf("GET %s: %d", target, w.Code)
	}
	return string(b)
}

// firstArticle returns the file, text and page of some article of a
// generated site.
func firstArticle(tb testing.TB, source string) (file, text, url string) {
	tb.Helper()
	entries, err := os.ReadDir(filepath.Join(source, "content", "news"))
	if err != nil || len(entries) == 0 {
		tb.Fatalf("no articles: %v", err)
	}
	name := entries[0].Name()
	b, err := os.ReadFile(filepath.Join(source, "content", "news", name))
	if err != nil {
		tb.Fatal(err)
	}
	return "content/news/" + name, string(b), "/tin-tuc/" + strings.TrimSuffix(name, ".md") + "/"
}

func TestLivePreviewTakesEditsIn(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated site several times")
	}
	source := t.TempDir()
	if err := corpus.Generate(source, 40, 1); err != nil {
		t.Fatal(err)
	}
	s := liveServer(t, source)
	file, text, url := firstArticle(t, source)

	// The search index follows the build in the background.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		dir, _, _, _ := s.state()
		if _, err := os.Stat(filepath.Join(dir, "tim-kiem", "index.json")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no search index 30 s after the build")
		}
	}

	// Pages are rendered when first asked for.
	dir, _, _, _ := s.state()
	onDisk := filepath.Join(dir, strings.TrimPrefix(url, "/"), "index.html")
	if _, err := os.Stat(onDisk); err == nil {
		t.Error("the preview rendered a page nobody asked for")
	}
	if page := fetch(t, s, url); !strings.Contains(page, "<h1>") {
		t.Error("the page is not rendered on request")
	}
	if _, err := os.Stat(onDisk); err != nil {
		t.Error("the page rendered on request was not kept")
	}
	// The same without the final slash: rendered, then redirected.
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/tin-tuc/", nil))
	if w.Code != http.StatusOK {
		t.Errorf("GET /tin-tuc/: %d", w.Code)
	}
	w = httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/hoi-nghi", nil))
	if w.Code != http.StatusMovedPermanently {
		t.Errorf("GET /hoi-nghi: %d, want a redirect to /hoi-nghi/", w.Code)
	}

	// Text only: the page changes, the folder served stays the same.
	save(t, s, file, text+"\nĐoạn văn thêm lần một.\n")
	if page := fetch(t, s, url); !strings.Contains(page, "Đoạn văn thêm lần một.") {
		t.Error("the edited text is not served")
	}
	if now, _, _, _ := s.state(); now != dir {
		t.Error("a text edit rebuilt the whole site")
	}

	// A mistake: the overlay names the file and line; the page stays.
	bad := text + "\n[hỏng](/khong-co-trang-nay/)\n"
	save(t, s, file, bad)
	_, errText, _, _ := s.state()
	line := strings.Count(bad, "\n")
	if want := file + ":" + strconv.Itoa(line); !strings.Contains(errText, want) {
		t.Errorf("overlay does not name %s:\n%s", want, errText)
	}
	if page := fetch(t, s, url); !strings.Contains(page, "Đoạn văn thêm lần một.") {
		t.Error("the last good page is not served while the edit has errors")
	}
	save(t, s, file, text+"\nĐoạn văn sửa lần hai.\n")
	if _, errText, _, _ := s.state(); errText != "" {
		t.Errorf("overlay stays after the fix:\n%s", errText)
	}
	if page := fetch(t, s, url); !strings.Contains(page, "Đoạn văn sửa lần hai.") || strings.Contains(page, "lần một") {
		t.Error("the fixed text is not served")
	}

	// Front matter: the whole site is rebuilt, the news list shows it.
	_, after, _ := strings.Cut(text, "title = \"")
	save(t, s, file, strings.Replace(text, after[:strings.Index(after, "\"")], "Tiêu đề đã đổi", 1))
	if now, _, _, _ := s.state(); now == dir {
		t.Error("a front matter edit did not rebuild the site")
	}
	if page := fetch(t, s, url); !strings.Contains(page, "<h1>Tiêu đề đã đổi</h1>") {
		t.Error("the new title is not served")
	}
}
