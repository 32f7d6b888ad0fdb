package site

import (
	"slices"
	"testing"
)

func pagerNumbers(p *Pager) []string {
	var out []string
	for _, l := range p.PageLinks() {
		if l.Text != itoa(l.Number) || l.Current != (l.Number == p.Page) {
			panic("text, number and current disagree")
		}
		out = append(out, l.Text)
	}
	return out
}

func TestPagerLinksShortListWhole(t *testing.T) {
	url := func(k int) string { return pagedURL("/tin-tuc/", k) }
	if p := pager(1, 1, url); p != nil {
		t.Errorf("a list of one page has a pager: %+v", p)
	}
	p := pager(4, pagerAll, url)
	if got := pagerNumbers(p); len(got) != pagerAll {
		t.Errorf("a list of %d pages links %v", pagerAll, got)
	}
	if p.Prev() != "/tin-tuc/trang/3/" || p.Next() != "/tin-tuc/trang/5/" {
		t.Errorf("prev %q, next %q", p.Prev(), p.Next())
	}
	if first, last := pager(1, 3, url), pager(3, 3, url); first.Prev() != "" || first.Next() != "/tin-tuc/trang/2/" || last.Next() != "" || last.Prev() != "/tin-tuc/trang/2/" {
		t.Errorf("first page: prev %q, next %q; last page: prev %q, next %q", first.Prev(), first.Next(), last.Prev(), last.Next())
	}
}

// A long list links the first and last pages and those near the current
// one, so a page costs the same whatever the length of the list.
func TestPagerLinksLongListWindow(t *testing.T) {
	url := func(k int) string { return pagedURL("/chu-de/x/", k) }
	for _, c := range []struct {
		n    int
		want []string
	}{
		{1, []string{"1", "2", "3", "4", "10000"}},
		{2, []string{"1", "2", "3", "4", "5", "10000"}},
		{50, []string{"1", "47", "48", "49", "50", "51", "52", "53", "10000"}},
		{9998, []string{"1", "9995", "9996", "9997", "9998", "9999", "10000"}},
		{10000, []string{"1", "9997", "9998", "9999", "10000"}},
	} {
		if got := pagerNumbers(pager(c.n, 10000, url)); !slices.Equal(got, c.want) {
			t.Errorf("page %d of 10000 links %v, want %v", c.n, got, c.want)
		}
	}
}
