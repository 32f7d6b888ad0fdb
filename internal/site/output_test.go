package site

// Tests of issue #9, "nothing lost": the output folder is replaced only by
// a whole, successful build, never one it must not replace, and nothing is
// written outside it.

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// withWriter makes the build write through w (fault injection).
func withWriter(w func(dir string) (fileWriter, error)) txtarOption {
	return func(c *txtarConfig) { c.build.newWriter = w }
}

// beside lists the names in the folder that holds out, but out's own.
func beside(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != filepath.Base(out) {
			names = append(names, e.Name())
		}
	}
	return names
}

// assertKept checks that a failed build left out exactly as before and
// nothing beside it.
func assertKept(t *testing.T, out string, before map[string][]byte) {
	t.Helper()
	if diff := diffFiles(before, snapshot(t, out)); diff != "" {
		t.Errorf("the failed build changed the previous output:\n%s", diff)
	}
	if names := beside(t, out); len(names) > 0 {
		t.Errorf("the failed build left files beside the output: %v", names)
	}
}

func TestCheckOutputDirRefuses(t *testing.T) {
	// Not parallel: it changes HOME and the working folder.
	tmp := t.TempDir()
	home := filepath.Join(tmp, "home", "an")
	src := filepath.Join(home, "repo", "site")
	for _, d := range []string{src, filepath.Join(src, "static", "anh"), filepath.Join(tmp, "work"), filepath.Join(tmp, "other-repo", ".git")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range inputDirs {
		os.MkdirAll(filepath.Join(src, d), 0o755)
	}
	os.MkdirAll(filepath.Join(home, "repo", ".git"), 0o755)
	writeFile(t, filepath.Join(src, "site.toml"), "title = \"x\"\n")
	writeFile(t, filepath.Join(tmp, "a-file"), "x")
	linkToContent := filepath.Join(tmp, "link-to-content")
	if err := os.Symlink(filepath.Join(src, "content"), linkToContent); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	t.Chdir(filepath.Join(tmp, "work"))

	for _, c := range []struct {
		name, out, want string
	}{
		{"root", "/", "file system root"},
		{"home", home, "your home folder"},
		{"above home", filepath.Dir(home), "holds your home folder"},
		{"working folder", filepath.Join(tmp, "work"), "the folder khuyenhoc runs in"},
		{"working folder, relative", ".", "the folder khuyenhoc runs in"},
		{"above the working folder", tmp, "holds your home folder"},
		{"source", src, "the site's own source"},
		{"repository root", filepath.Join(home, "repo"), "the site's own source"},
		{"another repository", filepath.Join(tmp, "other-repo"), "git repository"},
		{"content", filepath.Join(src, "content"), "input folder content/"},
		{"data", filepath.Join(src, "data"), "input folder data/"},
		{"themes", filepath.Join(src, "themes"), "input folder themes/"},
		{"layouts", filepath.Join(src, "layouts"), "input folder layouts/"},
		{"static", filepath.Join(src, "static"), "input folder static/"},
		{"inside static", filepath.Join(src, "static", "public"), "input folder static/"},
		{"inside static, existing", filepath.Join(src, "static", "anh"), "input folder static/"},
		{"link to content", linkToContent, "input folder content/"},
		{"a file", filepath.Join(tmp, "a-file"), "is a file"},
	} {
		for _, force := range []bool{false, true} {
			_, err := checkOutputDir(c.out, src, force)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s (%s, force %v): %v, want an error saying %q", c.name, c.out, force, err, c.want)
			}
		}
	}

	// What --force is for: a non-empty folder khuyenhoc did not make.
	foreign := filepath.Join(tmp, "thesis")
	os.MkdirAll(foreign, 0o755)
	writeFile(t, filepath.Join(foreign, "thesis.docx"), "x")
	if _, err := checkOutputDir(foreign, src, false); !errors.Is(err, errNotOurs) {
		t.Errorf("foreign folder: %v, want errNotOurs", err)
	}
	if got, err := checkOutputDir(foreign, src, true); err != nil || got != foreign {
		t.Errorf("foreign folder with force: %q, %v", got, err)
	}
	// The usual outputs.
	for _, ok := range []string{filepath.Join(src, "public"), filepath.Join(tmp, "new", "public"), filepath.Join(home, "repo", "public")} {
		if _, err := checkOutputDir(ok, src, false); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}

// TestOutputFilesAddedByHand: files someone put into khuyenhoc's own
// output are not deleted by the next build without --force.
func TestOutputFilesAddedByHand(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	buildTxtar(t, baseSite, withOutput(out))
	writeFile(t, filepath.Join(out, "CNAME"), "khuyenhoc.example.org\n")
	os.MkdirAll(filepath.Join(out, "tai-lieu"), 0o755)
	writeFile(t, filepath.Join(out, "tai-lieu", "bao-cao.pdf"), "%PDF")
	before := snapshot(t, out)

	r := buildTxtar(t, baseSite, withOutput(out), expectErrors())
	r.AssertDiag(t, "2 file(s) khuyenhoc did not write", "CNAME, tai-lieu/bao-cao.pdf", "hint: put files to publish in static/", "--force")
	assertKept(t, out, before)

	// Published through static/, the file is khuyenhoc's, and stays.
	os.Remove(filepath.Join(out, "CNAME"))
	os.RemoveAll(filepath.Join(out, "tai-lieu"))
	r = buildTxtar(t, baseSite+"-- static/CNAME --\nkhuyenhoc.example.org\n", withOutput(out))
	r.AssertExists(t, "CNAME")
	if b, err := os.ReadFile(filepath.Join(out, markerFile)); err != nil || !strings.Contains(string(b), "\nCNAME\n") {
		t.Errorf("the marker does not list CNAME: %v\n%s", err, b)
	}

	writeFile(t, filepath.Join(out, "ghi-chu.txt"), "x")
	r = buildTxtar(t, baseSite, withOutput(out), withForce())
	r.AssertNoFile(t, "ghi-chu.txt", "CNAME")

	// An output made by an older khuyenhoc has a marker without the list.
	writeFile(t, filepath.Join(out, markerFile), markerText)
	writeFile(t, filepath.Join(out, "cu.html"), "x")
	buildTxtar(t, baseSite, withOutput(out)).AssertNoFile(t, "cu.html")
}

// TestStaleBuildFolders: the folders killed builds leave beside the output
// are removed by the next build; folders of running builds, and anything
// not named as khuyenhoc names them, are not.
func TestStaleBuildFolders(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	dead := deadPID(t)
	sleeper := exec.Command("sleep", "30")
	if err := sleeper.Start(); err != nil {
		t.Skipf("cannot start a process to stand for a running build: %v", err)
	}
	t.Cleanup(func() { sleeper.Process.Kill(); sleeper.Wait() })
	live := sleeper.Process.Pid

	mk := func(name string) string {
		p := filepath.Join(parent, name)
		if err := os.MkdirAll(filepath.Join(p, "tin-tuc"), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(p, "tin-tuc", "index.html"), "half a site")
		return p
	}
	stale := []string{
		fmt.Sprintf(".public.building-%d-123", dead),
		fmt.Sprintf(".public.building-%d-456.old", dead),
		".public.building-789", // an older khuyenhoc, before this process
	}
	for _, n := range stale {
		mk(n)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(parent, ".public.building-789"), old, old)
	keep := []string{
		fmt.Sprintf(".public.building-%d-321", live), // running now
		fmt.Sprintf(".other.building-%d-1", dead),    // another output's
		fmt.Sprintf("public.building-%d-1", dead),    // not hidden: not ours
		fmt.Sprintf(".public.building-%d-1x", dead),  // not our naming
	}
	for _, n := range keep {
		mk(n)
	}
	writeFile(t, filepath.Join(parent, fmt.Sprintf(".public.building-%d-2", dead)), "a file, not a folder")
	keep = append(keep, fmt.Sprintf(".public.building-%d-2", dead))
	if err := os.Symlink(filepath.Join(parent, keep[0]), filepath.Join(parent, fmt.Sprintf(".public.building-%d-3", dead))); err != nil {
		t.Fatal(err)
	}
	keep = append(keep, fmt.Sprintf(".public.building-%d-3", dead))

	buildTxtar(t, baseSite, withOutput(out))
	got := beside(t, out)
	slices.Sort(got)
	slices.Sort(keep)
	if !slices.Equal(got, keep) {
		t.Errorf("beside the output after a build:\n  %q\nwant\n  %q", got, keep)
	}
}

// TestStaleSwapIsUndone: a build killed between moving the old output
// aside and moving the new one in leaves no output, only the old one
// beside it; the next build moves it back first.
func TestStaleSwapIsUndone(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	aside := filepath.Join(parent, fmt.Sprintf(".public.building-%d-77.old", deadPID(t)))
	os.MkdirAll(aside, 0o755)
	writeFile(t, filepath.Join(aside, "index.html"), "the previous site")
	writeFile(t, filepath.Join(aside, markerFile), markerText)
	cleanStale(out)
	if b, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(b) != "the previous site" {
		t.Errorf("the previous output was not moved back: %q, %v", b, err)
	}
	if names := beside(t, out); len(names) > 0 {
		t.Errorf("left beside the output: %v", names)
	}
}

// deadPID returns the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	c := exec.Command("true")
	if err := c.Run(); err != nil {
		t.Skipf("cannot run a process: %v", err)
	}
	return c.Process.Pid
}

