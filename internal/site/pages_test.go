package site

import (
	"os"
	"reflect"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
)

// TestPagePartsNeverChanged: pages share their parts (PageParts), so a
// build sets none in place: the parts of the pages that have none stay
// empty, and rendering a page (which adds the charts of its meeting,
// cluster or province) leaves the page's parts as they were.
func TestPagePartsNeverChanged(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	if err := corpus.Generate(src, 300, 3); err != nil {
		t.Fatal(err)
	}
	r := buildFS(t, os.DirFS(src), withDryRun())
	if !reflect.ValueOf(noParts).IsZero() {
		t.Fatalf("the shared empty parts were set: %+v", noParts)
	}
	charted := 0
	for _, p := range r.Site.Pages {
		if p.PageParts == nil {
			t.Fatalf("the %s page %s has no parts", p.Kind, p.Path)
		}
		if p.Meeting != nil && p.Meeting.Charts != nil || p.Cluster != nil && p.Cluster.Charts != nil || p.Province != nil && p.Province.Charts != nil {
			t.Errorf("the %s page %s kept the charts of its render", p.Kind, p.Path)
		}
		if r.Site.withCharts(p).HasCharts() {
			charted++
		}
	}
	if charted == 0 {
		t.Error("no page has charts: the test shows nothing")
	}
}
