package content

import (
	"slices"
	"testing"
	"testing/fstest"
)

// TestConvertIntoMatchesConvert: one Scratch reused for article after
// article, shorter after longer, gives each the HTML and reports Convert
// gives it alone.
func TestConvertIntoMatchesConvert(t *testing.T) {
	bodies := corpusBodies(t, 12, 3)
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
