package decode

import (
	"strings"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

type person struct {
	Name  string `toml:"name" required:"true"`
	Title string `toml:"title"`
}

type meeting struct {
	ID        string     `toml:"id" required:"true"`
	Date      civil.Date `toml:"date" required:"true"`
	Count     int        `toml:"count"`
	Tags      []string   `toml:"tags"`
	Attendees []person   `toml:"attendees"`
	Chair     []person   `toml:"chair"`
}

type file struct {
	Schema  int       `toml:"schema" required:"true"`
	Meeting []meeting `toml:"meeting"`
}

func decodeString(t *testing.T, text string) (file, *Doc, []diag.Diagnostic) {
	t.Helper()
	var f file
	var l diag.List
	doc, _ := TOML(diag.NewSource("m.toml", []byte(text)), &f, &l)
	return f, doc, l.Sorted()
}

func TestTOMLCollectsEveryError(t *testing.T) {
	text := `schema = 1

[[meeting]]
id = "a"
date = 2024-12-03
count = "three"
tags = ["x"]
attendees = [
  { name = "Lê Mạnh Hùng", title = "Phó Chủ tịch" },
  { titel = "Chủ tịch" },
]

[[meeting]]
id = "b"
dat = 2022-08-18

[[meeting.chair]]
name = "Vũ Mạnh Hiền"
[[meeting.chair]]
nam = "Trịnh Nam Điền"

[[meeting]]
id = "c"
date = "2025-02-30"
`
	f, doc, ds := decodeString(t, text)
	var got []string
	for _, d := range ds {
		got = append(got, d.Pos.String()+" "+d.Msg+" | "+d.Hint)
	}
	want := []string{
		`m.toml:6:1 count must be a whole number`,
		`m.toml:10:3 missing required key "name"`,
		`m.toml:10:3 unknown key "titel" | did you mean "title"?`,
		`m.toml:13:1 missing required key "date"`,
		`m.toml:15:1 unknown key "dat" | did you mean "date"?`,
		`m.toml:19:1 missing required key "name"`,
		`m.toml:20:1 unknown key "nam" | did you mean "name"?`,
		`m.toml:24:1 date: 2025-02-30 does not exist: February 2025 has 28 days`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics:\n%s", len(got), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], strings.Split(want[i], " | ")[0]) && !strings.Contains(got[i], want[i]) {
			t.Errorf("diagnostic %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
	if len(f.Meeting) != 3 || f.Meeting[0].Attendees[0].Name != "Lê Mạnh Hùng" || len(f.Meeting[1].Chair) != 2 {
		t.Errorf("decoded %+v", f)
	}
	if p := doc.Pos("meeting[1].chair[1].nam"); p.Line != 20 {
		t.Errorf("pos = %v", p)
	}
}

// An optional table, a pointer field such as a meeting's [handover], is
// checked as any other: BurntSushi/toml alone would ignore a misspelt key
// and a missing one.
func TestTOMLOptionalTable(t *testing.T) {
	type handover struct {
		To  string `toml:"to" required:"true"`
		For string `toml:"for"`
	}
	type meeting struct {
		Title    string    `toml:"title"`
		Handover *handover `toml:"handover"`
	}
	for _, c := range []struct {
		text string
		want []string
		to   string
	}{
		{"title = \"a\"\n\n[handover]\nto = \"dien-bien\"\nfor = \"năm 2025\"\n", nil, "dien-bien"},
		{"title = \"a\"\n\n[handover]\ntoo = \"dien-bien\"\n", []string{
			`m.toml:3:1 missing required key "to" in [handover] | add a line: to = …`,
			`m.toml:4:1 unknown key "too" | did you mean "to"?`}, ""},
		{"title = \"a\"\nhandover = 3\n", []string{`m.toml:2:1 handover must be a table`}, ""},
	} {
		var m meeting
		var l diag.List
		TOML(diag.NewSource("m.toml", []byte(c.text)), &m, &l)
		var got []string
		for _, d := range l.Sorted() {
			got = append(got, d.Pos.String()+" "+d.Msg+" | "+d.Hint)
		}
		if len(got) != len(c.want) {
			t.Errorf("%q: got\n%s", c.text, strings.Join(got, "\n"))
			continue
		}
		for i := range got {
			if !strings.HasPrefix(got[i], c.want[i]) {
				t.Errorf("%q: got %s, want %s", c.text, got[i], c.want[i])
			}
		}
		if c.to != "" && (m.Handover == nil || m.Handover.To != c.to) {
			t.Errorf("%q: decoded %+v", c.text, m.Handover)
		}
	}
}

func TestTOMLSyntaxError(t *testing.T) {
	_, _, ds := decodeString(t, "schema = 1\nname = Hòa Bình\n")
	if len(ds) != 1 || ds[0].Line != 2 || ds[0].Hint == "" {
		t.Fatalf("got %+v", ds)
	}
}

func TestTOMLImpossibleLiteralDate(t *testing.T) {
	_, _, ds := decodeString(t, "schema = 1\n[[meeting]]\nid = \"a\"\ndate = 2025-02-30\n")
	if len(ds) != 1 || ds[0].Line != 4 || !strings.Contains(ds[0].Hint, "YYYY-MM-DD") {
		t.Fatalf("got %+v", ds)
	}
}

func TestCSVSpreadsheetExport(t *testing.T) {
	src := "\uFEFF# schema: 1;;;\r\nprovince;year;amount;source\r\nBắc Ninh;2022;120 tỷ;GD&TĐ\r\nThái Bình;2022;\"107 tỉ 773 triệu\";\r\n\r\nNinh Bình;2022;gần 95,5 tỉ;x;extra\r\n"
	var l diag.List
	tb, ok := CSV(diag.NewSource("f.csv", []byte(src)), &l)
	if ok || tb.Schema != 1 || tb.Delim != ';' || len(tb.Header) != 4 || len(tb.Rows) != 2 {
		t.Fatalf("ok=%v table=%v schema=%d delim=%q diags=%v", ok, tb, tb.Schema, tb.Delim, l.Items())
	}
	if c := tb.Rows[1].Cells[2]; c.Text != "107 tỉ 773 triệu" || c.Line != 4 {
		t.Errorf("cell = %+v", c)
	}
	ds := l.Items()
	if len(ds) != 1 || ds[0].Line != 6 || ds[0].Col != len("Ninh Bình;2022;gần 95,5 tỉ;x;")+1 {
		t.Errorf("diags = %+v", ds)
	}
}

func TestCSVNotUTF8(t *testing.T) {
	var l diag.List
	_, ok := CSV(diag.NewSource("f.csv", []byte("a,b\nH\xf2a,1\n")), &l)
	if ok || l.Len() != 1 || l.Items()[0].Line != 2 {
		t.Fatalf("diags = %+v", l.Items())
	}
}
