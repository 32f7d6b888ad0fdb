package decode

import (
	"strings"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

func FuzzTOML(f *testing.F) {
	for _, s := range []string{
		"schema = 1\n\n[[meeting]]\nid = \"a\"\ndate = 2024-12-03\ncount = 3\ntags = [\"x\", 'y']\nattendees = [\n  { name = \"Lê Mạnh Hùng\", title = \"Phó Chủ tịch\" },\n  { titel = \"Chủ tịch\" },\n]\n\n[[meeting.chair]]\nname = \"Vũ Mạnh Hiền\"\n",
		"\uFEFFschema = 1\r\n[[meeting]]\r\nid = \"crlf\"\r\ndate = \"2025-02-30\"\r\n",
		"",
		"\x00\xff\xfe\x80",
		"schema = \"1\"\nmeeting = 3\n",
		"schema = 1\nname = Hòa Bình\n",
		"a = \"\"\"\nmulti [ { .\n\"\"\"\nb = '''x'''\n",
		"schema = 1\nnote = \"" + strings.Repeat("ắ", 350_000) + "\"\n",
		strings.Repeat("k", 1<<20) + " = 1\n",
		"schema = 1\n[[meeting]]\ntags = " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "\n",
		"x = " + strings.Repeat("{a=", 10_000) + "1" + strings.Repeat("}", 10_000) + "\n",
		strings.Repeat("a.", 10_000) + "a = 1\n",
		strings.Repeat("[[meeting]]\n", 1000),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src := diag.NewSource("m.toml", data)
		var v file
		var l diag.List
		doc, ok := TOML(src, &v, &l)
		lines := src.NumLines()
		for _, d := range l.Items() {
			if d.File != "m.toml" || d.Line < 0 || d.Line > lines || d.Col < 0 {
				t.Fatalf("diagnostic out of the file (%d lines): %v", lines, d)
			}
		}
		if errs, _ := l.Count(); ok != (errs == 0) {
			t.Fatalf("ok = %v with %d errors", ok, errs)
		}
		for path, p := range doc.keys {
			if p.Line < 1 || p.Line > lines || p.Col < 1 || p.Col > len(src.Line(p.Line))+1 {
				t.Fatalf("key %q indexed at %v, outside the file", path, p)
			}
		}
		for _, path := range []string{"schema", "meeting[0].date", "meeting[1].attendees[2].name", "x[0]"} {
			if p := doc.Pos(path); p.Line < 0 || p.Line > lines {
				t.Fatalf("Pos(%q) = %v", path, p)
			}
		}
	})
}

func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"# schema: 1\nunit,year,raised,source\nson-la,2024,\"gần 95,5 tỉ\",s1\n",
		"\uFEFF# schema: 1;;;\r\nunit;year;amount\r\nBắc Ninh;2022;120 tỷ\r\n\r\nNinh Bình;2022;95,5;x;extra\r\n",
		"",
		"\x00\xff\xfe\x80",
		"a,b\n1,\"open\n2,3\n",
		"a,b\n\"x\"y,2\n",
		"a;b\n\"x;\"\"y\";\"z\n",
		"#\n#schema=99999999999999999999\na\n",
		strings.Repeat("a,", 1<<19) + "\n",
		"h\n" + strings.Repeat("ắ", 350_000) + "\n",
		strings.Repeat("\"", 10_000),
		strings.Repeat("[", 10_000) + "\n" + strings.Repeat("]", 10_000),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src := diag.NewSource("f.csv", data)
		var l diag.List
		tb, ok := CSV(src, &l)
		if errs, _ := l.Count(); ok != (errs == 0) {
			t.Fatalf("ok = %v with %d errors", ok, errs)
		}
		lines := src.NumLines()
		for _, d := range l.Items() {
			if d.File != "f.csv" || d.Line < 0 || d.Line > lines || d.Col < 0 {
				t.Fatalf("diagnostic out of the file (%d lines): %v", lines, d)
			}
		}
		if tb.Header != nil && tb.Delim != ',' && tb.Delim != ';' {
			t.Fatalf("delimiter %q", tb.Delim)
		}
		for _, r := range tb.Rows {
			if len(r.Cells) != len(tb.Header) {
				t.Fatalf("row on line %d has %d cells, header %d", r.Line, len(r.Cells), len(tb.Header))
			}
			for _, c := range append(r.Cells, tb.Header...) {
				if c.Line < 1 || c.Line > lines || c.Col < 1 {
					t.Fatalf("cell %q at %d:%d, outside %d lines", c.Text, c.Line, c.Col, lines)
				}
			}
		}
	})
}
