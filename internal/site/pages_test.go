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

// TestFigureRowsShareSources: every figure row cites its source through
// one citation per source, shared by every row that cites it, in the
// meetings', clusters' and provinces' tables alike; a figure without a
// source has the empty one, which renders as nothing.
func TestFigureRowsShareSources(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	if err := corpus.Generate(src, 300, 4); err != nil {
		t.Fatal(err)
	}
	r := buildFS(t, os.DirFS(src), withDryRun())
	v := r.Site.views
	byLabel := map[string]*SourceView{}
	rows := 0
	check := func(where string, figs []FigureRow) {
		for _, f := range figs {
			rows++
			if f.Source == nil {
				t.Fatalf("%s: a row without a source", where)
			}
			key := f.Source.Label() + "\x00" + f.Source.URL + "\x00" + f.Source.Title
			if prev, ok := byLabel[key]; ok && prev != f.Source {
				t.Fatalf("%s: two copies of the citation %q", where, f.Source.Label())
			}
			byLabel[key] = f.Source
		}
	}
	for _, m := range v.meetings {
		check(m.URL, m.Figures)
	}
	for _, c := range v.clusters {
		check(c.URL, c.Figures)
	}
	for _, p := range v.provinces {
		check(p.URL, p.Figures)
	}
	if rows == 0 || len(byLabel) < 2 {
		t.Fatalf("%d rows citing %d sources: the test shows nothing", rows, len(byLabel))
	}
}
