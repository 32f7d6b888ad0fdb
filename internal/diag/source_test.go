package diag

import (
	"sync"
	"testing"
)

func TestSourceLines(t *testing.T) {
	for _, tc := range []struct {
		data  string
		lines []string // Line(1..NumLines)
		pos   map[int][2]int
	}{
		{"", []string{""}, map[int][2]int{0: {1, 1}}},
		{"a", []string{"a"}, map[int][2]int{0: {1, 1}, 1: {1, 2}}},
		{"a\n", []string{"a", ""}, map[int][2]int{1: {1, 2}, 2: {2, 1}}},
		{"một\r\nhai\n\nba", []string{"một", "hai", "", "ba"}, map[int][2]int{4: {1, 5}, 7: {2, 1}, 10: {2, 4}, 11: {3, 1}, 12: {4, 1}, 13: {4, 2}}},
	} {
		s := NewSource("f.toml", []byte(tc.data))
		if s.NumLines() != len(tc.lines) {
			t.Errorf("%q: NumLines = %d, want %d", tc.data, s.NumLines(), len(tc.lines))
		}
		for i, want := range tc.lines {
			if got := s.Line(i + 1); got != want {
				t.Errorf("%q: Line(%d) = %q, want %q", tc.data, i+1, got, want)
			}
		}
		if s.Line(0) != "" || s.Line(len(tc.lines)+1) != "" {
			t.Errorf("%q: a line out of range is not empty", tc.data)
		}
		for off, want := range tc.pos {
			if p := s.Pos(off); p.Line != want[0] || p.Col != want[1] || p.File != "f.toml" {
				t.Errorf("%q: Pos(%d) = %v, want line %d col %d", tc.data, off, p, want[0], want[1])
			}
		}
	}
}

// TestSourceIndexIsSafeConcurrently: the line index is made on first
// use, which may come from several goroutines at once (go test -race).
func TestSourceIndexIsSafeConcurrently(t *testing.T) {
	s := NewSource("f", []byte("a\nb\nc\n"))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if s.Line(2) != "b" || s.NumLines() != 4 {
				t.Error("wrong index")
			}
		})
	}
	wg.Wait()
}
