package search

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/cputime"
)

// TestBuilderMatchesBuild checks that a Builder fed the articles' bodies
// one at a time, in any order and from several goroutines, as plain text
// or Markdown, writes exactly the files Build writes from the whole
// documents; an article never added is indexed without a body.
func TestBuilderMatchesBuild(t *testing.T) {
	n := 1500
	if testing.Short() {
		n = 300
	}
	base, meta := corpus(n)
	base = append(base, oddDocs()...)
	// The newest document has its body: the Add of the next one merges it.
	base = append(base, Doc{URL: "/hoi-nghi/moi-nhat/", Type: "hoi-nghi", Title: "Hội nghị mới nhất", Date: "2099-12-31", Body: "Giao ban cụm thi đua."})
	_, num, err := prepare(base)
	if err != nil {
		t.Fatal(err)
	}
	// The deferred documents, and what is added for each: every other
	// one as Markdown, whose text is then MarkdownText's.
	var deferred []int
	md := map[int][]byte{}
	full := slices.Clone(base)
	for i, d := range base {
		if d.Type != "tin-tuc" {
			continue
		}
		deferred = append(deferred, i)
		if len(deferred)%2 == 0 {
			md[i] = []byte("**" + d.Body + "** [liên kết](/x/) `mã`[^1]")
			full[i].Body = MarkdownText(md[i])
		}
	}
	if len(deferred) < 100 {
		t.Fatalf("only %d articles", len(deferred))
	}
	newest := slices.Clone(deferred)
	slices.SortFunc(newest, func(a, b int) int { return cmp.Compare(num[b], num[a]) })
	oldest := slices.Clone(newest)
	slices.Reverse(oldest)
	r := rand.New(rand.NewPCG(1, 2))
	shuffled := slices.Clone(deferred)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	// Newest first, but two at a time as two render workers take them.
	swapped := slices.Clone(newest)
	for i := 0; i+1 < len(swapped); i += 2 {
		swapped[i], swapped[i+1] = swapped[i+1], swapped[i]
	}
	someNever := []int{}
	never := map[int]bool{}
	for k, i := range newest {
		if k%7 == 3 {
			never[i] = true
			continue
		}
		someNever = append(someNever, i)
	}

	opt := Options{ShardBits: 6}
	want, err := BuildWith(full, meta, opt)
	if err != nil {
		t.Fatal(err)
	}
	wantNever := func() map[string][]byte {
		ds := slices.Clone(full)
		for i := range never {
			ds[i].Body = ""
		}
		w, err := BuildWith(ds, meta, opt)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}()
	for _, c := range []struct {
		name    string
		order   []int
		workers int
		want    map[string][]byte
	}{
		{"newest first", newest, 1, want},
		{"oldest first", oldest, 1, want},
		{"shuffled", shuffled, 1, want},
		{"two at a time", swapped, 1, want},
		{"four goroutines, newest first", newest, 4, want},
		{"four goroutines, shuffled", shuffled, 4, want},
		{"some never added", someNever, 2, wantNever},
	} {
		t.Run(c.name, func(t *testing.T) {
			docs := slices.Clone(base)
			for _, i := range deferred {
				docs[i].Deferred = true
				if _, ok := md[i]; ok {
					docs[i].Body = "ignored, as the body comes from Add"
				}
			}
			b, err := NewBuilder(docs, meta, opt)
			if err != nil {
				t.Fatal(err)
			}
			var next atomic.Int64
			var wg sync.WaitGroup
			for range c.workers {
				wg.Go(func() {
					var buf []byte
					for k := int(next.Add(1) - 1); k < len(c.order); k = int(next.Add(1) - 1) {
						i := c.order[k]
						if m, ok := md[i]; ok {
							// The caller's buffer is reused once Add returns.
							buf = append(buf[:0], m...)
							b.AddMarkdown(i, buf)
							for j := range buf {
								buf[j] = 'x'
							}
						} else {
							b.Add(i, base[i].Body)
						}
					}
				})
			}
			wg.Wait()
			if c.workers == 1 && c.name == "newest first" {
				// The documents were analysed addBatch at a time and
				// merged mergeDocs at a time, as they came: what is left
				// for Finish is less than a batch of each.
				if len(b.pending) != len(c.order)%addBatch || len(b.pending) == 0 {
					t.Errorf("%d documents of %d wait for analysis", len(b.pending), len(c.order))
				}
				if len(b.ready) >= mergeDocs+addBatch || len(b.blocks) > 2*mergeDocs+addBatch {
					t.Errorf("%d analyses wait, %d blocks kept, after every body came in order", len(b.ready), len(b.blocks))
				}
			}
			got := map[string][]byte{}
			if err := b.Finish(func(name string, data []byte) { got[name] = data }); err != nil {
				t.Fatal(err)
			}
			sameFiles(t, got, c.want)
		})
	}
}

