package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
)

// TestDatasetPagesArePaginated: a table longer than ten list pages' worth
// of rows continues on numbered pages that show the rows alone, linked by
// the pager, and every row is on exactly one page.
func TestDatasetPagesArePaginated(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	if err := corpus.Generate(src, 300, 2); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(src, "site.toml")
	b, err := os.ReadFile(conf)
	if err != nil {
		t.Fatal(err)
	}
	// per_page = 1: ten rows a dataset page.
	if err := os.WriteFile(conf, []byte(strings.Replace(string(b), "per_page = 10", "per_page = 1", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	r := buildFS(t, os.DirFS(src))
	rows := strings.Count(r.ReadFile(t, "du-lieu/funds.csv"), "\n") - 1
	if rows <= 10 {
		t.Fatalf("the corpus has %d fund rows; the test needs more than 10", rows)
	}
	pages := (rows + 9) / 10
	first := r.ReadFile(t, "du-lieu/funds/index.html")
	for _, want := range []string{
		"trang 1 trên", ": dòng 1–10)",
		`<nav class="pager"`, `href="/du-lieu/funds/trang/2/" rel="next"`,
		`id="lich-su"`, `id="cac-cot"`,
	} {
		if !strings.Contains(first, want) {
			t.Errorf("the first page of funds lacks %q", want)
		}
	}
	seen := strings.Count(first, "<tr><td>")
	for k := 2; k <= pages; k++ {
		page := r.ReadFile(t, "du-lieu/funds/trang/"+itoa(k)+"/index.html")
		if strings.Contains(page, `id="cac-cot"`) || !strings.Contains(page, `<a href="/du-lieu/funds/">trang đầu của bảng</a>`) {
			t.Errorf("page %d repeats the columns or does not link back to the first page", k)
		}
		seen += strings.Count(page, "<tr><td>")
	}
	if seen != rows {
		t.Errorf("the pages show %d rows, the table has %d", seen, rows)
	}
	if _, err := os.Stat(r.path(t, "du-lieu/funds/trang/"+itoa(pages+1)+"/index.html")); err == nil {
		t.Errorf("a page past the last: %d pages for %d rows", pages+1, rows)
	}
}
