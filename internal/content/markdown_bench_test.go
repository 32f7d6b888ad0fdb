package content

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// BenchmarkMarkdown renders generated ~6 KB Vietnamese articles (headings,
// lists, a GFM table, links, images, footnotes) with the site's renderer.
// bytes/s is Markdown read.
func BenchmarkMarkdown(b *testing.B) {
	bodies := corpusBodies(b, 50, 1)
	var size int64
	for _, body := range bodies {
		size += int64(len(body))
	}
	md := NewMarkdown(MarkdownOptions{BasePath: "/"})
	b.SetBytes(size / int64(len(bodies)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := md.Render(bodies[i%len(bodies)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// corpusBodies returns the Markdown bodies of n articles generated with
// seed.
func corpusBodies(tb testing.TB, n int, seed int64) [][]byte {
	tb.Helper()
	dir := tb.TempDir()
	if err := corpus.Generate(dir, n, seed); err != nil {
		tb.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, NewsDir, "*.md"))
	var bodies [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		bodies = append(bodies, Parse(f, src, &diag.List{}).Body)
	}
	return bodies
}
