package corpus_test

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
	"github.com/khuyenhoc/khuyenhoc/internal/site"
)

// TestGeneratedSiteIsClean builds a small corpus the way `khuyenhoc check`
// does and expects no diagnostic at all.
func TestGeneratedSiteIsClean(t *testing.T) {
	checkClean(t, 300, map[string]int{"article": 300, "meeting": 15, "cluster": 4})
}

// With more than eight clusters, the others are clusters of districts
// inside a province.
func TestGeneratedDistrictClustersAreClean(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and builds 4 500 articles")
	}
	checkClean(t, 4500, map[string]int{"article": 4500, "meeting": 225, "cluster": 9})
}

func checkClean(t *testing.T, n int, want map[string]int) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, n, 7); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(dir)
	s, l := site.Load(fsys, site.Options{Today: civil.Of(time.Now())})
	for _, d := range l.Items() {
		t.Errorf("load: %s", d)
	}
	if l.Len() > 0 {
		t.FailNow()
	}
	stats, l := s.Build(context.Background(), site.BuildOptions{DryRun: true})
	for _, d := range l.Items() {
		t.Errorf("build: %s", d)
	}
	kinds := map[string]int{}
	for _, k := range stats.Kinds {
		kinds[k.Kind] = k.N
	}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%d %s pages, want %d", kinds[k], k, n)
		}
	}
}

func TestArticlesAreRealistic(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 200, 3); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "content", "news", "*.md"))
	if len(files) != 200 {
		t.Fatalf("%d articles, want 200", len(files))
	}
	total := 0
	for _, f := range files {
		b, _ := os.ReadFile(f)
		total += len(b)
		body := string(b)
		for _, want := range []string{"+++\ntitle = ", "\n## ", "\n- ", "\n1. ", "|---|", "](/tin-tuc/", "](/cum-thi-dua/", "](/tinh/", "](/images/anh-", "[[image]]"} {
			if !strings.Contains(body, want) {
				t.Fatalf("%s has no %q", f, want)
			}
		}
	}
	if avg := total / len(files); avg < 5000 || avg > 7500 {
		t.Errorf("articles average %d bytes, want about 6 KB", avg)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := corpus.Generate(dir, 120, 42); err != nil {
			t.Fatal(err)
		}
	}
	ha, hb := treeHash(t, a), treeHash(t, b)
	if len(ha) == 0 || len(ha) != len(hb) {
		t.Fatalf("%d files vs %d", len(ha), len(hb))
	}
	for p, h := range ha {
		if hb[p] != h {
			t.Errorf("%s differs between two runs with the same seed", p)
		}
	}
	c := t.TempDir()
	if err := corpus.Generate(c, 120, 43); err != nil {
		t.Fatal(err)
	}
	if hc := treeHash(t, c); hc["data/clusters.toml"] == ha["data/clusters.toml"] {
		t.Error("another seed gave the same clusters")
	}
}

func TestRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := corpus.Generate(dir, 10, 1); err == nil {
		t.Fatal("wrote into a folder holding someone's files")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Error("notes.txt was changed")
	}
	// A corpus is replaced by another.
	dir = t.TempDir()
	if err := corpus.Generate(dir, 20, 1); err != nil {
		t.Fatal(err)
	}
	if err := corpus.Generate(dir, 10, 1); err != nil {
		t.Fatal(err)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "content", "news", "*.md")); len(files) != 10 {
		t.Errorf("%d articles after regenerating with n=10", len(files))
	}
}

func treeHash(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join(dir, p))
		out[p] = sha256.Sum256(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