// TestBuilderMisuse checks that adding a body twice, or to a document
// that has one, panics instead of writing a wrong index.
func TestBuilderMisuse(t *testing.T) {
	docs := []Doc{{URL: "/a/", Title: "a", Body: "có"}, {URL: "/b/", Title: "b", Deferred: true}}
	b, err := NewBuilder(docs, Meta{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	panics := func(name string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s did not panic", name)
			}
		}()
		f()
	}
	panics("Add of a document with its body", func() { b.Add(0, "x") })
	panics("Add of no document", func() { b.Add(2, "x") })
	b.Add(1, "một")
	panics("a second Add", func() { b.Add(1, "hai") })
}

// BenchmarkBuilder10k feeds the articles of the 10k corpus to a Builder
// from every CPU, newest first, as a site's render workers do, and
// finishes the index.
func BenchmarkBuilder10k(b *testing.B) {
	docs, meta := corpus10k()
	_, num, err := prepare(docs)
	if err != nil {
		b.Fatal(err)
	}
	var order []int
	deferred := slices.Clone(docs)
	for i := range deferred {
		if deferred[i].Type == "tin-tuc" {
			deferred[i].Deferred = true
			order = append(order, i)
		}
	}
	newestFirst(order, num)
	b.ReportAllocs()
	cpu := cputime.Used()
	for b.Loop() {
		bl, err := NewBuilder(deferred, meta, Options{})
		if err != nil {
			b.Fatal(err)
		}
		onTwoWorkers(order, func(i int) { bl.Add(i, docs[i].Body) })
		if err := bl.Finish(func(string, []byte) {}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// TestTokenCacheBounded: a worker's cache of raw tokens starts again
// instead of growing past maxCachedTokens, and still answers right.
func TestTokenCacheBounded(t *testing.T) {
	var c tokenCache
	n := 3*maxCachedTokens + 5000 // the last 5000 after it started again
	for i := range n {
		c.put(strconv.Itoa(i), uint64(i))
		if i%1000 == 0 {
			c.put(strings.Repeat("x", 17)+strconv.Itoa(i), uint64(i)) // a long one
		}
	}
	if len(c.slots) > 1<<18 || len(c.long) > maxCachedTokens {
		t.Errorf("%d slots, %d long tokens after %d tokens", len(c.slots), len(c.long), n)
	}
	for i := n - 1000; i < n; i++ {
		if v, ok := c.get(strconv.Itoa(i)); !ok || v != uint64(i) {
			t.Fatalf("get(%d) = %d, %v", i, v, ok)
		}
	}
	// Tokens of every length up to the long ones, and prefixes of each
	// other, are told apart.
	var d tokenCache
	words := []string{"a", "ab", "khuyến", "khuyếnh", "nghiệmab", "nghiệmabc", "1234567890123456", "12345678901234567", "123456789012345"}
	for i, w := range words {
		d.put(w, uint64(i))
	}
	for i, w := range words {
		if v, ok := d.get(w); !ok || v != uint64(i) {
			t.Errorf("get(%q) = %d, %v", w, v, ok)
		}
	}
	if _, ok := d.get("khuy"); ok {
		t.Error("a token not put is found")
	}
	if v, ok := c.get("12"); ok && v != 12 {
		t.Errorf("get(12) = %d", v)
	}
}

// newestFirst orders document indexes as a site's render feeds the
// Builder: highest document number first.
func newestFirst(order []int, num []int32) {
	slices.SortFunc(order, func(x, y int) int { return cmp.Compare(num[y], num[x]) })
}

// onTwoWorkers calls add for each index of order, in turn, from two
// goroutines, as a site's two render workers do.
func onTwoWorkers(order []int, add func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for k := int(next.Add(1) - 1); k < len(order); k = int(next.Add(1) - 1) {
				add(order[k])
			}
		})
	}
	wg.Wait()
}
