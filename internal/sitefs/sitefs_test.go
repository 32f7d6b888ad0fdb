package sitefs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func makeSite(t testing.TB, n int) string {
	dir := t.TempDir()
	for i := range n {
		p := filepath.Join(dir, "content", "news", fmt.Sprintf("bai-%d.md", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, bytes.Repeat([]byte("Khuyến học "), 500+i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestDirIsAFileSystem runs the standard library's conformance checks:
// files read, folders list, Stat and ReadFile agree.
func TestDirIsAFileSystem(t *testing.T) {
	dir := makeSite(t, 3)
	if err := fstest.TestFS(Dir(dir), "site.toml", "content/news/bai-0.md", "content/news/bai-2.md"); err != nil {
		t.Fatal(err)
	}
}

// TestDirMatchesDirFS: the same bytes and the same errors as os.DirFS.
func TestDirMatchesDirFS(t *testing.T) {
	dir := makeSite(t, 2)
	ours, theirs := Dir(dir), os.DirFS(dir)
	for _, name := range []string{"site.toml", "content/news/bai-1.md"} {
		got, err := readAll(ours, name)
		want, _ := readAll(theirs, name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, %v; want the %d bytes os.DirFS reads", name, len(got), err, len(want))
		}
	}
	for _, name := range []string{"missing.md", "content/news/missing.md", "../site.toml", "/etc/passwd", "content//news", ""} {
		_, err := ours.Open(name)
		_, want := theirs.Open(name)
		var pe, wpe *fs.PathError
		if !errors.As(err, &pe) || !errors.As(want, &wpe) || pe.Path != wpe.Path || pe.Op != wpe.Op ||
			errors.Is(err, fs.ErrNotExist) != errors.Is(want, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) != errors.Is(want, fs.ErrInvalid) {
			t.Errorf("Open(%q) = %v; os.DirFS gives %v", name, err, want)
		}
	}
	// A folder opened reads as one.
	f, err := ours.Open("content/news")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	entries, err := f.(fs.ReadDirFile).ReadDir(-1)
	if err != nil || len(entries) != 2 {
		t.Errorf("ReadDir of an opened folder: %d entries, %v", len(entries), err)
	}
}

func readAll(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// BenchmarkOpenRead opens, sizes and reads 200 articles as the loader
// does, through Dir and through os.DirFS.
func BenchmarkOpenRead(b *testing.B) {
	dir := makeSite(b, 200)
	for _, fsys := range []struct {
		name string
		fs.FS
	}{{"sitefs", Dir(dir)}, {"os.DirFS", os.DirFS(dir)}} {
		b.Run(fsys.name, func(b *testing.B) {
			var buf bytes.Buffer
			i := 0
			for b.Loop() {
				f, err := fsys.Open(fmt.Sprintf("content/news/bai-%d.md", i%200))
				if err != nil {
					b.Fatal(err)
				}
				st, _ := f.Stat()
				buf.Reset()
				buf.Grow(int(st.Size()) + bytes.MinRead)
				if _, err := buf.ReadFrom(f); err != nil {
					b.Fatal(err)
				}
				f.Close()
				i++
			}
		})
	}
}

// TestReadIntoReadsWhatReadFileReads: ReadInto appends the file's first
// limit bytes, and no more, for files around the limit and the buffer's
// growth, and gives os.DirFS's errors.
func TestReadIntoReadsWhatReadFileReads(t *testing.T) {
	dir := t.TempDir()
	r, ok := Dir(dir).(interface {
		ReadInto(*bytes.Buffer, string, int64) (int64, error)
	})
	if !ok {
		t.Skip("no ReadInto on this system: ReadFileInto opens and reads")
	}
	for _, size := range []int{0, 1, 511, 512, 513, 4096, 70_000} {
		name := fmt.Sprintf("f%d.md", size)
		data := make([]byte, size)
		for i := range data {
			data[i] = byte('a' + i%26)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int64{0, 1, int64(size) - 1, int64(size), int64(size) + 1, 1 << 30} {
			if limit < 0 {
				continue
			}
			buf := bytes.NewBufferString("before|")
			got, err := r.ReadInto(buf, name, limit)
			want := append([]byte("before|"), data[:min(int64(size), limit)]...)
			if err != nil || got != int64(size) || !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s, limit %d: %d bytes (size %d, %v); want %d bytes", name, limit, buf.Len()-7, got, err, len(want)-7)
			}
		}
	}
	for _, name := range []string{"missing.md", "../f1.md", ""} {
		_, err := r.ReadInto(new(bytes.Buffer), name, 100)
		_, want := os.DirFS(dir).Open(name)
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != name || errors.Is(err, fs.ErrNotExist) != errors.Is(want, fs.ErrNotExist) ||
			errors.Is(err, fs.ErrInvalid) != errors.Is(want, fs.ErrInvalid) {
			t.Errorf("ReadInto(%q): %v; os.DirFS's Open gives %v", name, err, want)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := r.ReadInto(new(bytes.Buffer), "folder", 100); err == nil {
		t.Error("a folder read as a file")
	}
}
