package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/data"
	"github.com/khuyenhoc/khuyenhoc/internal/decode"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// siteRoot is an empty site folder.
func siteRoot(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "site.toml"), []byte("title = \"Thử\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestArticleIsValidDraftAndNeverOverwrites(t *testing.T) {
	root := siteRoot(t)
	d := civil.MustParse("2026-11-23")
	rel, err := Article(root, "Hội nghị giao ban cụm Đồng bằng sông Hồng", d)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join("content", "news", "2026-11-23-hoi-nghi-giao-ban-cum-dong-bang-song-hong.md"); rel != want {
		t.Errorf("path = %s, want %s", rel, want)
	}
	b, _ := os.ReadFile(filepath.Join(root, rel))
	var l diag.List
	a := content.Parse(filepath.ToSlash(rel), b, &l)
	if a == nil || !a.Draft || a.Title != "Hội nghị giao ban cụm Đồng bằng sông Hồng" || a.Date != d {
		t.Fatalf("article = %+v, diags = %v", a, l.Items())
	}
	if e, _ := l.Count(); e != 0 {
		t.Errorf("diags = %v", l.Items())
	}
	if err := os.WriteFile(filepath.Join(root, rel), []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Article(root, "Hội nghị giao ban cụm Đồng bằng sông Hồng", d); !errors.Is(err, ErrExists) {
		t.Errorf("second create: err = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, rel)); string(b) != "edited" {
		t.Error("existing file was overwritten")
	}
}

func TestMeetingTemplateDecodes(t *testing.T) {
	root := siteRoot(t)
	rel, err := Meeting(root, &data.Cluster{ID: "tay-bac"}, civil.MustParse("2026-12-05"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(root, rel))
	var m data.Meeting
	var l diag.List
	decode.TOML(diag.NewSource(rel, b), &m, &l)
	if m.Cluster != "tay-bac" || m.Date != civil.MustParse("2026-12-05") {
		t.Fatalf("meeting = %+v", m)
	}
	// The one thing left for the editor is where the meeting was held.
	if ds := l.Items(); len(ds) != 1 || ds[0].Msg != "place is empty; it is required" || ds[0].Line != 6 {
		t.Errorf("diags = %v", ds)
	}
}

// TestOnlyIntoASiteFolder: outside a site folder nothing is created and
// the error says what to do.
func TestOnlyIntoASiteFolder(t *testing.T) {
	root := t.TempDir()
	d := civil.MustParse("2026-12-05")
	_, err := Article(root, "Tiêu đề bài viết", d)
	if !errors.Is(err, ErrNotSite) {
		t.Errorf("Article outside a site: err = %v", err)
	}
	if _, err := Meeting(root, &data.Cluster{ID: "tay-bac"}, d); !errors.Is(err, ErrNotSite) {
		t.Errorf("Meeting outside a site: err = %v", err)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("files were created outside a site folder: %v", entries)
	}
}
