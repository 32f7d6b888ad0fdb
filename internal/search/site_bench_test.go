package search

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/cputime"
)

// siteArticles reads the articles of the site folder named by
// $KHUYENHOC_BENCH_SITE (content/news/*.md) as deferred documents, with
// the Markdown of each after its front matter. The front matter is read
// only for the title, date and summary, line by line: enough for a
// benchmark, not a parser.
func siteArticles(tb testing.TB) ([]Doc, [][]byte) {
	dir := os.Getenv("KHUYENHOC_BENCH_SITE")
	if dir == "" {
		tb.Skip("KHUYENHOC_BENCH_SITE is not set")
	}
	files, err := filepath.Glob(filepath.Join(dir, "content", "news", "*.md"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no articles under %s: %v", dir, err)
	}
	docs := make([]Doc, len(files))
	mds := make([][]byte, len(files))
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		d := Doc{URL: "/tin-tuc/" + filepath.Base(f) + "/", Type: "tin-tuc", Deferred: true}
		if rest, ok := bytes.CutPrefix(b, []byte("+++\n")); ok {
			if fm, body, ok := bytes.Cut(rest, []byte("\n+++\n")); ok {
				b = body
				for line := range bytes.Lines(fm) {
					k, v, ok := bytes.Cut(bytes.TrimSpace(line), []byte(" = "))
					if !ok {
						continue
					}
					s := string(v)
					if u, err := strconv.Unquote(s); err == nil {
						s = u
					}
					switch string(k) {
					case "title":
						d.Title = s
					case "summary":
						d.Summary = s
					case "date":
						d.Date = s
					}
				}
			}
		}
		docs[i], mds[i] = d, b
	}
	return docs, mds
}

// BenchmarkBuilderSite is BenchmarkBuilder10k on the articles of a real
// site folder, fed as Markdown (AddMarkdown), as a site's render workers
// do:
//
//	KHUYENHOC_BENCH_SITE=/path/to/site go test -run - -bench BuilderSite ./internal/search
func BenchmarkBuilderSite(b *testing.B) {
	docs, mds, order := siteArticlesInOrder(b)
	b.ReportAllocs()
	cpu := cputime.Used()
	for b.Loop() {
		bl, err := NewBuilder(docs, Meta{}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		onTwoWorkers(order, func(i int) { bl.AddMarkdown(i, mds[i]) })
		if err := bl.Finish(func(string, []byte) {}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// BenchmarkMarkdownTextSite reduces the Markdown of a real site's
// articles to text, as AddMarkdown does.
func BenchmarkMarkdownTextSite(b *testing.B) {
	_, mds := siteArticles(b)
	var buf []byte
	n := 0
	for _, md := range mds {
		n += len(md)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, md := range mds {
			buf = markdownText(buf[:0], md)
		}
	}
}

// BenchmarkMergePairsSite merges the pair hits of a real site's
// articles, analysed beforehand, as a Builder fed newest first does:
// collectAll per block, flush every flushDocs documents.
func BenchmarkMergePairsSite(b *testing.B) {
	docs, mds := siteArticles(b)
	ds, num, err := prepare(docs)
	if err != nil {
		b.Fatal(err)
	}
	md := make([][]byte, len(ds))
	for i, id := range num {
		md[id] = mds[i]
	}
	a := newAnalyzer(newDict())
	var blocks []*block
	n := len(ds)
	for lo := 0; lo < n; lo += blockDocs {
		blk := &block{lo: lo, hi: min(n, lo+blockDocs)}
		for p := blk.lo; p < blk.hi; p++ {
			id := n - 1 - p
			a.doc(&ds[id], string(markdownText(nil, md[id])), blk)
		}
		blocks = append(blocks, blk)
	}
	cpu := cputime.Used()
	for b.Loop() {
		ms := make([]pairMerger, 2)
		since := 0
		for _, blk := range blocks {
			collectAll(ms, blk)
			if since += blk.hi - blk.lo; since >= flushDocs {
				for w := range ms {
					ms[w].flush()
				}
				since = 0
			}
		}
		for w := range ms {
			ms[w].flush()
		}
	}
	reportCPU(b, cpu)
}

// BenchmarkFinishSite times Finish alone, on a Builder fed a real site's
// articles: the index written once every document is merged. It reports
// the CPU time of Finish only, as cpu-ms/op.
func BenchmarkFinishSite(b *testing.B) {
	docs, mds, order := siteArticlesInOrder(b)
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		bl, err := NewBuilder(docs, Meta{}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, i := range order {
			bl.AddMarkdown(i, mds[i])
		}
		b.StartTimer()
		start := cputime.Used()
		if err := bl.Finish(func(string, []byte) {}); err != nil {
			b.Fatal(err)
		}
		cpu += cputime.Used() - start
	}
	b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(b.N), "cpu-ms/op")
}

// BenchmarkAnalyzeSite analyses the text of a real site's articles with
// one analyzer, a block at a time, as the Builder's workers do, their
// Markdown reduced to text beforehand.
func BenchmarkAnalyzeSite(b *testing.B) {
	docs, mds := siteArticles(b)
	texts := make([]string, len(mds))
	for i, md := range mds {
		texts[i] = MarkdownText(md)
	}
	cpu := cputime.Used()
	for b.Loop() {
		a := newAnalyzer(newDict())
		blk := new(block)
		for i := range docs {
			if i%blockDocs == 0 {
				blk.reset()
			}
			a.doc(&docs[i], texts[i], blk)
		}
	}
	reportCPU(b, cpu)
}

// siteArticlesInOrder is siteArticles with the order a site's render
// feeds them to the Builder: newest first.
func siteArticlesInOrder(b *testing.B) (docs []Doc, mds [][]byte, order []int) {
	docs, mds = siteArticles(b)
	_, num, err := prepare(docs)
	if err != nil {
		b.Fatal(err)
	}
	order = make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	newestFirst(order, num)
	return docs, mds, order
}
