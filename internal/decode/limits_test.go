package decode

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/khuyenhoc/khuyenhoc/internal/sitefs"
)

// fileSystems holds files in memory and on disk, read through the site
// folder's file system, which reads them itself (sitefs's ReadInto).
func fileSystems(t *testing.T, files map[string]string) map[string]fs.FS {
	dir := t.TempDir()
	mem := fstest.MapFS{}
	for name, data := range files {
		mem[name] = &fstest.MapFile{Data: []byte(data)}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return map[string]fs.FS{"in memory": mem, "site folder": sitefs.Dir(dir)}
}

func TestReadFileLimit(t *testing.T) {
	const max = 100
	fits := strings.Repeat("123456789\n", 10) // 100 bytes
	over := fits + "dòng 11 quá giới hạn\n"
	for kind, fsys := range fileSystems(t, map[string]string{"fits": fits, "over": over}) {
		t.Run(kind, func(t *testing.T) { testReadFileLimit(t, fsys, fits, over) })
	}
}

func testReadFileLimit(t *testing.T, fsys fs.FS, fits, over string) {
	const max = 100
	if b, err := ReadFile(fsys, "fits", max); err != nil || string(b) != fits {
		t.Errorf("ReadFile(fits) = %q, %v", b, err)
	}
	_, err := ReadFile(fsys, "over", max)
	var big *TooBigError
	if !errors.As(err, &big) {
		t.Fatalf("ReadFile(over) = %v, want *TooBigError", err)
	}
	// The 101st byte is on line 11; the error shows that line's start.
	if big.Line != 11 || big.Size != int64(len(over)) || big.Max != max || big.Text != "dòng 11 quá giới hạn" {
		t.Errorf("TooBigError %+v", big)
	}
	if _, err := ReadFile(fsys, "missing", max); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile(missing) = %v", err)
	}
	if got := HumanBytes(10 << 20); got != "10 MB" {
		t.Errorf("HumanBytes(10 MB) = %q", got)
	}
}

// TestReadFileIntoReusesBuffer: one buffer read into again and again gives
// each file exactly, longer after shorter and shorter after longer, and a
// file over the limit still reports its line.
func TestReadFileIntoReusesBuffer(t *testing.T) {
	const max = 100
	files := map[string]string{
		"a": "ngắn\n",
		"b": strings.Repeat("123456789\n", 10),
		"c": "x",
		"d": strings.Repeat("123456789\n", 10) + "dòng 11\n",
	}
	for kind, fsys := range fileSystems(t, files) {
		t.Run(kind, func(t *testing.T) { testReadFileIntoReusesBuffer(t, fsys, files) })
	}
}

func testReadFileIntoReusesBuffer(t *testing.T, fsys fs.FS, files map[string]string) {
	const max = 100
	var buf bytes.Buffer
	for _, name := range []string{"b", "a", "b", "c", "d", "a"} {
		b, err := ReadFileInto(&buf, fsys, name, max)
		if name == "d" {
			var big *TooBigError
			if !errors.As(err, &big) || big.Line != 11 || big.Text != "dòng 11" {
				t.Errorf("ReadFileInto(d) = %v, want a TooBigError at line 11", err)
			}
			continue
		}
		if err != nil || string(b) != files[name] {
			t.Errorf("ReadFileInto(%s) = %q, %v; want %q", name, b, err, files[name])
		}
	}
}
