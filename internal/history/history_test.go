package history

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2024-12-04T10:00:00+07:00", "GIT_COMMITTER_DATE=2024-12-04T10:00:00+07:00",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(text string) {
		os.MkdirAll(filepath.Join(dir, "data"), 0o755)
		os.WriteFile(filepath.Join(dir, "data", "funds.csv"), []byte(text), 0o644)
	}
	run("init", "-q")
	write("# schema: 1\nunit,year,raised\nbac-ninh,2022,120 tỷ\nthai-binh,2022,107 tỷ\n")
	run("add", ".")
	run("commit", "-qm", "Thêm số liệu quỹ 2022")
	write("# schema: 1\nunit,year,raised\nbac-ninh,2022,121 tỷ\nninh-binh,2022,gần 95,5 tỷ\nson-la,2024,553.532.000\n")
	run("add", ".")
	run("commit", "-qm", "Sửa Bắc Ninh, thêm Ninh Bình và Sơn La")
	return dir
}

func TestFileCountsRowsPerCommit(t *testing.T) {
	dir := gitRepo(t)
	h := Open(dir).File("data/funds.csv", []string{"unit", "year"})
	if h.Unavailable != "" || len(h.Revisions) != 2 {
		t.Fatalf("history = %+v", h)
	}
	newest, first := h.Revisions[0], h.Revisions[1]
	if newest.Subject != "Sửa Bắc Ninh, thêm Ninh Bình và Sơn La" || newest.Date.String() != "2024-12-04" || len(newest.Short) < 7 {
		t.Errorf("newest = %+v", newest)
	}
	if newest.Added != 2 || newest.Changed != 1 || newest.Removed != 1 {
		t.Errorf("newest counts = +%d ~%d -%d, want +2 ~1 -1", newest.Added, newest.Changed, newest.Removed)
	}
	if first.Added != 2 || first.Changed != 0 || first.Removed != 0 {
		t.Errorf("first counts = +%d ~%d -%d", first.Added, first.Changed, first.Removed)
	}
}

func TestUnavailableOutsideARepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	h := Open(t.TempDir()).File("data/funds.csv", nil)
	if h.Unavailable == "" || len(h.Revisions) != 0 {
		t.Errorf("history = %+v", h)
	}
}

func TestUnavailableInAShallowClone(t *testing.T) {
	dir := gitRepo(t)
	clone := filepath.Join(t.TempDir(), "shallow")
	if out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+dir, clone).CombinedOutput(); err != nil {
		t.Fatalf("clone: %v\n%s", err, out)
	}
	h := Open(clone).File("data/funds.csv", nil)
	if h.Unavailable == "" {
		t.Errorf("a shallow clone must report the history as unavailable: %+v", h)
	}
}

// TestFileReadsEveryVersionInOneGo: a version missing in the middle (the
// file deleted, then added again) counts nothing, and the versions around
// it are still read right.
func TestFileReadsEveryVersionInOneGo(t *testing.T) {
	dir := gitRepo(t)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("rm", "-q", "data/funds.csv")
	git("commit", "-qm", "Xoá bảng quỹ")
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "funds.csv"), []byte("unit,year,raised\nha-noi,2025,1 tỷ\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git("add", ".")
	git("commit", "-qm", "Lập lại bảng quỹ")
	h := Open(dir).File("data/funds.csv", []string{"unit", "year"})
	if len(h.Revisions) != 4 {
		t.Fatalf("history = %+v", h)
	}
	var got []string
	for _, r := range h.Revisions {
		got = append(got, fmt.Sprintf("+%d~%d-%d", r.Added, r.Changed, r.Removed))
	}
	if want := []string{"+1~0-0", "+0~0-0", "+2~1-1", "+2~0-0"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("counts newest first %v, want %v", got, want)
	}
}
