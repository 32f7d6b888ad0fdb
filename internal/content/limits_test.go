package content

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// TestArticleTooBig: a 50 MB article is refused at the line where it
// passes the 10 MB limit, quickly and without reading it all; an article
// just under the limit is read.
func TestArticleTooBig(t *testing.T) {
	head := "+++\ntitle = \"Bài rất dài\"\ndate = 2024-01-01\nsummary = \"x\"\n+++\n"
	para := "Đoạn văn về khuyến học, lặp lại cho đến khi bài dài năm mươi megabyte.\n\n"
	big := head + strings.Repeat(para, (50<<20)/len(para))
	fits := head + strings.Repeat(para, (MaxArticleBytes-len(head))/len(para))
	fsys := fstest.MapFS{
		"content/news/rat-dai.md": {Data: []byte(big)},
		"content/news/vua-du.md":  {Data: []byte(fits)},
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	var l diag.List
	articles := Load(fsys, &l)
	took := time.Since(start)
	runtime.ReadMemStats(&after)

	limitLine := 1 + strings.Count(big[:MaxArticleBytes], "\n")
	want := fmt.Sprintf("content/news/rat-dai.md:%d:1: error: article is 50.0 MB; khuyenhoc reads articles of at most 10 MB", limitLine)
	var found bool
	for _, d := range l.Items() {
		if strings.HasPrefix(diag.Format(d), want) && d.Hint != "" && strings.HasPrefix(d.Source, "Đoạn văn") {
			found = true
		}
	}
	if !found {
		t.Errorf("want the error %q; got %v", want, l.Items())
	}
	if len(articles) != 1 || articles[0].Slug != "vua-du" {
		t.Errorf("articles read: %d, want only vua-du", len(articles))
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%s, %d MB allocated", took.Round(time.Millisecond), alloc>>20)
	if took > 10*time.Second || alloc > 64<<20 {
		t.Errorf("refusing took %s and %d MB: the file was read past the limit", took, alloc>>20)
	}
}