func TestCheckOutputPath(t *testing.T) {
	t.Parallel()
	for _, p := range []string{
		"index.html", "tin-tuc/a/index.html", "du-lieu/bieu-do/x.csv", "anh/ảnh lớp học.jpg",
		".well-known/security.txt", markerFile, "a..b/c", "a.b",
	} {
		if err := checkOutputPath(p); err != nil {
			t.Errorf("checkOutputPath(%q) = %v, want nil", p, err)
		}
	}
	for _, p := range []string{
		"", ".", "..", "../x", "a/../../x", "/etc/passwd", "a//b", "a/", "./a",
		"a\x00b", "a\nb", `..\x`, `a\..\..\x`, "C:/x", "C:x", "c:", `\\server\share`,
		".hidden", "a/.git/config", "tin-tuc/../..", "a./b", "a /b", "x.", "x ",
	} {
		if err := checkOutputPath(p); err == nil {
			t.Errorf("checkOutputPath(%q) = nil, want an error", p)
		}
	}
}

// TestNoPathFromContentLeavesTheOutput gives every name that reaches a
// path in the output a hostile value: each is refused with its position,
// and nothing is written anywhere.
func TestNoPathFromContentLeavesTheOutput(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	hostileNames := `
-- content/news/a.md --
+++
title = "Slug ra ngoài"
date = 2024-01-01
summary = "x"
slug = "../../../../tmp/pwned"
+++
x
-- content/news/b.md --
+++
title = "Slug ổ đĩa"
date = 2024-01-02
summary = "x"
slug = "C:\\Windows\\x"
+++
x
-- content/news/c.md --
+++
title = "Slug ẩn"
date = 2024-01-03
summary = "x"
slug = ".htaccess"
+++
x
-- content/news/d.md --
+++
title = "Slug tuyệt đối"
date = 2024-01-04
summary = "x"
slug = "/etc/passwd"
+++
x
-- content/news/x\..\..\y.md --
+++
title = "Tên tệp kiểu Windows"
date = 2024-01-05
summary = "x"
+++
x
-- data/meetings/2024-01-01-tay-bac.toml --
schema = 1
id = "../../pwned"
cluster = "tay-bac"
kind = "giao ban"
title = "Id ra ngoài"
date = 2024-01-01
-- data/meetings/a\..\..\x.toml --
schema = 1
cluster = "tay-bac"
kind = "giao ban"
title = "Tên tệp lạ"
date = 2024-01-01
`
	r := buildTxtar(t, baseSite+hostileNames, withOutput(out), expectErrors())
	for _, want := range [][]string{
		{"content/news/a.md:5:", `URL name "../../../../tmp/pwned" must be lower-case letters`},
		{"content/news/b.md:5:", `must be lower-case letters`},
		{"content/news/c.md:5:", `URL name ".htaccess"`},
		{"content/news/d.md:5:", `URL name "/etc/passwd"`},
		{"data/meetings/2024-01-01-tay-bac.toml:2:", `id "../../pwned" must be lower-case letters`},
		{`data/meetings/a\..\..\x.toml`, `id "a\\..\\..\\x" must be lower-case letters`},
		{`content/news/x\..\..\y.md`, `URL name "x\\..\\..\\y" must be lower-case letters`},
	} {
		r.AssertDiag(t, want...)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the output was made: %v", err)
	}
	if names := beside(t, out); len(names) > 0 {
		t.Errorf("written beside the output: %v", names)
	}
	if _, err := os.Stat("/tmp/pwned"); err == nil {
		t.Errorf("/tmp/pwned exists")
	}

	// Static files' names are the editors' own: a name that is not a plain
	// path is refused at its file; hidden files are not published.
	r = buildTxtar(t, baseSite+`
-- static/anh/a:b.png --
x
-- static/anh/x\..\..\y.png --
x
-- static/anh/tab	name.png --
x
-- static/anh/dot./x.png --
x
-- static/.htaccess --
Options +Indexes
-- static/anh/.DS_Store --
x
-- static/.well-known/security.txt --
Contact: mailto:a@example.org
`, withOutput(out), expectErrors())
	r.AssertDiag(t, "static/anh/a:b.png: error: refusing to write", "backslash or colon")
	r.AssertDiag(t, `static/anh/x\..\..\y.png: error: refusing to write`, "backslash or colon")
	r.AssertDiag(t, "static/anh/tab\tname.png: error: refusing to write", "control character")
	r.AssertDiag(t, "static/anh/dot./x.png: error: refusing to write", "ends with a dot")
	if errs := r.Errors(); len(errs) != 4 {
		t.Errorf("%d errors, want 4 (hidden files are skipped, .well-known is published):\n%s", len(errs), r.diagText())
	}
	r = buildTxtar(t, baseSite+"-- static/.htaccess --\nx\n-- static/.well-known/security.txt --\nContact: x\n", withOutput(out))
	r.AssertExists(t, ".well-known/security.txt")
	r.AssertNoFile(t, ".htaccess")
}

