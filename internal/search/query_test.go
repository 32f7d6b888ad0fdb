package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"testing"
)

// testDocs is a small site whose pages differ in the ways the ranking
// cares about.
func testDocs() ([]Doc, Meta) {
	docs := []Doc{
		{
			URL: "/tin-tuc/giao-ban-tay-bac-2024/", Type: "tin-tuc", Date: "2024-12-04", Cluster: "tay-bac",
			Title:   "Hội nghị giao ban Cụm thi đua Tây Bắc năm 2024",
			Summary: "Các tỉnh Tây Bắc họp tại Hòa Bình, điểm lại quỹ khuyến học và mô hình học tập.",
			Body:    "Ngày 4/12/2024, hội khuyến học sáu tỉnh Tây Bắc dự hội nghị giao ban cụm. Quỹ khuyến học của Sơn La đạt hơn 50 tỷ đồng.",
			Place:   "Hòa Bình", People: []string{"Nguyễn Văn Hùng", "Lê Thị Thu"},
		},
		{
			URL: "/tin-tuc/giao-luu-ban-to-chuc/", Type: "tin-tuc", Date: "2025-01-10", Cluster: "bac-trung-bo",
			Title:   "Giao lưu tại hội nghị",
			Summary: "Ban tổ chức báo cáo kết quả giao lưu; hội nghị cũng bàn kế hoạch.",
			Body:    "Hội nghị nghe ban tổ chức trình bày. Các đại biểu giao lưu cuối buổi.",
		},
		{
			URL: "/tin-tuc/dong-bang-song-hong/", Type: "tin-tuc", Date: "2022-08-18", Cluster: "dong-bang-song-hong-3",
			Title:   "Giao ban Cụm 3 đồng bằng sông Hồng",
			Summary: "Tám tỉnh, thành phố ĐỒNG BẰNG sông Hồng bàn sáu vấn đề.",
			Body:    "Quỹ khuyến học Bắc Ninh 120 tỷ đồng; Thái Bình 107 tỷ 773 triệu đồng.",
		},
		{
			URL: "/tinh/hoa-binh/", Type: "tinh", Title: "Hòa Bình",
			Body: "Tỉnh Hòa Bình thuộc Cụm thi đua Tây Bắc cho đến khi sáp nhập.",
		},
		{
			URL: "/tin-tuc/hoa-binh-khong-dau/", Type: "tin-tuc", Date: "2025-03-01",
			Title: "Tin Hoa Binh",
			Body:  "Bai viet go khong dau ve Hoa Binh va quy khuyen hoc.",
		},
		{
			URL: "/tin-tuc/hoa-binh-nfd/", Type: "tin-tuc", Date: "2021-05-05", Cluster: "tay-bac",
			Title: "Tin ve\u0302\u0300 Hoa\u0300 Bi\u0300nh", // NFD, new tone placement
			Body:  "Hoà Bình trao 300 suất học bổng.",
		},
		{
			URL: "/hoi-nghi/2023-11-24-ha-tinh-phia-nam/", Type: "hoi-nghi", Date: "2023-11-24", Cluster: "ha-tinh-phia-nam",
			Title:   "Hội nghị tổng kết công tác khuyến học 2023",
			Summary: "Cụm phía nam Hà Tĩnh tổng kết năm.",
			People:  []string{"Trần Văn Bình"},
			Place:   "Kỳ Anh",
		},
		{
			URL: "/cum-thi-dua/tay-bac/", Type: "cum-thi-dua", Cluster: "tay-bac",
			Title: "Cụm thi đua khuyến học Tây Bắc",
			Body:  "Sáu tỉnh: Điện Biên, Lai Châu, Lào Cai, Sơn La, Yên Bái, Hòa Bình. Hội nghị giao ban mỗi năm.",
		},
	}
	meta := Meta{ClusterNames: map[string]string{
		"tay-bac":               "Cụm thi đua khuyến học Tây Bắc",
		"bac-trung-bo":          "Cụm thi đua khuyến học các tỉnh Bắc Trung Bộ",
		"dong-bang-song-hong-3": "Cụm III các tỉnh, thành phố đồng bằng sông Hồng",
		"ha-tinh-phia-nam":      "Cụm khuyến học phía nam tỉnh Hà Tĩnh",
	}}
	return docs, meta
}

