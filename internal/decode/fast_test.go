package decode_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/cputime"
	"github.com/khuyenhoc/khuyenhoc/internal/data"
	"github.com/khuyenhoc/khuyenhoc/internal/decode"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// The fast path (fast.go) must give exactly what the full way gives. These
// tests decode the same text both ways into the real front matter struct
// and into structs with every kind of field the fast path knows or refuses.

// rec records the value BurntSushi/toml or the fast path hands it.
type rec struct {
	V any
	N int
}

func (r *rec) UnmarshalTOML(v any) error {
	r.V = v
	r.N++
	return nil
}

// picky refuses anything but a string other than "bad".
type picky string

func (p *picky) UnmarshalTOML(v any) error {
	s, ok := v.(string)
	if !ok || s == "bad" {
		return errors.New("picky: not that")
	}
	*p = picky(s)
	return nil
}

type label string

type Base struct {
	Lang string `toml:"lang"`
}

type wideItem struct {
	Src  string     `toml:"src" required:"true"`
	Tags []string   `toml:"tags"`
	R    rec        `toml:"r"`
	N    int16      `toml:"n"`
	Kid  []wideItem `toml:"kid"`
}

type wide struct {
	Base
	Name   string        `toml:"name" required:"true"`
	ID     label         `toml:"id"`
	N8     int8          `toml:"n8"`
	N      int           `toml:"n"`
	U      uint          `toml:"u"`
	F      float64       `toml:"f"`
	B      bool          `toml:"b"`
	R      rec           `toml:"r"`
	P      picky         `toml:"p"`
	D      civil.Date    `toml:"d"`
	Tags   []string      `toml:"tags"`
	Labels []label       `toml:"labels"`
	Item   []wideItem    `toml:"item"`
	Other  []wideItem    `toml:"other"`
	Sub    wideItem      `toml:"sub"`
	Opt    *wideItem     `toml:"opt"`
	Span   civil.Period  `toml:"span"`
	Any    any           `toml:"any"`
	Skip   string        `toml:"-"`
	Dur    time.Duration `toml:"dur"`
}

// compare decodes data into a T both ways and fails on any difference
// where the fast path answered. It reports whether it did. When it gives
// up it must leave the value zero, so TOML then runs exactly the full way;
// with deterministic set, the two runs of the full way are compared too
// (an Unmarshaler that ranges over a map, as content.SourceRef does, may
// report a different key first).
func compare[T any](t *testing.T, data []byte, deterministic bool) bool {
	t.Helper()
	src := diag.NewSource("f.toml", data)
	var probe T
	keys, fast := decode.FastTOML(src, &probe)
	if !fast && !reflect.ValueOf(probe).IsZero() {
		t.Fatalf("%T: the fast path gave up but left %+v", probe, probe)
	}
	if fast && (!utf8.Valid(data) || decode.TooDeep(bytes.TrimPrefix(data, []byte("\uFEFF"))) >= 0) {
		t.Fatalf("%T: the fast path read a document that is not UTF-8 or nested too deep", probe)
	}
	var full, got T
	var lf, lg diag.List
	docFull, okFull := decode.TOMLFull(src, &full, &lf)
	doc, ok := decode.TOML(src, &got, &lg)
	if fast {
		if !okFull || lf.Len() != 0 {
			t.Fatalf("%T: the fast path read a document the full way reports: %v", probe, lf.Items())
		}
		if !same(probe, full) {
			t.Fatalf("%T: values differ\nfast %#v\nfull %#v", probe, probe, full)
		}
		if !reflect.DeepEqual(keys, decode.DocKeys(docFull)) {
			t.Fatalf("%T: key positions differ\nfast %v\nfull %v", probe, keys, decode.DocKeys(docFull))
		}
		checkCaps(t, reflect.ValueOf(probe), reflect.ValueOf(full))
	}
	if fast || deterministic {
		if ok != okFull || !same(got, full) || !reflect.DeepEqual(decode.DocKeys(doc), decode.DocKeys(docFull)) {
			t.Fatalf("%T: TOML and the full way differ\n%#v\n%#v", probe, got, full)
		}
		if g, f := lg.Items(), lf.Items(); !reflect.DeepEqual(g, f) {
			t.Fatalf("%T: diagnostics differ\n%v\n%v", probe, g, f)
		}
	}
	return fast
}

