package content

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

func TestLoadWithLetsBodiesGo(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 5 {
		fsys[fmt.Sprintf("content/news/bai-%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"+++\ntitle = \"Bài %d\"\ndate = 2024-01-0%d\nsummary = \"Tóm tắt.\"\n+++\n\nNội dung bài %d.\n", i, i+1, i))}
	}
	var all diag.List
	want := Load(fsys, &all)
	if all.Len() > 0 {
		t.Fatal(all.Items())
	}
	var l diag.List
	var visited atomic.Int32
	got := LoadWith(fsys, LoadOptions{KeepBodies: 1, Visit: func(a *Article) {
		if len(a.Body) == 0 {
			t.Errorf("%s: Visit without the body", a.File)
		}
		visited.Add(1)
	}}, &l)
	if l.Len() > 0 || len(got) != len(want) || visited.Load() != 5 {
		t.Fatalf("got %d articles, %d visits, %v", len(got), visited.Load(), l.Items())
	}
	dropped := 0
	for i, a := range got {
		if a.Body == nil {
			dropped++
		}
		text, err := a.Text(fsys)
		if err != nil || !bytes.Equal(text, want[i].Body) {
			t.Errorf("%s: Text = %q, %v; want %q", a.File, text, err, want[i].Body)
		}
	}
	// One Scratch read again and again gives each article its own text.
	var sc Scratch
	for _, i := range []int{4, 0, 3, 1, 2, 0} {
		text, err := got[i].TextInto(fsys, &sc)
		if err != nil || !bytes.Equal(text, want[i].Body) {
			t.Errorf("%s: TextInto = %q, %v; want %q", got[i].File, text, err, want[i].Body)
		}
	}
	if dropped < 4 {
		t.Errorf("%d bodies let go, want at least 4 (1 byte kept)", dropped)
	}
	// A file whose front matter changed length since is not misread.
	a := got[0]
	if a.Body == nil {
		fsys[a.File] = &fstest.MapFile{Data: []byte("+++\ntitle = \"X\"\n\n\ndate = 2024-01-01\nsummary = \"Y\"\n+++\nkhác\n")}
		if _, err := a.Text(fsys); err == nil {
			t.Error("a changed file was read as the old article's text")
		}
		if _, err := a.TextInto(fsys, &sc); err == nil {
			t.Error("TextInto: a changed file was read as the old article's text")
		}
	}
}

// TestLoadKeepsTheNewestBodies: the bodies kept within KeepBodies are
// those of the last paths, the newest articles where names begin with the
// date, which a build renders first and lets go of early. One CPU, so that
// the order the files are taken in is the order they finish in.
func TestLoadKeepsTheNewestBodies(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	fsys := fstest.MapFS{}
	for i := range 6 {
		fsys[fmt.Sprintf("content/news/2024-01-0%d-bai.md", i+1)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"+++\ntitle = \"Bài %d\"\ndate = 2024-01-0%d\nsummary = \"Tóm tắt.\"\n+++\n\nNội dung bài %d.\n", i, i+1, i))}
	}
	var l diag.List
	got := LoadWith(fsys, LoadOptions{KeepBodies: 2 * int64(len("\nNội dung bài 0.\n"))}, &l)
	if l.Len() > 0 || len(got) != 6 {
		t.Fatalf("got %d articles, %v", len(got), l.Items())
	}
	var kept []string
	for _, a := range got {
		if a.Body != nil {
			kept = append(kept, a.File)
		}
	}
	want := []string{"content/news/2024-01-06-bai.md", "content/news/2024-01-05-bai.md"}
	if !slices.Equal(kept, want) {
		t.Errorf("bodies kept: %q, want %q", kept, want)
	}
}

// TestSourceTableErrorIsStable: an inline source table with two mistakes
// reports the same one on every build (Go's map order is random).
func TestSourceTableErrorIsStable(t *testing.T) {
	src := []byte("+++\ntitle = \"Bài\"\ndate = 2025-01-02\nsource = { zeta = \"x\", alpha = 1, publication = \"Báo\" }\n+++\n\nVăn bản.\n")
	var first string
	for i := range 50 {
		var l diag.List
		Parse("content/news/bai.md", src, &l)
		if l.Len() == 0 {
			t.Fatal("no error for a source table with unknown keys")
		}
		got := l.Items()[0].Msg
		if i == 0 {
			first = got
			if !strings.Contains(got, "source.alpha") {
				t.Errorf("reported %q, want the first key in order, alpha", got)
			}
		} else if got != first {
			t.Fatalf("run %d reported %q, run 0 %q", i, got, first)
		}
	}
}