// TestOutputClaimRefusesUnsafePaths checks the defence behind the slug and
// id checks: whatever reaches the output, a path that is not safe is never
// written, and the error names where it came from.
func TestOutputClaimRefusesUnsafePaths(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	dir := filepath.Join(parent, "build")
	os.MkdirAll(dir, 0o755)
	w, err := newDirWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var l diag.List
	o := newOutput("public", &l)
	o.dir, o.w = dir, w
	for _, p := range []string{"../escaped.html", "/abs.html", `..\escaped.html`, "C:/x.html", "a\x00.html", ".hidden"} {
		o.write(p, fromFile("content/news/x.md"), []byte("x"))
	}
	o.write("ok/index.html", made("a test"), []byte("x"))
	items := l.Items()
	if len(items) != 6 {
		t.Fatalf("%d diagnostics, want 6: %v", len(items), items)
	}
	for _, d := range items {
		if d.File != "content/news/x.md" || !strings.Contains(d.Msg, "refusing to write") {
			t.Errorf("diagnostic %v", d)
		}
	}
	files := snapshot(t, parent)
	if len(files) != 1 || files["build/ok/index.html"] == nil {
		t.Errorf("written: %v", slices.Collect(maps.Keys(files)))
	}
	// The writer holds even a path that got past the check.
	for _, p := range []string{"../escaped.html", "/abs.html", "a/../../escaped.html"} {
		if err := w.WriteFile(p, []byte("x")); err == nil {
			t.Errorf("dirWriter wrote %s", p)
		}
	}
}