func buildTest(t testing.TB) map[string][]byte {
	t.Helper()
	docs, meta := testDocs()
	files, err := Build(docs, meta)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func urls(rs []Result) []string {
	var u []string
	for _, r := range rs {
		u = append(u, r.URL)
	}
	return u
}

func rank(rs []Result, url string) int {
	return slices.IndexFunc(rs, func(r Result) bool { return r.URL == url })
}

func TestFoldedMatches(t *testing.T) {
	files := buildTest(t)
	for _, c := range []struct{ q, want string }{
		{"khuyen hoc", "/tin-tuc/giao-ban-tay-bac-2024/"},
		{"dong bang", "/tin-tuc/dong-bang-song-hong/"},
		{"DONG BANG", "/tin-tuc/dong-bang-song-hong/"},
		{"đồng bằng", "/tin-tuc/dong-bang-song-hong/"},
		{"Đo\u0302\u0300ng ba\u0306\u0300ng ", "/tin-tuc/dong-bang-song-hong/"}, // NFD
		{"hoà bình", "/tinh/hoa-binh/"},
		{"tran van binh", "/hoi-nghi/2023-11-24-ha-tinh-phia-nam/"}, // people
		{"ky anh", "/hoi-nghi/2023-11-24-ha-tinh-phia-nam/"},        // place
		{"107", "/tin-tuc/dong-bang-song-hong/"},
	} {
		rs := Query(files, c.q, Filter{})
		if rank(rs, c.want) < 0 {
			t.Errorf("%q: %s not found in %v", c.q, c.want, urls(rs))
		}
	}
	if rs := Query(files, "khuyen hoc xyzzy", Filter{}); len(rs) != 0 {
		t.Errorf("every word must match: got %v", urls(rs))
	}
	if rs := Query(files, " ,.!", Filter{}); len(rs) != 0 {
		t.Errorf("no words: got %v", urls(rs))
	}
}

func TestPhraseFirst(t *testing.T) {
	files := buildTest(t)
	rs := Query(files, "hội nghị giao ban", Filter{})
	phrase, apart := rank(rs, "/tin-tuc/giao-ban-tay-bac-2024/"), rank(rs, "/tin-tuc/giao-luu-ban-to-chuc/")
	if phrase < 0 || apart < 0 || phrase > apart {
		t.Fatalf("the phrase (at %d) must rank above the words apart (at %d): %v", phrase, apart, urls(rs))
	}
	if rs[phrase].Rank[0] != 3 {
		t.Errorf("phrase document has %d adjacent pairs, want 3", rs[phrase].Rank[0])
	}
	// The apart document is newer and has "hội nghị" in its title: only
	// the phrase puts it below.
	if rs[apart].Rank[3] < rs[phrase].Rank[3]-16 {
		t.Logf("field weights: phrase %v, apart %v", rs[phrase].Rank, rs[apart].Rank)
	}
}

func TestExactAboveFolded(t *testing.T) {
	files := buildTest(t)
	rs := Query(files, "Hòa Bình ", Filter{})
	exact := []string{"/tinh/hoa-binh/", "/tin-tuc/hoa-binh-nfd/", "/tin-tuc/giao-ban-tay-bac-2024/"}
	folded := rank(rs, "/tin-tuc/hoa-binh-khong-dau/")
	if folded < 0 {
		t.Fatalf("the folded-only match is missing: %v", urls(rs))
	}
	for _, u := range exact {
		if i := rank(rs, u); i < 0 || i > folded {
			t.Errorf("%s (at %d) must rank above the folded-only match (at %d): %v", u, i, folded, urls(rs))
		}
	}
	// The old placement in the query is the same word.
	if got := urls(Query(files, "Hoà Bình ", Filter{})); !slices.Equal(got, urls(rs)) {
		t.Errorf("Hoà Bình gives %v, Hòa Bình %v", got, urls(rs))
	}
	// Typed without diacritics, no spelling is preferred: the ranking is
	// by phrase, fields and date alone.
	plain := Query(files, "hoa binh ", Filter{})
	for _, r := range plain {
		if r.Rank[1] != 0 {
			t.Errorf("%s: %d exact words for a query without diacritics", r.URL, r.Rank[1])
		}
	}
}

func TestPrefix(t *testing.T) {
	files := buildTest(t)
	rs := Query(files, "giao b", Filter{})
	if len(rs) == 0 || rs[0].URL != "/tin-tuc/giao-ban-tay-bac-2024/" && rs[0].URL != "/cum-thi-dua/tay-bac/" {
		t.Fatalf("giao b: %v", urls(rs))
	}
	if rs[0].Rank[0] != 1 {
		t.Errorf("giao b: the completion giao ban should count as a phrase: %v", rs[0].Rank)
	}
	if !hasMark(rs[0].TitleSegs, "ban") && !hasMark(rs[0].Snippet, "ban") {
		t.Errorf("the completion is not marked: %+v %+v", rs[0].TitleSegs, rs[0].Snippet)
	}
	// With a space after it, b is a word of its own, and there is none.
	if rs := Query(files, "giao b ", Filter{}); len(rs) != 0 {
		t.Errorf("giao b + space: %v", urls(rs))
	}
	// A prefix with diacritics prefers the spellings it begins.
	rs = Query(files, "khuyến họ", Filter{})
	if len(rs) == 0 || rs[0].Rank[1] != 2 {
		t.Errorf("khuyến họ: %v", rs)
	}
	for _, r := range Query(files, "khuyến h", Filter{}) {
		if r.Rank[1] > 1 {
			t.Errorf("khuyến h: %s has %d exact words; h has no diacritics to match", r.URL, r.Rank[1])
		}
	}
	// The whole word ranks above a completion.
	rs = Query(files, "hoi", Filter{})
	if len(rs) == 0 || rs[0].Rank[2] != 1 {
		t.Errorf("hoi: %v", rs)
	}
}

func hasMark(segs []Segment, word string) bool {
	for _, s := range segs {
		if s.Mark && strings.EqualFold(s.Text, word) {
			return true
		}
	}
	return false
}

func TestFilters(t *testing.T) {
	files := buildTest(t)
	all := Query(files, "khuyến học", Filter{})
	for _, c := range []struct {
		f    Filter
		want []string
	}{
		{Filter{Type: "hoi-nghi"}, []string{"/hoi-nghi/2023-11-24-ha-tinh-phia-nam/"}},
		{Filter{Type: "cum-thi-dua"}, []string{"/cum-thi-dua/tay-bac/"}},
		{Filter{Cluster: "tay-bac"}, []string{"/tin-tuc/giao-ban-tay-bac-2024/", "/cum-thi-dua/tay-bac/"}},
		{Filter{Cluster: "tay-bac", Type: "tin-tuc"}, []string{"/tin-tuc/giao-ban-tay-bac-2024/"}},
		{Filter{Year: 2023}, []string{"/hoi-nghi/2023-11-24-ha-tinh-phia-nam/"}},
		{Filter{Year: 2022, Cluster: "dong-bang-song-hong-3"}, []string{"/tin-tuc/dong-bang-song-hong/"}},
		{Filter{Year: 1999}, nil},
		{Filter{Type: "khong-co"}, nil},
		{Filter{Cluster: "khong-co"}, nil},
	} {
		got := urls(Query(files, "khuyến học", c.f))
		want := slices.DeleteFunc(urls(all), func(u string) bool { return !slices.Contains(c.want, u) })
		if !slices.Equal(got, want) || len(got) != len(c.want) {
			t.Errorf("%+v: got %v, want %v", c.f, got, c.want)
		}
	}
}

func TestNewestFirstOnTies(t *testing.T) {
	docs := []Doc{
		{URL: "/a/", Type: "tin-tuc", Title: "Học bổng", Date: "2020-01-01"},
		{URL: "/b/", Type: "tin-tuc", Title: "Học bổng", Date: "2024-01-01"},
		{URL: "/c/", Type: "tinh", Title: "Học bổng"},
		{URL: "/d/", Type: "tin-tuc", Title: "Học bổng", Date: "2022-06-30"},
	}
	files, err := Build(docs, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := urls(Query(files, "hoc bong", Filter{})), []string{"/b/", "/d/", "/a/", "/c/"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestResultDisplay(t *testing.T) {
	files := buildTest(t)
	rs := Query(files, "quỹ khuyến học", Filter{})
	i := rank(rs, "/tin-tuc/giao-ban-tay-bac-2024/")
	if i < 0 {
		t.Fatal("not found")
	}
	r := rs[i]
	if r.Title != "Hội nghị giao ban Cụm thi đua Tây Bắc năm 2024" || r.Date != "2024-12-04" || r.Type != "tin-tuc" || r.Cluster != "tay-bac" {
		t.Errorf("metadata: %+v", r)
	}
	var marked []string
	var text strings.Builder
	for _, s := range r.Snippet {
		text.WriteString(s.Text)
		if s.Mark {
			marked = append(marked, s.Text)
		}
	}
	if !slices.Contains(marked, "quỹ") || !slices.Contains(marked, "khuyến") || !slices.Contains(marked, "học") {
		t.Errorf("marked %q in %q", marked, text.String())
	}
	// A snippet starting mid-text says so.
	long := strings.Repeat("Một hai ba bốn năm sáu bảy tám chín mười. ", 5) + "Quỹ khuyến học ở cuối. " + strings.Repeat("x ", 60)
	segs := highlight(excerpt(Doc{Body: long}), func(f string) bool { return f == "quy" }, true)
	if segs[0].Text[:len("…")] != "…" || !segs[1].Mark && !hasMark(segs, "Quỹ") || !strings.HasSuffix(segs[len(segs)-1].Text, "…") {
		t.Errorf("window: %+v", segs)
	}
}

func TestDeterministic(t *testing.T) {
	docs, meta := testDocs()
	a, err := Build(docs, meta)
	if err != nil {
		t.Fatal(err)
	}
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	b, err := Build(docs, meta)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Fatal("two builds of the same documents differ")
	}
	// Bigger, with directory pages and many shards.
	big, meta := corpus(200)
	c, _ := BuildWith(big, meta, Options{ShardBits: 9})
	d, _ := BuildWith(slices.Clone(big), meta, Options{ShardBits: 9})
	if !maps.EqualFunc(c, d, bytes.Equal) {
		t.Fatal("two builds of the same corpus differ")
	}
	for name, b := range c {
		if name == ManifestFile {
			if !json.Valid(b) {
				t.Error("manifest is not JSON")
			}
			continue
		}
		sum := sha256.Sum256(b)
		if want := hex.EncodeToString(sum[:5]) + ".json"; path.Base(name) != want {
			t.Errorf("%s: content hash is %s", name, want)
		}
		if !json.Valid(b) {
			t.Errorf("%s is not JSON", name)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	for _, docs := range [][]Doc{
		{{URL: ""}},
		{{URL: "/a/"}, {URL: "/a/"}},
		{{URL: "/a/", Date: "4/12/2024"}},
		{{URL: "/a/", Date: "2024-12-04", Year: 2023}},
	} {
		if _, err := Build(docs, Meta{}); err == nil {
			t.Errorf("%+v: no error", docs)
		}
	}
	if files, err := Build(nil, Meta{}); err != nil || len(Query(files, "a", Filter{})) != 0 {
		t.Errorf("empty site: %v", err)
	}
}

// withBudget returns files whose manifest allows budget extra shards.
func withBudget(t testing.TB, files map[string][]byte, budget int) map[string][]byte {
	var m map[string]any
	if err := json.Unmarshal(files[ManifestFile], &m); err != nil {
		t.Fatal(err)
	}
	m["budget"] = budget
	out := maps.Clone(files)
	out[ManifestFile] = marshal(m)
	return out
}

// With a tight budget the last word completes only after the word
// before: the phrase matches are still found, first.
func TestPrefixOverBudget(t *testing.T) {
	docs, meta := corpus(300)
	files, err := BuildWith(docs, meta, Options{ShardBits: 10})
	if err != nil {
		t.Fatal(err)
	}
	full := Query(files, "giao b", Filter{})
	s := newSession(func(name string) ([]byte, error) { return files[Dir+name], nil })
	if _, err := s.manifest(); err != nil {
		t.Fatal(err)
	}
	p, err := s.plan("giao b")
	if err != nil || p.mode != modeFull {
		t.Fatalf("mode %d, %v; want the full mode", p.mode, err)
	}
	// A budget that takes the pairs "giao b…" but not the terms "b…".
	budget := p.phi - p.plo
	if p.hi-p.lo <= budget {
		t.Fatalf("the corpus does not separate the budgets: terms %d–%d, pairs %d–%d", p.lo, p.hi, p.plo, p.phi)
	}
	tight := withBudget(t, files, budget)
	s = newSession(func(name string) ([]byte, error) { return tight[Dir+name], nil })
	if _, err := s.manifest(); err != nil {
		t.Fatal(err)
	}
	if p, err = s.plan("giao b"); err != nil || p.mode != modePair || !p.pairRange {
		t.Fatalf("mode %d, pairs %v, %v; want the pair mode", p.mode, p.pairRange, err)
	}
	pair := Query(tight, "giao b", Filter{})
	if len(pair) == 0 || len(pair) > len(full) {
		t.Fatalf("pair mode: %d results, full: %d", len(pair), len(full))
	}
	// The same documents as the phrase matches of the full mode, which
	// rank first there.
	var phrase []string
	for i, r := range full {
		if r.Rank[0] == 1 {
			if i != len(phrase) {
				t.Fatalf("full mode: a phrase match at %d after a non-phrase one", i)
			}
			phrase = append(phrase, r.URL)
		}
	}
	got := urls(pair)
	slices.Sort(got)
	slices.Sort(phrase)
	if !slices.Equal(got, phrase) {
		t.Errorf("pair mode found %d documents, full mode %d phrase matches", len(got), len(phrase))
	}
	// One word over budget is matched whole.
	p, _ = s.plan("gia")
	if p.mode != modeWord {
		t.Errorf("one word: mode %d", p.mode)
	}
}
