package data

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// FuzzLoadData loads baseFiles with provinces.toml and funds.csv replaced
// by the fuzzer's input: everything downstream of them (resolution, the
// time model, table rows) runs on whatever they hold.
func FuzzLoadData(f *testing.F) {
	provinces, funds := baseFiles["data/provinces.toml"], baseFiles["data/tables/funds.csv"]
	for _, s := range [][2]string{
		{provinces, funds},
		{"", ""},
		{"\x00\xff\xfe\x80", "\x00\xff\xfe\x80"},
		{"schema = 1\n[[province]]\nid = \"a\"\nname = \"A\"\nkind = \"tỉnh\"\nmerged_into = \"a\"\nuntil = 2025-06-30\n", "# schema: 1\nunit,year,raised,source\na,2026,1 tỷ,s1\n"},
		{"schema = 1\n[[province]]\nid = \"a\"\nname = \"b\"\nkind = \"tỉnh\"\n[[province]]\nid = \"b\"\nname = \"a\"\nkind = \"tỉnh\"\nuntil = 2000-01-01\nmerged_into = \"a\"\n", "# schema: 1\nunit;year;as_of;raised;source\nb;1999;1999-12-31;-1;s1\n"},
		{"schema = 2\n", "# schema: 2\n"},
		{"schema = 1\nprovince = " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "\n", "# schema: 1\n" + strings.Repeat("[", 10_000) + "\n"},
		{"schema = 1\n[[province]]\nid = \"x\"\nname = \"" + strings.Repeat("ắ", 350_000) + "\"\nkind = \"tỉnh\"\n", "# schema: 1\nunit,year,raised,source\n" + strings.Repeat("x", 1<<20) + ",2024,1 tỷ,s1\n"},
		{strings.Repeat("a.", 10_000) + "a = 1\n", strings.Repeat(",", 1<<20)},
	} {
		f.Add([]byte(s[0]), []byte(s[1]))
	}
	f.Fuzz(func(t *testing.T, provinces, funds []byte) {
		fsys := fstest.MapFS{}
		for name, text := range baseFiles {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
		fsys["data/provinces.toml"] = &fstest.MapFile{Data: provinces}
		fsys["data/tables/funds.csv"] = &fstest.MapFile{Data: funds}
		l := &diag.List{}
		d := Load(fsys, l)
		if d == nil || d.Resolve == nil {
			t.Fatal("Load returned no data")
		}
		for _, x := range l.Items() {
			f, ok := fsys[x.File]
			if !ok {
				t.Fatalf("diagnostic in a file that does not exist: %v", x)
			}
			if n := diag.NewSource(x.File, f.Data).NumLines(); x.Line < 0 || x.Line > n || x.Col < 0 {
				t.Fatalf("diagnostic outside %s (%d lines): %v", x.File, n, x)
			}
		}
		for _, p := range d.Provinces {
			if p.ID == "" || d.Province(p.ID) != p {
				t.Fatalf("province %q is not registered under its id", p.ID)
			}
			if p.Successor != nil && !p.Successor.Lifetime().Contains(p.Until.AddDays(1)) {
				t.Fatalf("%s merged into %s, which did not exist the next day", p.ID, p.Successor.ID)
			}
		}
		for _, r := range d.Funds {
			if r.Raised.VND < 0 || r.Disbursed.VND < 0 {
				t.Fatalf("negative amount published: %+v", r)
			}
			if p := r.Unit.Province; p != nil && !p.Lifetime().Contains(r.RefDate()) {
				t.Fatalf("figure for %s on %s, outside its lifetime", p.ID, r.RefDate())
			}
		}
	})
}