// TestOutputCollisions: two things the build writes to one path are an
// error naming both, whatever they are; a static file is never silently
// replaced by a page or a data file.
func TestOutputCollisions(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, files string
		want        []string
	}{
		{"static file and article", "-- static/tin-tuc/tay-bac-2024/index.html --\nx\n",
			[]string{"content/news/tay-bac-2024.md: error: the article page /tin-tuc/tay-bac-2024/ (content/news/tay-bac-2024.md) and static/tin-tuc/tay-bac-2024/index.html both write tin-tuc/tay-bac-2024/index.html"}},
		{"static file and chart CSV", "-- static/du-lieu/bieu-do/trang-chu-hoi-nghi.csv --\nx\n",
			[]string{"static/du-lieu/bieu-do/trang-chu-hoi-nghi.csv", "the CSV of chart trang-chu-hoi-nghi", "both write du-lieu/bieu-do/trang-chu-hoi-nghi.csv"}},
		{"static file and table", "-- static/du-lieu/funds.csv --\nx\n",
			[]string{"static/du-lieu/funds.csv", "the CSV of table funds (data/tables/funds.csv)"}},
		{"static file and editors' copy", "-- static/du-lieu/goc/funds.csv --\nx\n",
			[]string{"static/du-lieu/goc/funds.csv", "the editors' copy of table funds (data/tables/funds.csv)"}},
		{"static file and sitemap", "-- static/sitemap.xml --\nx\n", []string{"static/sitemap.xml", "the sitemap", "both write sitemap.xml"}},
		{"letter case", "-- static/Sitemap.xml --\nx\n", []string{"static/Sitemap.xml: error: the sitemap and static/Sitemap.xml both write Sitemap.xml and sitemap.xml, one file where letter case is ignored"}},
		{"file where a folder is needed", "-- static/tin-tuc --\nx\n", []string{"static/tin-tuc", "a file, where", "needs a folder"}},
		{"static file and 404 page", "-- static/404.html --\nx\n", []string{"static/404.html", "the 404 page /404.html"}},
		{"static file and search page", "-- static/tim-kiem/index.html --\nx\n", []string{"static/tim-kiem/index.html", "the search page /tim-kiem/"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "public")
			r := buildTxtar(t, baseSite+c.files, withOutput(out), expectErrors())
			r.AssertDiag(t, c.want...)
			if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the output was made: %v", err)
			}
			// check finds it too.
			buildTxtar(t, baseSite+c.files, withDryRun(), expectErrors()).AssertDiag(t, c.want...)
		})
	}
}

