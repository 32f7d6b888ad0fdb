package data

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// baseFiles is a small valid data/ folder; each loader case replaces or
// adds one file.
var baseFiles = map[string]string{
	"data/provinces.toml": `schema = 1

[[province]]
id = "hoa-binh"
name = "Hòa Bình"
kind = "tỉnh"
aliases = ["Hoà Bình"]
until = 2025-06-30
merged_into = "phu-tho"

[[province]]
id = "phu-tho"
name = "Phú Thọ"
kind = "tỉnh"

[[province]]
id = "son-la"
name = "Sơn La"
kind = "tỉnh"
since = 2004-01-01
`,
	"data/sources.toml": `schema = 1

[[source]]
id = "s1"
publication = "Báo Giáo dục và Thời đại"
title = "Tin hội nghị"
url = "https://example.org/tin"
date = 2024-12-04
`,
	"data/clusters.toml": `schema = 1

[[cluster]]
id = "tay-bac"
name = "Cụm thi đua khuyến học Tây Bắc"
short_name = "Tây Bắc"
level = "tỉnh"

  [[cluster.member]]
  province = "Sơn La"
  from = 2010-01-01

  [[cluster.member]]
  province = "hoa-binh"
  to = 2025-06-30
  source = "s1"
`,
	"data/meetings/2024-12-03-tay-bac.toml": `schema = 1
cluster = "Tây Bắc"
kind = "giao ban"
title = "Giao ban năm 2024"
date = 2024-12-03
place = "Sơn La"
host = "son-la"
period = { from = 2024-01-01, to = 2024-12-31 }
sources = ["s1"]

[[person]]
name = "Lê Mạnh Hùng"
title = "Phó Chủ tịch"
role = "chỉ đạo"

[handover]
to = "Hoà Bình"
`,
	"data/tables/funds.csv":           "# schema: 1\nunit,year,period,as_of,purpose,raised,disbursed,meeting,source\nson-la,2024,,,,\"gần 95,5 tỉ\",553.532.000,2024-12-03-tay-bac,s1\n",
	"data/tables/scholarships.csv":    "\uFEFF# schema: 1\r\nunit;year;count;amount;source\r\nSơn La;2024;752;441.000.000;s1\r\n",
	"data/tables/members.csv":         "# schema: 1\nunit,year,as_of,members,population_ratio,source\ntay-bac,2024,2024-12-03,hơn 2.4 triệu,\"29,14%\",s1\n",
	"data/tables/associations.csv":    "# schema: 1\nunit,year,associations,chapters,boards,learning_centres,source\nhoa-binh,2024,443,17.124,23.128,69,s1\n",
	"data/tables/learning_models.csv": "# schema: 1\nunit,year,model,achieved,registered,rate,source\nson-la,2024,Gia đình học tập,85.162,130.039,\"65,5\",s1\n",
}