// same is reflect.DeepEqual, but NaN, which an Unmarshaler may be
// handed, equals NaN.
func same(a, b any) bool {
	return reflect.DeepEqual(a, b) || fmt.Sprintf("%#v", a) == fmt.Sprintf("%#v", b)
}

// checkCaps compares slice capacities, which DeepEqual does not.
func checkCaps(t *testing.T, a, b reflect.Value) {
	t.Helper()
	switch a.Kind() {
	case reflect.Struct:
		for i := range a.NumField() {
			checkCaps(t, a.Field(i), b.Field(i))
		}
	case reflect.Slice:
		if a.Cap() != b.Cap() || a.IsNil() != b.IsNil() {
			t.Fatalf("slice %v: cap %d nil %v, full way cap %d nil %v", a.Type(), a.Cap(), a.IsNil(), b.Cap(), b.IsNil())
		}
		for i := range a.Len() {
			checkCaps(t, a.Index(i), b.Index(i))
		}
	}
}

func compareAll(t *testing.T, doc []byte) {
	t.Helper()
	compare[content.FrontMatter](t, doc, false)
	compare[wide](t, doc, true)
	compare[decode.MeetingsFile](t, doc, true)
	compare[data.Meeting](t, doc, true)
}

const typical = `
title = "Huế và Hải Phòng chia sẻ cách làm"
date = 2019-01-28
summary = "Nhiều sáng kiến được nhân rộng, như mô hình \"Tủ sách dòng họ\"."
meeting = "2019-01-25-cum-7-dong-nam-bo"
provinces = ["hue", "ha-nam"]
tags = ["nhiệm kỳ mới", "chuyển đổi số"]
authors = ["Huyền Trang"]
source = "nguon-2019-01-25-cum-7-dong-nam-bo"

[[image]]
src = "/images/anh-3.svg"
alt = "Lớp học tin học"
width = 1200
height = 800
`

// frontMatters returns the front matter of every article under dir, as
// content.Parse hands it to decode.TOML: after a "\n" standing for the
// opening +++, so lines keep their numbers.
func frontMatters(tb testing.TB, dir string, max int) [][]byte {
	tb.Helper()
	var out [][]byte
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") || len(out) >= max {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		if fm, _, _, err := content.SplitFrontMatter(b); err == nil {
			out = append(out, append([]byte("\n"), fm...))
		}
		return nil
	})
	return out
}

func TestFastPathReadsFrontMatter(t *testing.T) {
	docs := append(frontMatters(t, "../../content", 1000), []byte(typical),
		[]byte(strings.ReplaceAll(typical, "\n", "\r\n")),
		[]byte(strings.Replace(typical, `"nguon-2019-01-25-cum-7-dong-nam-bo"`, `{ publication = "Báo Giáo dục", url = "https://example.vn/a" }`, 1)),
		[]byte(strings.Replace(typical, `provinces = ["hue", "ha-nam"]`, "provinces = [\n  \"hue\", # Thừa Thiên Huế\n  'ha-nam',\n]", 1)),
	)
	docs = append(docs, frontMatters(t, "/dev/shm/c10k/content/news", 50)...)
	if len(docs) < 9 {
		t.Fatalf("found %d front matters", len(docs))
	}
	for i, d := range docs {
		if !compare[content.FrontMatter](t, d, false) {
			t.Errorf("front matter %d not read by the fast path:\n%s", i, d)
		}
	}
	var fm content.FrontMatter
	if _, ok := decode.FastTOML(diag.NewSource("a.md", []byte(typical)), &fm); !ok ||
		fm.Title != "Huế và Hải Phòng chia sẻ cách làm" || fm.Date != (civil.Date{Year: 2019, Month: 1, Day: 28}) ||
		len(fm.Images) != 1 || fm.Images[0].Width != 1200 || fm.Source.ID == "" || len(fm.Tags) != 2 {
		t.Errorf("decoded %+v", fm)
	}
}

