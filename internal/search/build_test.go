package search

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/cputime"
)

var (
	corpus10kOnce sync.Once
	corpus10kDocs []Doc
	corpus10kMeta Meta
)

func corpus10k() ([]Doc, Meta) {
	corpus10kOnce.Do(func() { corpus10kDocs, corpus10kMeta = corpus(10000) })
	return corpus10kDocs, corpus10kMeta
}

// BenchmarkBuild10k builds the index of the generated 10,000-article
// site (about 60 MB of text):
//
//	go test -run '^$' -bench 'Build(Ref)?10k' -benchmem ./internal/search/
func BenchmarkBuild10k(b *testing.B) {
	docs, meta := corpus10k()
	b.ReportAllocs()
	cpu := cputime.Used()
	for b.Loop() {
		if _, err := Build(docs, meta); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// reportCPU reports the CPU time per operation since start, as cpu-ms/op.
func reportCPU(b *testing.B, start time.Duration) {
	if start > 0 {
		b.ReportMetric(float64((cputime.Used()-start).Microseconds())/1e3/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkBuildRef10k is BenchmarkBuild10k with the reference builder.
func BenchmarkBuildRef10k(b *testing.B) {
	docs, meta := corpus10k()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := refBuild(docs, meta); err != nil {
			b.Fatal(err)
		}
	}
}

func sameFiles(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d files, want %d", len(got), len(want))
	}
	n := 0
	for _, name := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("missing %s", name)
		case !bytes.Equal(g, want[name]):
			t.Errorf("%s differs:\n got %s\nwant %s", name, clip(g), clip(want[name]))
		default:
			continue
		}
		if n++; n > 5 {
			t.Fatal("too many differences")
		}
	}
}

// TestBuildMatchesReference checks that the builder writes exactly the
// files the reference builder (reference_test.go) writes, on the
// generated corpus, on the query tests' documents, and with text the fast
// path must hand to analyze: decomposed letters, other scripts, invalid
// UTF-8, tone placements, characters JSON escapes.
func TestBuildMatchesReference(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 300
	}
	big, bigMeta := corpus(n)
	small, smallMeta := testDocs()
	odd := oddDocs()
	for _, c := range []struct {
		name string
		docs []Doc
		meta Meta
		opt  Options
	}{
		{"corpus", big, bigMeta, Options{}},
		{"corpus-bits", big, bigMeta, Options{ShardBits: 6}},
		{"query-docs", small, smallMeta, Options{}},
		{"odd", odd, Meta{}, Options{ShardBits: 2}},
		{"huge", hugeDocs(), Meta{}, Options{ShardBits: 4}},
		{"empty", nil, Meta{}, Options{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			want, err := refBuildWith(c.docs, c.meta, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			got, err := BuildWith(c.docs, c.meta, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, got, want)
		})
	}
}

// TestAppendString checks the hand-written JSON strings against
// encoding/json.
func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", "a\"b\\c", "\x00\x01\b\f\n\r\t\x1f\x7f", "\u2028\u2029", "bad \xff\xc3", "Đồng bằng <&>", "\U0001F600"} {
		if got, want := string(appendString(nil, s)), string(marshal(s)); got != want {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	}
}

// TestExcerpt compares excerpt with the reference on texts around the
// cut.
func TestExcerpt(t *testing.T) {
	words := []string{"a", "hội", "khuyến", "học", "Hoa\u0300", "x\u00a0y", "  ", "\t\n", "\xff", "𝔸", "ĐỒNG", "bằng", "-", "…"}
	for i := range 3000 {
		var b strings.Builder
		for j := range i % 1000 {
			b.WriteString(words[(i*7+j*j)%len(words)])
			if (i+j)%3 != 0 {
				b.WriteByte(' ')
			}
		}
		d := Doc{Summary: words[i%len(words)], Body: b.String()}
		if got, want := excerpt(d), refExcerpt(d); got != want {
			t.Fatalf("excerpt(%q)\n = %q\nwant %q", d.Summary+" "+d.Body, got, want)
		}
	}
}

