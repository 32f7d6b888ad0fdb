package diag

import (
	"strings"
	"testing"
)

func TestFormatCountsColumnsInCharacters(t *testing.T) {
	d := Diagnostic{Pos: Pos{File: "f.csv", Line: 3, Col: len("Hòa Bình,") + 1}, Msg: "bad", Hint: "fix it",
		Source: "Hòa Bình,95,5"}
	got := Format(d)
	want := "f.csv:3:10: error: bad\n  3 | Hòa Bình,95,5\n    |          ^\n  hint: fix it\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestClosest(t *testing.T) {
	for _, c := range []struct{ word, want string }{
		{"titel", "title"}, {"dat", "date"}, {"clustr", "cluster"}, {"zzzzzz", ""},
	} {
		if got := Closest(c.word, []string{"title", "date", "cluster", "summary"}); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}

func TestListSortedAndCounted(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "b", Line: 1}, "w")
	l.Errorf(Pos{File: "a", Line: 9}, "e2")
	l.Errorf(Pos{File: "a", Line: 2}, "e1")
	var got []string
	for _, d := range l.Sorted() {
		got = append(got, d.String())
	}
	if strings.Join(got, "|") != "a:2: error: e1|a:9: error: e2|b:1: warning: w" {
		t.Errorf("sorted = %v", got)
	}
	if e, w := l.Count(); e != 2 || w != 1 || !l.HasErrors(false) {
		t.Errorf("count = %d, %d", e, w)
	}
	var only List
	only.Warnf(Pos{}, "w")
	if only.HasErrors(false) || !only.HasErrors(true) {
		t.Error("warnings fail only under strict")
	}
}
