package site

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// The editors' safety net (issue #3): testdata/errors is a small site with
// one mistake planted in each spot marked "Mistake:", the mistakes editors
// make. Loading it must report every one of them at its file, line and
// column, with a hint saying what to do; testdata/errors/want.txt is what the
// editor sees. Fixing them one by one, as an editor would, must end in a
// site that builds.

const (
	errorsSite   = "testdata/errors"
	errorsGolden = "testdata/errors/want.txt"
)

// The -update flag rewrites golden files. It is looked up rather than
// declared twice if another test file of the package declares it too.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// readSiteTree reads a site folder into memory with the repository's
// default theme laid over it at themes/default, so fixtures need not carry
// a copy of the theme and tests can edit files without touching the disk.
func readSiteTree(t testing.TB, dir string) fstest.MapFS {
	t.Helper()
	tree := fstest.MapFS{}
	copyTree := func(root, prefix string, skip func(string) bool) {
		src := os.DirFS(root)
		err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || skip(p) {
				return err
			}
			b, err := fs.ReadFile(src, p)
			if err != nil {
				return err
			}
			tree[path.Join(prefix, p)] = &fstest.MapFile{Data: b, Mode: 0o644}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	copyTree(dir, ".", func(p string) bool { return p == "want.txt" })
	copyTree("../../themes/default", "themes/default", func(string) bool { return false })
	return tree
}

// editorView renders diagnostics as the command line prints them: position,
// message, the source line with a caret under the column, and the hint.
func editorView(l *diag.List, fsys fs.FS) string {
	l.AttachSources(fsys)
	var b strings.Builder
	for _, d := range l.Sorted() {
		b.WriteString(diag.Format(d))
	}
	// learning_models.csv is not UTF-8 on purpose; keep the golden file text.
	return strings.ToValidUTF8(b.String(), "\uFFFD")
}

func TestEditorMistakes(t *testing.T) {
	tree := readSiteTree(t, errorsSite)
	s, l := Load(tree, Options{})
	got := editorView(l, tree)

	if updateGolden() {
		if err := os.WriteFile(errorsGolden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(errorsGolden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestEditorMistakes -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("diagnostics differ from %s (go test -run TestEditorMistakes -update rewrites it):\n%s",
			errorsGolden, lineDiff(string(want), got))
	}

	markers := 0
	for name, f := range tree {
		if !strings.HasPrefix(name, "themes/") {
			markers += bytes.Count(f.Data, []byte("Mistake:"))
		}
	}
	if markers != len(editorFixes) {
		t.Errorf("the tree has %d Mistake: markers but editorFixes fixes %d mistakes; keep them in step", markers, len(editorFixes))
	}
	if markers < 30 {
		t.Errorf("only %d planted mistakes; the safety net needs at least 30", markers)
	}

	spots := map[string]bool{}
	for _, d := range l.Items() {
		if d.Severity != diag.Error {
			continue
		}
		spots[d.Pos.String()] = true
		if d.Hint == "" {
			t.Errorf("%s: %s: an error without a hint leaves the editor guessing", d.Pos, d.Msg)
		}
		if d.File == "" {
			t.Errorf("%s: error without a file", d.Msg)
		}
	}
	if len(spots) < len(editorFixes) {
		t.Errorf("%d mistakes reported at only %d distinct places", len(editorFixes), len(spots))
	}

	// The semicolon file with a byte order mark and CRLF line ends is
	// valid: it is read in full and reports nothing.
	const valid = "data/tables/scholarships.csv"
	raw := tree[valid].Data
	if !bytes.HasPrefix(raw, []byte("\uFEFF")) || !bytes.Contains(raw, []byte(";")) || !bytes.Contains(raw, []byte("\r\n")) {
		t.Fatalf("%s lost its BOM, semicolons or CRLF (check .gitattributes)", valid)
	}
	for _, d := range l.Items() {
		if d.File == valid {
			t.Errorf("valid file reported: %s", d)
		}
	}
	if n := len(s.Data.Scholarships); n != 3 {
		t.Fatalf("%s: read %d rows, want 3", valid, n)
	}
	row := s.Data.Scholarships[1]
	if row.Unit.ID() != "dien-bien" || row.Amount.String() != "gần 1,5 tỷ đồng" || row.Count.String() != "hơn 1.000" || row.Note != "Số liệu ước; đã làm tròn" {
		t.Errorf("%s row 2 = %+v", valid, row)
	}
}

// fix is one correction an editor makes: replace the only occurrence of old
// with new in file, or, when old is empty, delete the file.
type fix struct {
	file, old, new string
	what           string // the mistake, in words
}

// editorFixes lists every planted mistake with its correction, in an
// order an editor could follow. Each fix must lower the number of errors.
var editorFixes = []fix{
	{"site.toml", `per_page = "mười"`, `per_page = 10`, "wrong type: a number written as text"},
	{"site.toml", `url = "du-lieu/"`, `url = "/du-lieu/"`, "menu url without a leading /"},
	{"data/province.toml", "", "", "file khuyenhoc does not read (province.toml for provinces.toml)"},

	{"data/sources.toml", `article = "2022-08-18-cum-3-giao-ban"`, `article = "2022-08-18-cum-iii-giao-ban"`, "unknown article in a source"},
	{"data/sources.toml", `url = "www.`, `url = "https://www.`, "source url without https://"},
	{"data/sources.toml", `id = "khhb-2024-12-04"
publication = "Trang tin`, `id = "ky-anh-2023-11-24"
publication = "Trang tin`, "duplicate source id"},
	{"data/sources.toml", `date = "2025-02-30"`, `date = "2025-12-13"`, "impossible quoted date"},
	{"data/sources.toml", `publication = "Quốc hội"`, `publication = "Quốc hội"
title = "Nghị quyết số 202/2025/QH15 về việc sắp xếp đơn vị hành chính cấp tỉnh"`, "missing required key (source title)"},

	{"data/provinces.toml", `id = "Bac Giang"`, `id = "bac-giang"`, "id not in lower-case-with-hyphens"},
	{"data/provinces.toml", `merged_into = "ninh-binhh"`, `merged_into = "ninh-binh"`, "merged_into an unknown province"},
	{"data/provinces.toml", `id = "son-la"
name = "Cao Bằng"`, `id = "cao-bang"
name = "Cao Bằng"`, "duplicate province id"},
	{"data/provinces.toml", `alias = [`, `aliases = [`, "unknown key, with suggestion"},
	{"data/provinces.toml", `sources = "nq-202-2025"`, `sources = ["nq-202-2025"]`, "wrong type: text for a list"},
	{"data/provinces.toml", `name = "Nghệ An"`, `name = "Nghệ An"
kind = "tỉnh"`, "missing required key (province kind)"},
	{"data/provinces.toml", `kind = "tinh"`, `kind = "tỉnh"`, "kind not one of the allowed values"},

	{"data/clusters.toml", `province = "Hòa Bình"`, `province = "Hòa Bình"
  to = 2025-06-30`, "member after the province ceased to exist (Hòa Bình after 2025-06-30)"},
	{"data/clusters.toml", `  # Mistake: Lai Châu is already listed above, for all time.
  [[cluster.member]]
  province = "Lai Châu"
  from = 2024-01-01
  source = "khhb-2024-12-04"
`, "", "overlapping membership periods"},
	{"data/clusters.toml", `province = "Phú Thọa"`, `province = "Phú Thọ"`, "unknown province in a member, with suggestion"},
	{"data/clusters.toml", `form = 2021-01-01`, `from = 2021-01-01`, "unknown key in a nested table, with suggestion"},
	{"data/clusters.toml", `source = "gdtd-2022-08-81"`, `source = "gdtd-2022-08-18"`, "unknown source in a member"},
	{"data/clusters.toml", "  to = 2020-12-31\n", "", "membership ends before it starts"},
	{"data/clusters.toml", `province = "ha-tinh"
  unit = "Hội Khuyến học huyện Kỳ Anh"`, `province = "ha-tinh"`, "member with both province and unit"},
	{"data/clusters.toml", `id = "tay-bac"
name = "Cụm khuyến học phía nam tỉnh Hà Tĩnh"`, `id = "ha-tinh-phia-nam"
name = "Cụm khuyến học phía nam tỉnh Hà Tĩnh"`, "duplicate cluster id"},

	{"data/meetings/2024-12-03-tay-bac.toml", `kind = "giao bang"`, `kind = "giao ban"`, "meeting kind not allowed, with suggestion"},
	{"data/meetings/2024-12-03-tay-bac.toml", `"2024-12-06-tay-bac-bao-lu",`, `"2024-12-06-tay-bac-bao-lu-yagi",`, "unknown article in a meeting (second line of a list)"},
	{"data/meetings/2024-12-03-tay-bac.toml", `role = "chủ tri"`, `role = "chủ trì"`, "role not allowed, with suggestion"},
	{"data/meetings/2024-12-03-tay-bac.toml", `name = "Nguyễn Duy Nghĩa"`, `name = "Nguyễn Duy Nghĩa"
title = "Chủ tịch Hội Khuyến học huyện Cao Phong"`, "missing required key (person title)"},
	{"data/meetings/2024-12-03-tay-bac.toml", `count = "chín"`, `count = 9`, "wrong type: a count in words"},
	{"data/meetings/2025-12-13-bac-trung-bo.toml", `cluster = "bac-trung-boo"`, `cluster = "bac-trung-bo"`, "unknown cluster, with suggestion"},
	{"data/meetings/2025-12-13-bac-trung-bo.toml", `host = "Hòa Bình"`, `host = "Thanh Hóa"`, "host that no longer existed on the meeting day"},
	{"data/meetings/2023-05-10-tay-bac-so-ket.toml", `place = Điện Biên`, `place = "Điện Biên"`, "TOML syntax: text without quotes"},
	{"data/meetings/2025-02-28-bac-trung-bo-so-ket.toml", `date = 2025-02-30`, `date = 2025-02-28`, "impossible TOML date literal"},
	{"data/meetings/2021-12-20-tay-bac.toml", `schema = 2`, `schema = 1`, "schema newer than supported"},
	{"data/meetings/2023-12-15-tay-bac.toml", "is missing.\n", "is missing.\nschema = 1\n", "schema version missing"},
	{"data/meetings/2024-12-03-tay-bac-ban-sao.toml", "id = \"2024-12-03-tay-bac\"\n", "", "duplicate meeting id"},
	{"data/meetings/ghi-chu.txt", "", "", "a file that is not .toml among the meetings"},

	{"data/tables/funds.csv", `,-107 tỷ,`, `,107 tỉ 773 triệu,`, "negative amount"},
	{"data/tables/funds.csv", `,"95,5",`, `,"gần 95,5 tỉ",`, `"95,5" with no unit in an amount column`},
	{"data/tables/funds.csv", `,chưa rõ,`, `,12 tỷ,`, "non-numeric amount"},
	{"data/tables/funds.csv", `,Quỹ của thành phố, chưa kiểm toán`, `,"Quỹ của thành phố, chưa kiểm toán"`, "row with too many cells"},
	{"data/tables/funds.csv", "\nSơn Lâm,", "\nSơn La,", "unknown province, with suggestion"},
	{"data/tables/funds.csv", `,2024-12-03-taybac,`, `,2024-12-03-tay-bac,`, "unknown meeting, with suggestion"},
	{"data/tables/funds.csv", `,khhb-2024-12-40,`, `,khhb-2024-12-04,`, "unknown source, with suggestion"},
	{"data/tables/funds.csv", "\nhoa-binh,2025,", "\nhoa-binh,2024,", "figure for a province after it ceased to exist"},
	{"data/tables/funds.csv", "\nson-la,202,", "\nson-la,2024,", "year that is not a year"},
	{"data/tables/funds.csv", `,2024-02-30,`, `,2024-12-03,`, "impossible date in a CSV cell"},
	{"data/tables/funds.csv", `ha-tinh,2025,lũy kế,,`, `ha-tinh,2025,lũy kế,2025-12-13,`, "running total without as_of"},
	{"data/tables/funds.csv", "bac-ninh,2022,lũy kế,2022-08-18,quỹ khuyến học,120 tỷ,,2022-08-18-dong-bang-song-hong-3,cdkh-2022-08-18,Nhập hai lần.\n", "", "the same figure twice"},
	{"data/tables/funds.csv", `,học bổng,`, `,quỹ khuyến học,`, "purpose not allowed"},
	{"data/tables/funds.csv", `nghe-an,2025,,,,,,`, `nghe-an,2025,,,,gần 20 tỷ,,`, "row with neither raised nor disbursed"},
	{"data/tables/members.csv", `"129,14"`, `"29,14"`, "percentage over 100"},
	{"data/tables/members.csv", `,"1,2",`, `,"hơn 1,2 triệu",`, "count with a decimal comma and no unit"},
	{"data/tables/associations.csv", `learning_centers`, `learning_centres`, "unknown CSV column, with suggestion"},
	{"data/tables/learning_models.csv", "gia \xf0\xecnh h\xf7c t\xe9p", "gia đình học tập", "CSV file not in UTF-8"},
	{"data/tables/hoi-vien.csv", "", "", "CSV file that is not one of the tables"},

	{"content/news/2022-08-18-cum-iii-giao-ban.md", `sumary =`, `summary =`, "unknown front matter key, with suggestion"},
	{"content/news/2022-08-18-cum-iii-giao-ban.md", `cluster = "dong-bang-song-hong"`, `cluster = "dong-bang-song-hong-3"`, "unknown cluster in an article, with suggestion"},
	{"content/news/2022-08-18-cum-iii-giao-ban.md", `"thai-binhh"`, `"thai-binh"`, "unknown province in an article (second line of a list)"},
	{"content/news/2022-08-18-cum-iii-giao-ban.md", `source = "gdtd-2022-08-81"`, `source = "gdtd-2022-08-18"`, "unknown source in an article"},
	{"content/news/2022-08-19-cum-iii-sau-van-de.md", `meeting = "2022-08-18-dong-bang-song-hong"`, `meeting = "2022-08-18-dong-bang-song-hong-3"`, "unknown meeting in an article"},
	{"content/news/2022-08-19-cum-iii-sau-van-de.md", `tags = "giao ban"`, `tags = ["giao ban"]`, "wrong type in front matter"},
	{"content/news/2022-08-20-cum-iii-ket-luan.md", `cluster = "tay-bac"`, `cluster = "dong-bang-song-hong-3"`, "article cluster differs from its meeting's"},
	{"content/news/2023-11-24-ky-anh.md", "# Mistake: the title is missing.\n", "# Mistake: the title is missing.\ntitle = \"Cụm phía nam Hà Tĩnh tổng kết năm 2023\"\n", "front matter without a title"},
	{"content/news/2024-12-05-tay-bac-ban-nhap.md", "slug = \"2024-12-04-hoi-nghi-giao-ban-cum-tay-bac-2024\"\n", "", "two articles with one URL (slug override)"},
	{"content/news/2025-12-14-bac-trung-bo.md", "\nMistake: the closing", "+++\n\nMistake: the closing", "front matter without closing +++"},
	{"content/news/2025-12-15-bac-trung-bo-nhiem-vu.md", `date = "15/12/2025"`, `date = 2025-12-15`, "front matter with a bad date"},
	{"content/news/ghi-chu.md", "# Ghi chú", "+++\ntitle = \"Ghi chú của ban biên tập\"\ndate = 2025-01-01\nsummary = \"Ghi chú.\"\n+++\n\n# Ghi chú", "article without front matter"},
}

func TestFixMistakesOneByOne(t *testing.T) {
	tree := readSiteTree(t, errorsSite)
	_, l := Load(tree, Options{})
	before, _ := l.Count()
	for i, f := range editorFixes {
		file, ok := tree[f.file]
		if !ok {
			t.Fatalf("fix %d (%s): no file %s", i+1, f.what, f.file)
		}
		if f.old == "" {
			delete(tree, f.file)
		} else {
			if n := bytes.Count(file.Data, []byte(f.old)); n != 1 {
				t.Fatalf("fix %d (%s): %q occurs %d times in %s, want once", i+1, f.what, f.old, n, f.file)
			}
			file.Data = bytes.Replace(file.Data, []byte(f.old), []byte(f.new), 1)
		}
		_, next := Load(tree, Options{})
		after, _ := next.Count()
		if after >= before {
			t.Fatalf("fix %d (%s in %s): %d errors before, %d after; it must lower the count:\n%s",
				i+1, f.what, f.file, before, after, editorView(next, tree))
		}
		if gone := vanished(l, next); !slices.ContainsFunc(gone, func(d diag.Diagnostic) bool { return d.File == f.file }) {
			t.Errorf("fix %d (%s) edits %s but removed no diagnostic there; it removed %v", i+1, f.what, f.file, gone)
		}
		before, l = after, next
	}
	if errs, warns := l.Count(); errs != 0 || warns != 0 {
		t.Fatalf("after every fix: %d errors, %d warnings:\n%s", errs, warns, editorView(l, tree))
	}

	// The fixed site builds: every page renders and every link resolves.
	s, l := Load(tree, Options{})
	if l.HasErrors(true) {
		t.Fatalf("load: %s", editorView(l, tree))
	}
	stats, bl := s.Build(context.Background(), BuildOptions{DryRun: true})
	if bl.HasErrors(true) {
		t.Fatalf("build: %s", editorView(bl, tree))
	}
	if stats.Files == 0 {
		t.Fatal("the fixed site built no files")
	}
}

// vanished returns the diagnostics of before that after no longer has.
func vanished(before, after *diag.List) []diag.Diagnostic {
	left := map[string]int{}
	for _, d := range after.Items() {
		left[d.String()]++
	}
	var gone []diag.Diagnostic
	for _, d := range before.Sorted() {
		if left[d.String()] > 0 {
			left[d.String()]--
			continue
		}
		gone = append(gone, d)
	}
	return gone
}

// lineDiff shows the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, line := range strings.Split(s, "\n") {
			m[line]++
		}
		return m
	}
	w, g := count(want), count(got)
	var b strings.Builder
	for _, line := range strings.Split(want, "\n") {
		if g[line] > 0 {
			g[line]--
			continue
		}
		b.WriteString("- " + line + "\n")
	}
	for _, line := range strings.Split(got, "\n") {
		if w[line] > 0 {
			w[line]--
			continue
		}
		b.WriteString("+ " + line + "\n")
	}
	return b.String()
}
