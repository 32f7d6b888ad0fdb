package browsertest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
	"github.com/khuyenhoc/khuyenhoc/internal/site"
)

// shared holds what several tests of this package use and only one should
// build: the generated site of corpusArticles articles. TestMain removes it.
var shared string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "khuyenhoc-browsertest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	shared = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// corpusArticles is the size of the generated site the standards checks run
// on besides the sample site: large enough for every page kind to have
// many pages (pagers, long lists, every chart kind), small enough to check
// in seconds.
const corpusArticles = 1000

// corpusSite returns the built output of a generated site of corpusArticles
// articles (seed 1), building it on the first call. The build runs the link
// checker, so a broken link fails it.
var corpusSite = sync.OnceValues(func() (string, error) {
	src := filepath.Join(shared, "corpus")
	out := filepath.Join(shared, "corpus-public")
	if err := corpus.Generate(src, corpusArticles, 1); err != nil {
		return "", err
	}
	fsys := os.DirFS(src)
	s, diags := site.Load(fsys, site.Options{})
	diags.AttachSources(fsys)
	if diags.Len() > 0 {
		return "", fmt.Errorf("loading the generated site:\n%s", formatDiags(diags))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	stats, diags := s.Build(ctx, site.BuildOptions{Output: out, Source: src})
	diags.AttachSources(fsys)
	if stats == nil || diags.Len() > 0 {
		return "", fmt.Errorf("building the generated site:\n%s", formatDiags(diags))
	}
	return out, nil
})

// buildCorpus is corpusSite for a test: it fails t when the site does not
// build cleanly.
func buildCorpus(t *testing.T) string {
	t.Helper()
	start := time.Now()
	out, err := corpusSite()
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Logf("generated and built a site of %d articles in %s", corpusArticles, d.Round(time.Millisecond))
	}
	return out
}
