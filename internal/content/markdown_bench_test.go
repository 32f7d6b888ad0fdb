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
	dir := b.TempDir()
	if err := corpus.Generate(dir, 50, 1); err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, NewsDir, "*.md"))
	var bodies [][]byte
	var size int64
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		a := Parse(f, src, &diag.List{})
		bodies = append(bodies, a.Body)
		size += int64(len(a.Body))
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
