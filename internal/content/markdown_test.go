package content

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// TestConvertIntoMatchesConvert: one Scratch reused for article after
// article, shorter after longer, gives each the HTML and reports Convert
// gives it alone.
func TestConvertIntoMatchesConvert(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 12, 3); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, NewsDir, "*.md"))
	var bodies [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, Parse(f, src, &diag.List{}).Body)
	}
	bodies = append(bodies, []byte("Xem [đây](javascript:alert(1)) và ![ảnh](/images/khong-co.png)."), []byte(""), bodies[0])
	md := NewMarkdown(MarkdownOptions{BasePath: "/khuyenhoc/", Pictures: NewPictures(fstest.MapFS{}, "static")})
	var sc Scratch
	for i, body := range bodies {
		want, err := md.Convert(body)
		if err != nil {
			t.Fatal(err)
		}
		got, err := md.ConvertInto(&sc, body)
		if err != nil {
			t.Fatal(err)
		}
		if got.HTML != want.HTML {
			t.Errorf("article %d: ConvertInto HTML differs from Convert:\n%s\nwant\n%s", i, got.HTML, want.HTML)
		}
		if !slices.Equal(got.Unsafe, want.Unsafe) || !slices.Equal(got.Images, want.Images) {
			t.Errorf("article %d: reports %v %v, want %v %v", i, got.Unsafe, got.Images, want.Unsafe, want.Images)
		}
	}
}
