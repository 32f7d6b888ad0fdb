package site

import (
	"context"
	"os"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
	"github.com/khuyenhoc/khuyenhoc/internal/theme"
	"github.com/khuyenhoc/khuyenhoc/internal/tmplexec"
)

// TestFastTemplatesMatch renders every page of the sample site and of a
// generated site both with html/template and with the theme's fast path
// (internal/tmplexec), and fails on the first byte that differs. It also
// checks that the fast path ran for every kind of page, so that it cannot
// pass by falling back everywhere.
func TestFastTemplatesMatch(t *testing.T) {
	gen := t.TempDir()
	if err := corpus.Generate(gen, 300, 7); err != nil {
		t.Fatal(err)
	}
	theme.Verify.Store(true)
	report := func(r any) { t.Errorf("fast path fell back on a bug of its own: %v", r) }
	tmplexec.FallbackBugs.Store(&report)
	t.Cleanup(func() {
		theme.Verify.Store(false)
		tmplexec.FallbackBugs.Store(nil)
	})
	for _, dir := range []string{"../..", gen} {
		s, l := Load(os.DirFS(dir), Options{Drafts: true})
		if l.HasErrors(false) {
			t.Fatalf("%s: %v", dir, l.Items())
		}
		if _, l := s.Build(context.Background(), BuildOptions{DryRun: true}); l.HasErrors(false) {
			t.Fatalf("%s: %v", dir, l.Items())
		}
		counts := map[string]int{}
		for _, p := range s.Pages {
			counts[p.Kind]++
		}
		for kind, n := range counts {
			// A kind's first page is rendered by html/template alone.
			if n > 1 && !s.Theme.Fast(kind) {
				t.Errorf("%s: pages of kind %s were not rendered by the fast path", dir, kind)
			}
		}
	}
}