// loadFiles loads baseFiles with changes: a file mapped to "" is removed.
func loadFiles(changes map[string]string) (*Data, []diag.Diagnostic) {
	fsys := fstest.MapFS{}
	for name, text := range baseFiles {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	for name, text := range changes {
		if text == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	l := &diag.List{}
	d := Load(fsys, l)
	return d, l.Sorted()
}

func TestLoadGood(t *testing.T) {
	d, ds := loadFiles(nil)
	for _, x := range ds {
		t.Error(diag.Format(x))
	}
	checks := []struct{ what, got, want string }{
		{"provinces", fmt.Sprint(len(d.Provinces)), "3"},
		{"successor", d.Province("hoa-binh").Successor.Name, "Phú Thọ"},
		{"members", fmt.Sprint(len(d.Cluster("tay-bac").Members)), "2"},
		{"meeting cluster", d.Meeting("2024-12-03-tay-bac").ClusterRef.ID, "tay-bac"},
		{"handover", d.Meeting("2024-12-03-tay-bac").Handover.ToRef.ID, "hoa-binh"},
		{"source", d.Source("s1").Date.String(), "2024-12-04"},
		{"raised", d.Funds[0].Raised.String(), "gần 95,5 tỷ đồng"},
		{"disbursed", fmt.Sprint(d.Funds[0].Disbursed.VND), "553532000"},
		{"fund purpose", d.Funds[0].Purpose, "quỹ khuyến học"},
		{"scholarship unit", d.Scholarships[0].Unit.ID(), "son-la"},
		{"scholarship amount", fmt.Sprint(d.Scholarships[0].Amount.VND), "441000000"},
		{"members", d.Members[0].Members.String(), "hơn 2.400.000"},
		{"member unit", d.Members[0].Unit.ID(), "tay-bac"},
		{"ratio", d.Members[0].Ratio.String(), "29,14%"},
		{"chapters", d.Associations[0].Chapters.String(), "17.124"},
		{"model", d.LearningModels[0].Model, "gia đình học tập"},
		{"rate", d.LearningModels[0].Rate.String(), "65,5%"},
		{"datasets", fmt.Sprint(len(d.Datasets)), "5"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
}

// TestLoadBad replaces one file at a time and expects exactly the listed
// errors, each as "file:line: text in the message | text in the hint".
func TestLoadBad(t *testing.T) {
	const (
		prov = "data/provinces.toml"
		clus = "data/clusters.toml"
		srcs = "data/sources.toml"
		meet = "data/meetings/2024-12-03-tay-bac.toml"
	)
	replace := func(file, old, new string) map[string]string {
		text := baseFiles[file]
		if !strings.Contains(text, old) {
			panic(fmt.Sprintf("%s has no %q", file, old))
		}
		return map[string]string{file: strings.Replace(text, old, new, 1)}
	}
	csv := func(file, header, row string) map[string]string {
		return map[string]string{"data/tables/" + file: "# schema: 1\n" + header + "\n" + row + "\n"}
	}
	cases := []struct {
		name    string
		changes map[string]string
		only    string // compare only errors in this file (the rest cascade)
		want    []string
	}{
		// provinces.toml
		{"no provinces file", map[string]string{prov: ""}, prov, []string{
			"data/provinces.toml: no provinces file | every site needs data/provinces.toml",
		}},
		{"province duplicate id", map[string]string{prov: baseFiles[prov] + "\n[[province]]\nid = \"son-la\"\nname = \"Cao Bằng\"\nkind = \"tỉnh\"\n"}, "", []string{
			`data/provinces.toml:23:1: duplicate province id "son-la" | first defined at data/provinces.toml:16:1`,
		}},
		{"province until before since", map[string]string{prov: baseFiles[prov] + "\n[[province]]\nid = \"ha-tay\"\nname = \"Hà Tây\"\nkind = \"tỉnh\"\nsince = 2008-08-01\nuntil = 2008-07-31\n"}, "", []string{
			"data/provinces.toml:27:1: until 2008-07-31 is before since 2008-08-01 | since is the first day",
		}},
		{"province merged into itself", replace(prov, `merged_into = "phu-tho"`, `merged_into = "Hoà Bình"`), "", []string{
			"data/provinces.toml:9:1: Hòa Bình cannot merge into itself",
		}},
		{"province merged without until", replace(prov, "until = 2025-06-30\n", ""), "", []string{
			"data/provinces.toml:8:1: merged_into needs an until date | until is the last day",
		}},
		{"province merged into one not yet there", replace(prov, "name = \"Phú Thọ\"", "name = \"Phú Thọ\"\nsince = 2025-08-01"), "", []string{
			"data/provinces.toml:9:1: Phú Thọ did not exist on 2025-07-01, the day after Hòa Bình's until date",
		}},
		{"province kind", replace(prov, `kind = "tỉnh"`, `kind = "Tỉnh"`), "", []string{
			`data/provinces.toml:6:1: kind "Tỉnh" is neither "tỉnh" nor "thành phố" | did you mean "tỉnh"?`,
		}},
		{"province schema newer", replace(prov, "schema = 1", "schema = 3"), prov, []string{
			"data/provinces.toml:1:1: schema 3 is newer than this khuyenhoc understands (1) | update khuyenhoc",
		}},

		// clusters.toml
		{"cluster level", replace(clus, `level = "tỉnh"`, `level = "huyen"`), "", []string{
			`data/clusters.toml:7:1: level "huyen" is neither | did you mean "huyện"?`,
		}},
		{"provincial cluster without province", replace(clus, `level = "tỉnh"`, `level = "huyện"`), clus, []string{
			`data/clusters.toml:3:1: a cluster of level "huyện" needs province | add province = "…"`,
		}},
		{"unit in a cluster of provinces", replace(clus, `province = "Sơn La"`, `unit = "Hội Khuyến học huyện Mộc Châu"`), "", []string{
			"data/clusters.toml:10:3: a cluster of provinces lists provinces, not units | write province",
		}},
		{"member without province", replace(clus, `province = "Sơn La"`, `note = "?"`), "", []string{
			"data/clusters.toml:9:3: missing province (or unit | add province",
		}},
		{"member before the province existed", replace(clus, "from = 2010-01-01", "from = 2001-01-01"), "", []string{
			"data/clusters.toml:10:3: Sơn La is listed for from 2001-01-01 on but Sơn La exists from 2004-01-01 | start this entry with from = 2004-01-01",
		}},
		{"member after the province ceased", replace(clus, "to = 2025-06-30\n", ""), "", []string{
			"data/clusters.toml:14:3: Hòa Bình is listed for all time but Hòa Bình existed until 2025-06-30 and then became part of Phú Thọ | end this entry with to = 2025-06-30, and list Phú Thọ from 2025-07-01",
		}},
		{"members overlap", map[string]string{clus: baseFiles[clus] + "\n  [[cluster.member]]\n  province = \"Hoà Bình\"\n  from = 2025-01-01\n  to = 2025-06-30\n"}, "", []string{
			"data/clusters.toml:18:3: Hòa Bình is listed twice in Tây Bắc for overlapping periods | the other entry is at data/clusters.toml:13:3",
		}},
		{"leaders overlap", map[string]string{clus: baseFiles[clus] + `
  [[cluster.leader]]
  province = "son-la"
  from = 2021-01-01
  to = 2025-12-31

  [[cluster.leader]]
  province = "hoa-binh"
  from = 2024-01-01
  to = 2025-06-30
`}, "", []string{
			"data/clusters.toml:23:3: two leaders of Tây Bắc for overlapping terms | the other term is at data/clusters.toml:18:3",
		}},
		{"cluster syntax", replace(clus, `name = "Cụm`, `name = Cụm`), "", []string{
			"data/clusters.toml:5:8: TOML syntax | text values need double quotes",
			`data/meetings/2024-12-03-tay-bac.toml:2:1: unknown cluster "Tây Bắc" | names and ids are listed in data/clusters.toml`,
			`data/tables/members.csv:3:1: unknown province or cluster "tay-bac"`,
		}},

		// sources.toml
		{"source duplicate and url", map[string]string{srcs: baseFiles[srcs] + "\n[[source]]\nid = \"s1\"\npublication = \"x\"\ntitle = \"y\"\nurl = \"ftp://x\"\n"}, "", []string{
			`data/sources.toml:11:1: duplicate source id "s1" | first defined at data/sources.toml:3:1`,
			`data/sources.toml:14:1: url "ftp://x" must start with https:// or http:// | it starts with https://`,
		}},
		{"source missing publication", replace(srcs, "publication = \"Báo Giáo dục và Thời đại\"\n", ""), "", []string{
			`data/sources.toml:3:1: missing required key "publication" in [source] | add a line: publication = …`,
		}},
		{"source bad id", replace(srcs, `id = "s1"`, `id = "S 1"`), srcs, []string{
			`data/sources.toml:4:1: id "S 1" must be lower-case letters, digits and hyphens | for example s-1`,
		}},
		{"source date", replace(srcs, "date = 2024-12-04", `date = "4/12/2024"`), "", []string{
			`data/sources.toml:8:1: date: "4/12/2024" is not a date | write date = 2024-12-04`,
		}},

		// meetings/*.toml
		{"meeting file extension", map[string]string{"data/meetings/x.tml": "schema = 1\n"}, "", []string{
			"data/meetings/x.tml: meeting files end in .toml | rename it",
		}},
		{"meeting period reversed", replace(meet, "to = 2024-12-31", "to = 2023-12-31"), "", []string{
			"data/meetings/2024-12-03-tay-bac.toml:8:1: period ends (2023-12-31) before it starts (2024-01-01)",
		}},
		{"meeting reports on the future", replace(meet, "from = 2024-01-01, to = 2024-12-31", "from = 2025-01-01, to = 2025-12-31"), "", []string{
			"data/meetings/2024-12-03-tay-bac.toml:8:1: the meeting on 2024-12-03 reports on a period that starts later (2025-01-01)",
		}},
		{"meeting role", replace(meet, `role = "chỉ đạo"`, `role = "chủ toạ"`), "", []string{
			`data/meetings/2024-12-03-tay-bac.toml:14:1: role "chủ toạ" is not one of`,
		}},
		{"meeting handover to unknown", replace(meet, `to = "Hoà Bình"`, `to = "Hoà Bìnhh"`), "", []string{
			`data/meetings/2024-12-03-tay-bac.toml:17:1: unknown province "Hoà Bìnhh" | did you mean "Hòa Bình"?`,
		}},
		{"meeting without sources only warns", replace(meet, `sources = ["s1"]`, ``), "", nil},
		{"meeting copied under another name", map[string]string{"data/meetings/2024-12-03-copy.toml": strings.Replace(baseFiles[meet], "schema = 1", "schema = 1\nid = \"2024-12-03-tay-bac\"", 1)}, "", []string{
			`data/meetings/2024-12-03-copy.toml:2:1: duplicate meeting id "2024-12-03-tay-bac" | also used by data/meetings/2024-12-03-tay-bac.toml`,
		}},

		// tables/*.csv
		{"csv without schema", map[string]string{"data/tables/funds.csv": "unit,year,raised,source\nson-la,2024,1 tỷ,s1\n"}, "", []string{
			"data/tables/funds.csv:1:1: CSV file does not state its schema version | # schema: 1",
		}},
		{"csv schema newer", map[string]string{"data/tables/funds.csv": "# schema: 2\nunit,year,raised,source\n"}, "", []string{
			"data/tables/funds.csv:1:1: schema 2 is newer than this khuyenhoc understands (1) | update khuyenhoc",
		}},
		{"csv without header", map[string]string{"data/tables/funds.csv": "# schema: 1\n"}, "", []string{
			"data/tables/funds.csv:1: CSV file has no header row | the first row names the columns",
		}},
		{"csv unknown table", map[string]string{"data/tables/fund.csv": "# schema: 1\n"}, "", []string{
			`data/tables/fund.csv: khuyenhoc has no table named fund.csv | did you mean "funds.csv"?`,
		}},
		{"csv not utf-8", map[string]string{"data/tables/funds.csv": "# schema: 1\nunit,year,raised,source\nH\xf2a B\xecnh,2024,1 tỷ,s1\n"}, "", []string{
			"data/tables/funds.csv:3:2: file is not UTF-8 text | save it as UTF-8",
		}},
		{"csv missing and duplicate columns", csv("members.csv", "unit,year,year,source", "son-la,2024,2024,s1"), "", []string{
			`data/tables/members.csv:2:1: missing required column "members" | add a column named members`,
			`data/tables/members.csv:2:11: column "year" appears twice`,
		}},
		{"csv unknown column", csv("members.csv", "unit,year,member,source", "son-la,2024,1,s1"), "", []string{
			`data/tables/members.csv:2:1: missing required column "members"`,
			`data/tables/members.csv:2:11: unknown column "member" in members table | did you mean "members"?`,
		}},
		{"csv unclosed quote", csv("funds.csv", "unit,year,raised,source", `son-la,2024,"1 tỷ,s1`), "", []string{
			`data/tables/funds.csv:3:13: CSV: a quoted cell starts here but its closing quote is missing | must be quoted`,
		}},
		{"csv row too long", csv("funds.csv", "unit,year,raised,source", `son-la,2024,95,5 tỷ,s1`), "", []string{
			`data/tables/funds.csv:3:23: row has 5 cells but the header has 4 columns | quote it ("95,5")`,
		}},
		{"funds", csv("funds.csv", "unit,year,raised,disbursed,source", `son-la,2024,"95,5",−3 tỷ,s1`), "", []string{
			`data/tables/funds.csv:3:13: raised: "95,5" has no unit | amounts are whole đồng`,
			`data/tables/funds.csv:3:20: disbursed: "-" is not allowed: amounts are never negative | amounts are whole đồng`,
		}},
		{"funds purpose", csv("funds.csv", "unit,year,purpose,raised,source", `son-la,2024,ho tro bao lu,1 tỷ,s1`), "", nil},
		{"scholarships", csv("scholarships.csv", "unit;year;count;amount;source", "son-la;2024;-3;1,5;s1"), "", []string{
			`data/tables/scholarships.csv:3:13: count: "-3" is negative | counts are whole numbers`,
			`data/tables/scholarships.csv:3:16: amount: "1,5" has no unit | amounts are whole đồng`,
		}},
		{"members", csv("members.csv", "unit,year,members,population_ratio,source", "son-la,2024,,101,s1"), "", []string{
			`data/tables/members.csv:3:13: members is empty; it is required`,
			`data/tables/members.csv:3:14: population_ratio: 101% is outside 0–100% | percentages are 0–100`,
		}},
		{"associations", csv("associations.csv", "unit,year,associations,source", "son-la,2024,nhiều,s1"), "", []string{
			`data/tables/associations.csv:3:13: associations: "nhiều" is not a count | counts are whole numbers`,
		}},
		{"learning models", csv("learning_models.csv", "unit,year,model,achieved,registered,source", "son-la,2024,thôn học tập,5,4,s1"), "", []string{
			`data/tables/learning_models.csv:3:13: model "thôn học tập" is not one of | model: mô hình học tập`,
			`data/tables/learning_models.csv:3:31: achieved (5) is more than registered (4) | are the two columns swapped?`,
		}},
		{"date written day first", csv("members.csv", "unit,year,as_of,members,source", "son-la,2024,15/12/2024,1,s1"), "", []string{
			`data/tables/members.csv:3:13: as_of: "15/12/2024" is not a date | write 2024-12-15`,
		}},
		{"as_of before the year", csv("members.csv", "unit,year,as_of,members,source", "son-la,2024,2023-12-31,1,s1"), "", []string{
			`data/tables/members.csv:3:13: as_of 2023-12-31 is before the year 2024`,
		}},
		{"figure after a merger", csv("members.csv", "unit,year,members,source", "hoa-binh,2025,1,s1"), "", []string{
			`data/tables/members.csv:3:1: Hòa Bình has figures for 2025-12-31 but Hòa Bình existed until 2025-06-30 | report figures after 2025-06-30 under Phú Thọ`,
		}},
		{"figure dated before the merger", csv("members.csv", "unit,year,as_of,members,source", "hoa-binh,2025,2025-06-30,1,s1"), "", nil},
		{"same figure twice", csv("members.csv", "unit,year,members,source", "son-la,2024,1,s1\nSơn La,2024,2,s1"), "", []string{
			`data/tables/members.csv:4:1: the same figure is given twice | line 3 has the same unit`,
		}},
		{"same figure, period left empty", csv("members.csv", "unit,year,period,members,source", "son-la,2024,,1,s1\nson-la,2024,Cả năm,2,s1"), "", []string{
			`data/tables/members.csv:4:1: the same figure is given twice | line 3 has the same unit`,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, ds := loadFiles(c.changes)
			var got []string
			for _, d := range ds {
				if d.Severity == diag.Error && (c.only == "" || d.File == c.only) {
					got = append(got, d.Pos.String()+": "+d.Msg+" | "+d.Hint)
				}
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(got), len(c.want), strings.Join(got, "\n"))
			}
			for i, w := range c.want {
				pos, rest, _ := strings.Cut(w, ": ")
				msg, hint, _ := strings.Cut(rest, " | ")
				g := got[i]
				gotPos, gotRest, _ := strings.Cut(g, ": ")
				gotMsg, gotHint, _ := strings.Cut(gotRest, " | ")
				if gotPos != pos || !strings.HasPrefix(gotMsg, msg) || !strings.Contains(gotHint, hint) || gotHint == "" {
					t.Errorf("error %d:\n got %s\nwant %s", i, g, w)
				}
			}
		})
	}
}

// Meeting files are decoded by decode's fast path, ~10× faster than
// BurntSushi/toml; it is taken only for a zero struct, and a loader that
// filled in a field first once kept every meeting on the slow way
// unnoticed. The allocations tell the ways apart: ~400 a file the slow
// way.
func TestMeetingsTakeTheFastPath(t *testing.T) {
	meeting := baseFiles["data/meetings/2024-12-03-tay-bac.toml"]
	allocs := func(extra int) float64 {
		fsys := fstest.MapFS{}
		for name, text := range baseFiles {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
		for i := range extra {
			fsys[fmt.Sprintf("data/meetings/2024-12-03-tay-bac-%d.toml", i)] = &fstest.MapFile{Data: []byte(meeting)}
		}
		return testing.AllocsPerRun(5, func() {
			if l := (&diag.List{}); Load(fsys, l) == nil || l.HasErrors(false) {
				t.Fatal(l.Items())
			}
		})
	}
	const extra = 40
	if per := (allocs(extra) - allocs(0)) / extra; per > 150 {
		t.Errorf("%.0f allocations a meeting file: not decoded by the fast path?", per)
	} else {
		t.Logf("%.0f allocations a meeting file", per)
	}
}
