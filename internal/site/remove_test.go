package site

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestRemoveTree removes a tree of folders and files, empty folders and a
// link, and leaves what the link points to.
func TestRemoveTree(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "keep.txt")
	if err := os.WriteFile(outside, []byte("giữ lại"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "public")
	for i := range 40 {
		p := filepath.Join(dir, "tin-tuc", fmt.Sprintf("bai-%d", i), "index.html")
		if i%7 == 0 {
			p = filepath.Join(dir, "a", "b", fmt.Sprintf("c%d", i), "d", "x.html")
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "empty", "deeper"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("%s is still there: %v", dir, err)
	}
	if b, err := os.ReadFile(outside); err != nil || string(b) != "giữ lại" {
		t.Errorf("the file a link pointed to was touched: %q, %v", b, err)
	}
	if err := removeTree(filepath.Join(root, "missing")); err != nil {
		t.Errorf("removing what is not there: %v", err)
	}
}

// BenchmarkRemoveTree removes an output folder of 2 000 pages, each in a
// folder of its own as a site's are, with removeTree and with
// os.RemoveAll, in the test's temporary folder (set TMPDIR to put it on
// the disk to measure).
func BenchmarkRemoveTree(b *testing.B) {
	for _, rm := range []struct {
		name string
		f    func(string) error
	}{{"removeTree", removeTree}, {"os.RemoveAll", os.RemoveAll}} {
		b.Run(rm.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				dir := filepath.Join(b.TempDir(), "public")
				for i := range 2000 {
					p := filepath.Join(dir, "tin-tuc", fmt.Sprintf("bai-%d", i), "index.html")
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						b.Fatal(err)
					}
					if err := os.WriteFile(p, make([]byte, 12<<10), 0o644); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				if err := rm.f(dir); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