// typicalMeeting is a meeting file as the corpus generator writes them.
const typicalMeeting = `# Generated by internal/corpus.
schema = 1
cluster = "cum-huyen-9-dak-lak"
kind = "giao ban"
title = "Hội nghị giao ban công tác khuyến học 6 tháng đầu năm 2016 Cụm huyện 9 Đắk Lắk"
date = 2016-01-14
place = "Đắk Lắk"
host = "Hội Khuyến học huyện Gia Hà"
period = { from = 2016-01-01, to = 2016-06-30 }
period_label = "6 tháng đầu năm 2016"
articles = ["2016-01-17-cham-lo-giao-vien-vung-cao-kinh-nghiem-102"]
sources = ["nguon-2016-01-14-cum-huyen-9-dak-lak"]

[[person]]
name = "Phan Văn Bình"
title = "Phó Chủ tịch kiêm Tổng Thư ký Hội Khuyến học Việt Nam"
role = "chỉ đạo"
source = "nguon-2016-01-14-cum-huyen-9-dak-lak"

[[decision]]
text = "Hội nghị thống nhất 5 nhiệm vụ trọng tâm của cụm cho thời gian tới."
count = 5

[handover]
to = "Hội Khuyến học huyện Cẩm Hà"
for = "năm 2017"
source = "nguon-2016-01-14-cum-huyen-9-dak-lak"
`

// Meeting files, with their [handover] table and inline period, are read
// by the fast path too (not the site's own, which use multi-line strings:
// those take the full way, and the two must agree on them).
func TestFastPathReadsMeetings(t *testing.T) {
	var m data.Meeting
	keys, ok := decode.FastTOML(diag.NewSource("m.toml", []byte(typicalMeeting)), &m)
	if !ok || m.Handover == nil || m.Handover.To != "Hội Khuyến học huyện Cẩm Hà" || m.Period.To != (civil.Date{Year: 2016, Month: 6, Day: 30}) ||
		len(m.People) != 1 || m.Decisions[0].Count != 5 ||
		keys["handover"].Line != 24 || keys["handover.for"].Line != 26 || keys["period"].Line != 9 {
		t.Errorf("read %v: %+v %+v, keys %v", ok, m, m.Handover, keys)
	}
	for _, doc := range []string{typicalMeeting, strings.ReplaceAll(typicalMeeting, "\n", "\r\n"),
		strings.Replace(typicalMeeting, "[handover]", "[ handover ] # cờ", 1)} {
		if !compare[data.Meeting](t, []byte(doc), true) {
			t.Errorf("not read by the fast path:\n%s", doc)
		}
	}
	files := glob(t, "../../data/meetings/*.toml")
	own := len(files)
	corpus := glob(t, "/dev/shm/c10k/data/meetings/*.toml")
	files = append(files, corpus[:min(len(corpus), 200)]...)
	for i, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !compare[data.Meeting](t, b, true) && i >= own {
			t.Errorf("%s not read by the fast path", p)
		}
	}
}