// BenchmarkBuild100k builds the index of a generated 100,000-article
// site (about 600 MB of text). Its peak memory, less that of
// BenchmarkCorpus100k, is what the index costs:
//
//	/usr/bin/time -f '%U %S %M' go test -run '^$' -bench 'Build100k' -benchtime 1x ./internal/search/
func BenchmarkBuild100k(b *testing.B) {
	docs, meta := corpus(100000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(docs, meta); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCorpus100k only generates BenchmarkBuild100k's documents.
func BenchmarkCorpus100k(b *testing.B) {
	for b.Loop() {
		if docs, _ := corpus(100000); len(docs) == 0 {
			b.Fatal("no documents")
		}
	}
}

// TestBuildToStreams checks that BuildTo hands over the same files as
// BuildWith, each once, the manifest last.
func TestBuildToStreams(t *testing.T) {
	docs, meta := corpus(300)
	want, err := BuildWith(docs, meta, Options{ShardBits: 8})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	var last string
	err = BuildTo(docs, meta, Options{ShardBits: 8}, func(name string, data []byte) {
		if _, ok := got[name]; ok {
			t.Errorf("%s emitted twice", name)
		}
		got[name], last = data, name
	})
	if err != nil {
		t.Fatal(err)
	}
	if last != ManifestFile {
		t.Errorf("last file %s, want the manifest", last)
	}
	sameFiles(t, got, want)
}

// oddDocs are documents whose text the fast path must hand to analyze:
// decomposed letters, other scripts, invalid UTF-8, tone placements,
// characters JSON escapes, a term with more variants than a mask holds.
func oddDocs() []Doc {
	odd := []Doc{
		{URL: "/a/", Type: "tin-tuc", Title: "Hoa\u0300 Bi\u0300nh ĐỒNG BẰNG", Body: "Thanh Hoá, thuỷ, khoẻ, hoạ; Thuý quý quà hoà2 hoà-bình x\u0301"},
		{URL: "/b/", Type: "tinh", Title: "İstanbul ǅemal ﬁn ΑΒΓ 日本語 한국어 \u1100\u1161", Body: "bad \xff\xfe utf8 \u2028 line\u2029 \"quoted\" \\ back\ttab\x01ctl \u00a0nbsp \u2000quad"},
		{URL: "/c/\"q\"/", Type: "other", Title: "<b>&amp;</b>", Date: "2020-02-03", Cluster: "x", Summary: "Ωmega ℌ ＡＢＣ", People: []string{"Nguyễn Văn A", "Trần Thị B"}, Place: "Hà Nội"},
		{URL: "/d/", Type: "tin-tuc", Title: "hoa hóa hòa họa hỏa hõa hoá hoà hoạ hoả hoã huỳnh", Body: "hoa hóa hòa HOÀ Họa 𝔸𝔹 \ue000 \U0001F600 e\u0301"},
	}
	for i := range 40 { // a term with more variants than a mask holds
		odd = append(odd, Doc{URL: fmt.Sprintf("/v/%d/", i), Type: "tin-tuc", Title: strings.Repeat(string(rune('a'+i%3)), 1) + string(rune(0x1EA0+i)) + " x", Body: "lặp lại " + string(rune(0xC0+i))})
	}
	return odd
}

// hugeDocs are documents with more term or pair hits than a pairSet slot
// holds (maxSetHits), between ordinary ones: one with as many different
// words, one with as many different pairs of a few hundred words.
func hugeDocs() []Doc {
	r := rand.New(rand.NewPCG(7, 8))
	var words, pairs strings.Builder
	for i := range maxSetHits + 5000 {
		fmt.Fprintf(&words, "w%d ", i%(maxSetHits+1000))
	}
	for range 3 * maxSetHits {
		fmt.Fprintf(&pairs, "p%d ", r.IntN(400))
	}
	return []Doc{
		{URL: "/a/", Type: "tin-tuc", Title: "w1 w2 p3 p4", Body: "w1 w2 w3 p3 p4 p5"},
		{URL: "/b/", Type: "tin-tuc", Title: "w5 w6", Summary: "w6 w7 w5 w6", Body: words.String()},
		{URL: "/c/", Type: "tin-tuc", Title: "w1 w2", Body: "w2 w1 w2 p4 p3"},
		{URL: "/d/", Type: "tin-tuc", Title: "p1 p2 p1 p2", Body: pairs.String()},
		{URL: "/e/", Type: "tin-tuc", Title: "p2 p1", Body: "p1 p2 p3 w9"},
	}
}

// TestPairSetWraps: the pairs of a document are the same whatever the
// pair set's generation, when it wraps round too (slots left from 65,536
// documents before must not count).
func TestPairSetWraps(t *testing.T) {
	docs, _ := corpus(6)
	d := newDict()
	want, got := new(block), new(block)
	fresh := newAnalyzer(d)
	for i := range docs {
		fresh.doc(&docs[i], docs[i].Body, want)
	}
	a := newAnalyzer(d)
	a.doc(&docs[5], docs[5].Body, new(block)) // slots of generation 1
	a.docPairs.gen = 0xFFFF                   // the first document wraps round
	for i := range docs {
		a.doc(&docs[i], docs[i].Body, got)
	}
	if a.docPairs.gen != uint16(len(docs)) {
		t.Fatalf("generation %d: did not wrap", a.docPairs.gen)
	}
	if !slices.Equal(got.pairs, want.pairs) || !slices.Equal(got.pairFlags, want.pairFlags) || !slices.Equal(got.pairEnd, want.pairEnd) {
		t.Error("the pairs differ once the generation wraps")
	}
}

// TestSortRanked: the radix sort of pairs by rank is a sort.
func TestSortRanked(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 100, 255, 256, 5000, 100_000} {
		for _, bits := range []uint{9, 11, 22, 23, 34} {
			if n > 1<<bits {
				continue
			}
			perm := r.Perm(1 << min(bits, 20))
			ks := make([]rankedPair, n)
			for i := range ks {
				ks[i] = rankedPair{uint64(perm[i]) | uint64(r.IntN(1<<(bits-min(bits, 20))))<<20, uint32(i)}
			}
			want := slices.Clone(ks)
			slices.SortFunc(want, func(a, b rankedPair) int { return cmp.Compare(a.rank, b.rank) })
			sortRanked(ks, bits)
			if !slices.Equal(ks, want) {
				t.Fatalf("%d pairs of %d bits: not sorted", n, bits)
			}
		}
	}
}