// faultyWriter fails every write once budget bytes are written, with err,
// after writing the part of the file that fits (as a full disk does).
type faultyWriter struct {
	fileWriter
	budget atomic.Int64
	err    error
	failed atomic.Int64
}

func faulty(budget int64, err error) (func(string) (fileWriter, error), *faultyWriter) {
	fw := &faultyWriter{err: err}
	fw.budget.Store(budget)
	return func(dir string) (fileWriter, error) {
		w, err := newDirWriter(dir)
		fw.fileWriter = w
		return fw, err
	}, fw
}

func (w *faultyWriter) WriteFile(name string, b []byte) error {
	left := w.budget.Add(-int64(len(b)))
	if left >= 0 {
		return w.fileWriter.WriteFile(name, b)
	}
	w.failed.Add(1)
	if fit := int64(len(b)) + left; fit > 0 {
		_ = w.fileWriter.WriteFile(name, b[:fit])
	}
	return &fs.PathError{Op: "write", Path: name, Err: w.err}
}

// TestWriteFaults injects the failures a disk gives: full after some
// bytes, read-only, permission denied. Each gives one clear error, stops
// the build, and leaves the previous output and nothing else.
func TestWriteFaults(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		budget int64
		err    error
		want   []string
	}{
		{"disk full", 200 << 10, syscall.ENOSPC, []string{"no space left on device", "hint: the disk is full", "was left as it was"}},
		{"disk full at once", 0, syscall.ENOSPC, []string{"no space left on device", "hint: the disk is full"}},
		{"read-only file system", 0, syscall.EROFS, []string{"read-only file system", "check that folder's permissions"}},
		{"permission denied", 10 << 10, syscall.EACCES, []string{"permission denied", "check that folder's permissions"}},
		{"other", 50 << 10, syscall.EIO, []string{"input/output error", "check the disk"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "public")
			buildTxtar(t, baseSite+moreNews, withOutput(out))
			before := snapshot(t, out)
			w, fw := faulty(c.budget, c.err)
			r := buildTxtar(t, baseSite+moreNews+markdownArticle, withOutput(out), withWriter(w), expectErrors())
			r.AssertDiag(t, append([]string{"cannot write"}, c.want...)...)
			if errs := r.Errors(); len(errs) != 1 {
				t.Errorf("%d errors, want the one write error:\n%s", len(errs), r.diagText())
			}
			if r.Stats != nil {
				t.Errorf("a failed build returned stats")
			}
			// Writing stops at the first failure; only writers that
			// had a file in hand at that moment may try once more.
			if n := fw.failed.Load(); n < 1 || n > maxWriters {
				t.Errorf("%d writes failed; want writing to stop after the first", n)
			}
			assertKept(t, out, before)
		})
	}
}