// tricky are documents at the edges of the fast path: each is compared
// both ways, and seeds FuzzFastTOML.
var tricky = []string{
	typical,
	"\uFEFF" + typical[1:],
	"name = \"a\"\n" + `id = "\u00e9\U0001F600\t\"\\\b\f\n\r\e\x41\xff"` + "\n",
	"name = \"\\ud800\"\n",
	"name = \"\\u00\"\n",
	"name = \"\\q\"\n",
	"name = \"\"\"\nmulti\"\"\"\n",
	"name = '''x'''\n",
	"name = ''\n",
	"name = \"\"\n",
	"name = \" \"\n",
	"name = 'a\\'\n",
	"name = \"a\"\nname = \"b\"\n",
	"name.first = \"a\"\n",
	"\"name\" = \"a\"\n",
	"name = \"a\"\nunknown = 1\n",
	"name = 1\n",
	"name = \"a\"\nn8 = 300\nn = -0\n",
	"name = \"a\"\nn8 = -128\nn = +1_000\n",
	"name = \"a\"\nn = 1__0\n",
	"name = \"a\"\nn = 0x1F\n",
	"name = \"a\"\nn = 01\n",
	"name = \"a\"\nn = 9223372036854775808\n",
	"name = \"a\"\nf = +inf\nf = nan\n",
	"name = \"a\"\nf = 1.5\n",
	"name = \"a\"\nu = 3\n",
	"name = \"a\"\nb = true\n",
	"name = \"a\"\nb = True\n",
	"name = \"a\"\nd = 2024-02-29\n",
	"name = \"a\"\nd = 2023-02-29\n",
	"name = \"a\"\nd = 2024-12-03T10:00:00\n",
	"name = \"a\"\nd = 2024-12-03 10:00:00\n",
	"name = \"a\"\nd = 2024-12-03T10:00:00+07:00\n",
	"name = \"a\"\nd = 2024-12-03 # hôm đó\n",
	"name = \"a\"\nd = \"2024-12-03\"\n",
	"name = \"a\"\nd = \"15/12/2025\"\n",
	"name = \"a\"\nr = 2024-12-03\n",
	"name = \"a\"\nr = 12\n",
	"name = \"a\"\nr = false\n",
	"name = \"a\"\nr = 'lit'\n",
	"name = \"a\"\nr = { a = 1, b = \"x\", c = 2024-01-01, d = true }\n",
	"name = \"a\"\nr = {}\n",
	"name = \"a\"\nr = { a = 1, a = 2 }\n",
	"name = \"a\"\nr = { a = 1, }\n",
	"name = \"a\"\nr = { a = { b = 1 } }\n",
	"name = \"a\"\nr = { a.b = 1 }\n",
	"name = \"a\"\nr = {\n a = 1 }\n",
	"name = \"a\"\nr = [1, 2]\n",
	"name = \"a\"\np = \"ok\"\n",
	"name = \"a\"\np = \"bad\"\n",
	"name = \"a\"\np = 3\n",
	"name = \"a\"\ntags = []\n",
	"name = \"a\"\ntags = [ ]\n",
	"name = \"a\"\ntags = [\"x\",]\n",
	"name = \"a\"\ntags = [,]\n",
	"name = \"a\"\ntags = [\"x\" , 'y' ]\n",
	"name = \"a\"\ntags = [\n  \"x\", # một, hai\n  'y', # ba]\n\n]\n",
	"name = \"a\"\ntags = [\"x\"\n, \"y\"]\n",
	"name = \"a\"\ntags = [\"x\", 1]\n",
	"name = \"a\"\ntags = [[\"x\"]]\n",
	"name = \"a\"\ntags = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\", \"j\", \"k\", \"l\", \"m\", \"n\", \"o\", \"p\", \"q\", \"r\"]\n",
	"name = \"a\"\nlabels = [\"x\"]\n",
	"name = \"a\"\ntags = \"x\"\n",
	"name = \"a\"\nlang = \"vi\"\n",
	"name = \"a\"\nid = \"x\"\n",
	"name = \"a\"\nany = 1\n",
	"name = \"a\"\nskip = \"x\"\n",
	"name = \"a\"\ndur = 5\n",
	"name = \"a\"\n[sub]\nsrc = \"x\"\n",
	"name = \"a\"\n[[item]]\nsrc = \"x\"\n[[item]]\nsrc = \"y\"\ntags = [\"t\"]\n[[other]]\nsrc = \"z\"\n[[item]]\nsrc = \"w\"\nr = 1\nn = 7\n",
	"name = \"a\"\n[[item]]\nsrc = \"1\"\n[[item]]\nsrc = \"2\"\n[[item]]\nsrc = \"3\"\n[[item]]\nsrc = \"4\"\n[[item]]\nsrc = \"5\"\ntags = [\"a\",\"b\"]\n",
	"name = \"a\"\n[[item]]\n[[item]]\nsrc = \"y\"\n",
	"name = \"a\"\n[[item]]\nsrc = \" \"\n",
	"name = \"a\"\n  [[ item ]]   # một\n  src = \"x\"\n",
	"name = \"a\"\n[[item]]\nsrc = \"x\"\n[[item.kid]]\nsrc = \"y\"\n",
	"name = \"a\"\n[[item ]\nsrc = \"x\"\n",
	"name = \"a\"\n[ [item]]\nsrc = \"x\"\n",
	"name = \"a\"\nitem = []\n",
	"[[item]]\nsrc = \"x\"\n",
	"name = \"a\"\n[[item]]\nsrc = \"x\"\nname = \"b\"\n",
	"name = \"a\"\n[[unknown]]\n",
	"name = \"a\"\n[[name]]\n",
	"\n\n# only a comment\n\tname\t=\t\"a\"\t# tab\n",
	"name = \"a\"\r\nb = true\r\n",
	"name = \"a\"\rb = true\n",
	"name = \"a\"\r",
	"name = \"a\" # \x7f\n",
	"name = \"a\" # \x01\n",
	"name = \"a\" # \u0085\n",
	"name = \"a\x7f\"\n",
	"name = \"a\tb\"\n",
	"name = \"a\" x\n",
	"name = \"a\"x\n",
	"name=\"a\"",
	"name =\n\"a\"\n",
	"name = \"a\"\n= 1\n",
	"name = \"a\"\nΔ = 1\n",
	"name = \"\xff\"\n",
	"name = \"a\" # \xc3\n",
	"name = '\xed\xa0\x80'\n",
	"name = \"\xc0\xaf\"\n",
	"name = \"a\"\n\xff = 1\n",
	"name = \"a\"\nspan = { from = 2024-01-01, to = 2024-12-31 }\n[opt]\nsrc = \"x\"\n[sub]\nsrc = \"y\"\nn = 3\n[[item]]\nsrc = \"z\"\n",
	"name = \"a\"\n[opt]\nsrc = \"x\"\nunknown = 1\n",
	"name = \"a\"\n[opt]\nSrc = \"x\"\n",
	"name = \"a\"\n[opt]\nn = 3\n",
	"name = \"a\"\n[opt]\nsrc = \"x\"\n[opt]\nsrc = \"y\"\n",
	"name = \"a\"\n[opt]\n[[opt.kid]]\nsrc = \"x\"\n",
	"name = \"a\"\nopt = { src = \"x\" }\n",
	"name = \"a\"\nsub = { src = \"x\", n = 2 }\n",
	"name = \"a\"\nsub = { n = 2 }\n",
	"name = \"a\"\nsub = { src = \"x\", src = \"y\" }\n",
	"name = \"a\"\nsub = { src = \"x\", }\n",
	"name = \"a\"\nsub = { src = \"x\", tags = [\"t\"] }\n",
	"name = \"a\"\nsub = { src = \"x\", r = { a = 1 } }\n",
	"name = \"a\"\nspan = {}\n",
	"name = \"a\"\nspan = { from = 2024-13-01 }\n",
	"name = \"a\"\nspan = { from = \"2024-01-01\" }\n",
	"name = \"a\"\nspan = 3\n",
	"name = \"a\"\n[span]\nfrom = 2024-01-01\n",
	"name = \"a\"\n[span]\nfrom = 2024-01-01\n[span]\nto = 2024-01-01\n",
	"name = \"a\"\n[[span]]\nfrom = 2024-01-01\n",
	"name = \"a\"\n[item]\nsrc = \"x\"\n",
	"name = \"a\"\n[ opt ]\nsrc = \"x\"\n",
	"name = \"a\"\n[opt] # c\nsrc = \"x\"\n",
	"name = \"a\"\n[opt.x]\nsrc = \"x\"\n",
	"name = \"a\"\n[opt\nsrc = \"x\"\n",
	"",
	"\n",
}

