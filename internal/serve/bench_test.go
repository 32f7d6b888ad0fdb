package serve

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
)

// BenchmarkSaveToServed is the editor's loop on a large site: the time from
// saving an article's text to its new page being served, through the real
// file watcher (debounce included) and over HTTP on the loopback, as a
// browser reloading the page gets it. The site has 10 000 articles, or
// KHUYENHOC_BENCH_ARTICLES. Issue #7 asks for ≤ 100 ms on 10 000.
func BenchmarkSaveToServed(b *testing.B) {
	n := 10000
	if v := os.Getenv("KHUYENHOC_BENCH_ARTICLES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	source := b.TempDir()
	if err := corpus.Generate(source, n, 1); err != nil {
		b.Fatal(err)
	}
	s := liveServer(b, source)
	srv := httptest.NewServer(s)
	defer srv.Close()
	file, text, url := firstArticle(b, source)
	dir, _, _, _ := s.state()
	// An editor saves, looks, types, saves again: by then the search
	// index, which follows each change in the background, is done, so
	// each save is timed once it is (the time out of the count). With
	// KHUYENHOC_BENCH_BUSY=1 the saves follow each other at once and
	// compete with it.
	paced := os.Getenv("KHUYENHOC_BENCH_BUSY") == ""
	if paced {
		waitSearch(b, s)
	}
	var each []time.Duration
	i := 0
	for b.Loop() {
		if paced && i > 0 {
			b.StopTimer()
			waitSearch(b, s)
			b.StartTimer()
		}
		i++
		start := time.Now()
		mark := fmt.Sprintf("Đoạn sửa lần thứ %d.", i)
		save(b, s, file, text+"\n"+mark+"\n")
		if page := getHTTP(b, srv.URL+url); !strings.Contains(page, mark) {
			b.Fatalf("edit %d is not served", i)
		}
		each = append(each, time.Since(start))
	}
	if now, _, _, _ := s.state(); now != dir {
		b.Fatal("an edit rebuilt the whole site")
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(i), "ms/save")
	// Issue #7's bound is per save: the slowest one counts too.
	b.ReportMetric(float64(slices.Max(each).Microseconds())/1000, "max-ms/save")
}

// BenchmarkFrontMatterSaveToServed is the same for a change to an article's
// front matter (its title), which rebuilds the site: everything but the
// pages, which are rendered when asked for.
func BenchmarkFrontMatterSaveToServed(b *testing.B) {
	n := 10000
	if v := os.Getenv("KHUYENHOC_BENCH_ARTICLES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	source := b.TempDir()
	if err := corpus.Generate(source, n, 1); err != nil {
		b.Fatal(err)
	}
	s := liveServer(b, source)
	srv := httptest.NewServer(s)
	defer srv.Close()
	file, text, url := firstArticle(b, source)
	_, after, _ := strings.Cut(text, "title = \"")
	title := after[:strings.Index(after, "\"")]
	i := 0
	for b.Loop() {
		i++
		mark := fmt.Sprintf("Tiêu đề sửa lần %d", i)
		save(b, s, file, strings.Replace(text, title, mark, 1))
		if page := getHTTP(b, srv.URL+url); !strings.Contains(page, mark) {
			b.Fatalf("edit %d is not served", i)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(i), "ms/save")
}

// getHTTP fetches url over HTTP.
func getHTTP(tb testing.TB, url string) string {
	tb.Helper()
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		tb.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return string(b)
}

// waitSearch waits until the preview's search index is up to date.
func waitSearch(tb testing.TB, s *Server) {
	tb.Helper()
	for deadline := time.Now().Add(5 * time.Minute); s.searchBusy.Load() > 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			tb.Fatal("the search index is not done 5 minutes after the build")
		}
	}
}
