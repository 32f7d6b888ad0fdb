package site

import (
	"strings"
	"testing"
)

// TestKeyPositionsLetGoAfterChecks: the checks of Load report a
// meeting's unknown article at its place in the meeting's file, and
// then no article or meeting keeps its key positions (its decoded
// document), which only they need.
func TestKeyPositionsLetGoAfterChecks(t *testing.T) {
	t.Parallel()
	meeting := baseSite[strings.Index(baseSite, "-- data/meetings/2024-12-03-tay-bac.toml --"):]
	meeting = meeting[:strings.Index(meeting, "-- data/meetings/2023-11-20-bac-trung-bo.toml --")]
	r := loadTxtar(t, baseSite+strings.Replace(meeting, `articles = ["tay-bac-2024"]`, `articles = ["tay-bac-2024", "khong-co"]`, 1))
	r.AssertDiag(t, "data/meetings/2024-12-03-tay-bac.toml:10:29:", `meeting 2024-12-03-tay-bac lists unknown article "khong-co"`)
	if len(r.Site.Data.Meetings) == 0 || len(r.Site.Articles) == 0 {
		t.Fatal("the site has no meetings or articles: the test shows nothing")
	}
	for _, m := range r.Site.Data.Meetings {
		if m.KeyPos != nil {
			t.Errorf("meeting %s keeps its key positions", m.ID)
		}
	}
	for _, a := range r.Site.Articles {
		if a.Doc != nil || a.KeyPos != nil {
			t.Errorf("article %s keeps its front matter's key positions", a.Slug)
		}
	}
}
