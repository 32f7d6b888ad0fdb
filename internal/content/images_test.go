package content

import (
	"strings"
	"testing"
)

func TestImagesLoadLazily(t *testing.T) {
	md := NewMarkdown(MarkdownOptions{BasePath: "/khuyenhoc/"})
	h, err := md.Render([]byte("Ảnh:\n\n![Trao học bổng](/images/a.jpg \"Lễ trao\")\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := `<img src="/khuyenhoc/images/a.jpg" alt="Trao học bổng" title="Lễ trao" loading="lazy" decoding="async">`
	if !strings.Contains(string(h), want) {
		t.Errorf("got %s\nwant it to contain %s", h, want)
	}
}