func TestFastPathAgreesOnTrickyDocuments(t *testing.T) {
	for _, s := range tricky {
		compareAll(t, []byte(s))
	}
	for _, s := range []string{tricky[2], "\n\n# only a comment\n\tname\t=\t\"a\"\t# tab\n"} {
		var w wide
		if _, ok := decode.FastTOML(diag.NewSource("w.toml", []byte(s)), &w); !ok {
			t.Errorf("not read fast: %q", s)
		}
	}
}

// A local date reaches an Unmarshaler in BurntSushi/toml's own location,
// which reflect.DeepEqual would not tell from another of the same name.
func TestFastPathDateLocation(t *testing.T) {
	src := diag.NewSource("w.toml", []byte("name = \"a\"\nr = 2024-12-03\n"))
	var fast, full wide
	if _, ok := decode.FastTOML(src, &fast); !ok {
		t.Fatal("not read fast")
	}
	decode.TOMLFull(src, &full, &diag.List{})
	a, _ := fast.R.V.(time.Time)
	b, _ := full.R.V.(time.Time)
	if a.Location() != b.Location() || !a.Equal(b) || a.IsZero() {
		t.Errorf("fast %v (%p), full %v (%p)", a, a.Location(), b, b.Location())
	}
}

func BenchmarkTOMLFrontMatter(b *testing.B) {
	docs := append(frontMatters(b, "../../content/news", 100), frontMatters(b, "/dev/shm/c10k/content/news", 500)...)
	srcs := make([]*diag.Source, len(docs))
	size := 0
	for i, d := range docs {
		srcs[i] = diag.NewSource("a.md", d)
		size += len(d)
	}
	for _, way := range []struct {
		name   string
		decode func(*diag.Source, any, *diag.List) (*decode.Doc, bool)
	}{{"fast", decode.TOML}, {"full", decode.TOMLFull}} {
		b.Run(way.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size / len(srcs)))
			i := 0
			cpu := cputime.Used()
			for b.Loop() {
				var fm content.FrontMatter
				var l diag.List
				if _, ok := way.decode(srcs[i], &fm, &l); !ok {
					b.Fatal(l.Items())
				}
				if i++; i == len(srcs) {
					i = 0
				}
			}
			b.ReportMetric(float64(cputime.Used()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// FuzzFastTOML compares the fast path with the full way on front matter
// of the site and of the test sites, the tricky documents above, and what
// the fuzzer makes of them.
func FuzzFastTOML(f *testing.F) {
	for _, dir := range append([]string{"../../content", "../../data"}, glob(f, "../*/testdata")...) {
		for _, d := range frontMatters(f, dir, 1000) {
			f.Add(d)
		}
		filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && strings.HasSuffix(p, ".toml") {
				if b, err := os.ReadFile(p); err == nil {
					f.Add(b)
				}
			}
			return nil
		})
	}
	for _, corpus := range []string{"FuzzTOML", "FuzzParseArticle", "FuzzSplitFrontMatter"} {
		for _, p := range glob(f, "../*/testdata/fuzz/"+corpus+"/*") {
			if b, ok := corpusEntry(p); ok {
				f.Add(b)
				if fm, _, _, err := content.SplitFrontMatter(b); err == nil {
					f.Add(append([]byte("\n"), fm...))
				}
			}
		}
	}
	for _, s := range tricky {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compareAll(t, data)
		compareAll(t, genDocument(data))
	})
}

func glob(tb testing.TB, pattern string) []string {
	m, err := filepath.Glob(pattern)
	if err != nil {
		tb.Fatal(err)
	}
	slices.Sort(m)
	return m
}

// corpusEntry reads a one-value file of a Go fuzz corpus.
func corpusEntry(p string) ([]byte, bool) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	_, v, _ := strings.Cut(string(b), "\n")
	v = strings.TrimSpace(v)
	for _, prefix := range []string{"[]byte(", "string("} {
		if rest, ok := strings.CutPrefix(v, prefix); ok {
			if s, err := strconv.Unquote(strings.TrimSuffix(rest, ")")); err == nil {
				return []byte(s), true
			}
		}
	}
	return nil, false
}
