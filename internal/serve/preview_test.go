package serve

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
)

// TestPreviewMarksDraftsAndFutureArticles: the preview shows drafts and
// articles dated after today, each marked as such on its page and in the
// news list (a build leaves them out; see internal/site).
func TestPreviewMarksDraftsAndFutureArticles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated site")
	}
	source := t.TempDir()
	if err := corpus.Generate(source, 5, 1); err != nil {
		t.Fatal(err)
	}
	_, text, _ := firstArticle(t, source)
	dateLine := regexp.MustCompile(`(?m)^date = .*$`)
	titleLine := regexp.MustCompile(`(?m)^title = .*$`)
	next := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	write := func(name, title, date string, draft bool) {
		t.Helper()
		line := "date = " + date
		if draft {
			line += "\ndraft = true"
		}
		a := dateLine.ReplaceAllString(text, line)
		a = titleLine.ReplaceAllString(a, `title = "`+title+`"`)
		if err := os.WriteFile(filepath.Join(source, "content", "news", name+".md"), []byte(a), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("bai-tuong-lai", "Bài đăng năm sau", next, false)
	write("bai-nhap", "Bài còn nháp", "2020-01-01", true)

	s := liveServer(t, source)
	future := fetch(t, s, "/tin-tuc/bai-tuong-lai/")
	if !strings.Contains(future, "Chưa đến ngày đăng") {
		t.Error("a future-dated article is not marked as such in the preview")
	}
	draft := fetch(t, s, "/tin-tuc/bai-nhap/")
	if !strings.Contains(draft, "Bản nháp") {
		t.Error("a draft is not marked as such in the preview")
	}
	// The news list marks them too.
	list := fetch(t, s, "/tin-tuc/")
	for _, want := range []string{"Bài đăng năm sau", "Chưa đến ngày đăng", "Bài còn nháp", "Bản nháp"} {
		if !strings.Contains(list, want) {
			t.Errorf("the news list has no %q", want)
		}
	}
}

// TestRunNamesAMissingSiteFolder: a mistyped --source is said at once, not
// after a failed build.
func TestRunNamesAMissingSiteFolder(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "khong-co")
	err := Run(context.Background(), Options{Source: missing, Addr: "127.0.0.1:0"})
	if err == nil || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "--source") {
		t.Errorf("Run on a missing folder: %v", err)
	}
}