// TestReadOnlyParent makes the folder beside the output read-only, as a
// real file system does. Root ignores permissions, so the test is skipped
// there; TestWriteFaults covers the same failure through the writer.
func TestReadOnlyParent(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("running as root, which may write into a read-only folder; TestWriteFaults injects EROFS and EACCES instead")
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	buildTxtar(t, baseSite, withOutput(out))
	before := snapshot(t, out)
	if err := os.Chmod(parent, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(parent, 0o755) })
	r := buildTxtar(t, baseSite+moreNews, withOutput(out), expectErrors())
	r.AssertDiag(t, "cannot create the build folder", "permission denied", "check that folder's permissions")
	assertKept(t, out, before)
}

// vanishingFS lists files that are gone by the time they are read, as when
// a sync tool removes a file during the build.
type vanishingFS struct {
	fsys fstest.MapFS
	gone map[string]bool
}

func (v vanishingFS) Open(name string) (fs.File, error) {
	if v.gone[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return v.fsys.Open(name)
}

func (v vanishingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(v.fsys, name) }

func TestFileRemovedDuringBuild(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ file, want string }{
		{"data/tables/funds.csv", "data/tables/funds.csv: error: data/tables/funds.csv disappeared while khuyenhoc was reading data/"},
		{"data/meetings/2024-12-03-tay-bac.toml", "data/meetings/2024-12-03-tay-bac.toml disappeared"},
		{"content/news/khai-giang-2022.md", "content/news/khai-giang-2022.md disappeared while khuyenhoc was reading content/"},
		{"static/anh/lop-hoc.svg", "static/anh/lop-hoc.svg: error: cannot copy static/anh/lop-hoc.svg: file does not exist"},
	} {
		t.Run(c.file, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "public")
			buildTxtar(t, baseSite, withOutput(out))
			before := snapshot(t, out)
			fsys := vanishingFS{txtarFS(t, baseSite+imageArticle, true), map[string]bool{c.file: true}}
			r := buildFS(t, fsys, withOutput(out), expectErrors())
			r.AssertDiag(t, c.want, "hint:")
			assertKept(t, out, before)
		})
	}
}

// TestSymlinkLoopInContent: links in content/ that loop, or lead to a
// folder, give a clear error at once and no output.
func TestSymlinkLoopInContent(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	writeTree(t, src, txtarFS(t, baseSite, true))
	news := filepath.Join(src, "content", "news")
	for link, to := range map[string]string{
		"vong.md":   "vong.md", // itself
		"mot.md":    "hai.md",  // two links, each to the other
		"hai.md":    "mot.md",
		"thu-muc":   "..", // a folder above: a loop for a walker that follows links
		"chinh":     ".",
		"mat-di.md": "khong-co.md", // a dangling link
	} {
		if err := os.Symlink(to, filepath.Join(news, link)); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	out := filepath.Join(dir, "public")
	done := make(chan *siteResult, 1)
	go func() { done <- buildFS(t, os.DirFS(src), withSource(src), withOutput(out), expectErrors()) }()
	var r *siteResult
	select {
	case r = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the build did not finish within 30 s: a link loop hangs it")
	}
	for _, want := range [][]string{
		{"content/news/vong.md: error: symbolic link that cannot be followed", "too many levels of symbolic links", "hint:"},
		{"content/news/mot.md: error: symbolic link that cannot be followed"},
		{"content/news/hai.md: error: symbolic link that cannot be followed"},
		{"content/news/mat-di.md: error: symbolic link that cannot be followed", "no such file"},
		{"content/news/thu-muc: error: symbolic link to a folder", "hint: move the articles into content/news/"},
		{"content/news/chinh: error: symbolic link to a folder"},
	} {
		r.AssertDiag(t, want...)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the output was made: %v", err)
	}
}

// writeTree writes the files of fsys under dir.
func writeTree(t *testing.T, dir string, fsys fstest.MapFS) {
	t.Helper()
	for name, f := range fsys {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
