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
	s.rebuild()
	if _, errText, _, _ := s.state(); errText != "" {
		tb.Fatalf("the site does not build:\n%s", errText)
	}
	w, err := newWatcher(source, s.update, io.Discard)
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go w.run(ctx)
	go s.updateSearch(ctx)
	tb.Cleanup(func() { cancel(); w.Close() })
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

	// Text only: the page changes, the folder served stays the same.
	dir, _, _, _ := s.state()
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
