package search

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"
)

// A Builder builds the index of documents whose text comes one document
// at a time, in any order and from several goroutines. NewBuilder takes
// every document, those marked Deferred without their body; Add (or
// AddMarkdown) takes a deferred body, reduced to text, and analyses it
// with the next ones added, addBatch at a time, keeping only the
// analysis; Finish writes the index. A site reads each article's text to
// render its page: handed over there, no text is read twice, and the
// text of every article (half a gigabyte at 100 000 articles) is never
// held at once.
//
// Postings are appended in document order, so analyses are merged in a
// fixed order: highest document number first. That is the newest-first
// order in which a site lists, and renders, its news, so documents added
// in it are merged as they come, by the goroutine whose Add completes the
// run; one added ahead of its turn waits, analysed, for those before it.
// A document whose body came with NewBuilder is analysed when its turn
// comes; Finish analyses and merges, on every CPU, all that is left. The
// postings are thus built backwards, and turned round as they are
// written.
type Builder struct {
	ds   []Doc   // by document number
	num  []int32 // the caller's index → document number
	meta Meta
	opt  Options
	ps   *postings

	mu      sync.Mutex
	state   []uint8          // by document number: bodyGiven, bodyDeferred or bodyAdded
	ready   map[int32]*block // by position: analysed, waiting for their turn
	front   int32            // every position before it is merged
	next    int32            // the end of the run at the front: the first position neither analysed nor given
	merging bool             // an Add is merging the run at the front
	free    []*analyzer
	blocks  []*block
	pending []pendingDoc // added, not analysed yet (addBatch)
	texts   [][]byte     // free buffers for pending texts

	run        []*block // the merger's scratch
	sinceFlush int      // documents merged since the pair hits were flushed
}

// The states of a document's body.
const (
	bodyGiven uint8 = iota
	bodyDeferred
	bodyAdded
)

// flushDocs is how many documents an Add merges before it appends their
// pair hits (pairMerger.flush), as Finish does a batch at a time. The
// hits wait in memory until then, 32 bytes each counting their sorted
// copy: at 512 documents ~12 MB, held through the render, which the
// heap (GOGC=200) triples; 128 builds as fast (10k build, alternating
// pairs) with 25 MB less peak memory, 64 is slower.
const flushDocs = 128

// NewBuilder checks the documents and starts an index of them. A document
// with Deferred set gets its body from Add or AddMarkdown (its Body is
// ignored); one never added is indexed with no body.
func NewBuilder(docs []Doc, meta Meta, opt Options) (*Builder, error) {
	if opt.ShardBits < 0 || opt.ShardBits > 20 {
		return nil, fmt.Errorf("search: ShardBits %d out of range 0–20", opt.ShardBits)
	}
	ds, num, err := prepare(docs)
	if err != nil {
		return nil, err
	}
	workers := runtime.GOMAXPROCS(0)
	b := &Builder{ds: ds, num: num, meta: meta, opt: opt, state: make([]uint8, len(ds)), ready: map[int32]*block{},
		ps: &postings{d: newDict(), n: int32(len(ds)), recs: make([][]byte, len(ds)), pairParts: make([]pairMerger, workers)}}
	for id := range ds {
		if ds[id].Deferred {
			b.state[id] = bodyDeferred
			ds[id].Body = ""
		}
	}
	b.next = b.runEnd(0)
	return b, nil
}

// Add takes the body of document i (its index in NewBuilder's docs),
// which must be Deferred and not added yet, to be analysed with the next
// ones added (or by Finish). Add keeps a copy, no reference to body. It
// may be called from several goroutines at once, but not once Finish has
// begun.
func (b *Builder) Add(i int, body string) { b.add(i, nil, body) }

// AddMarkdown is Add of MarkdownText(md), without making the string. Add
// keeps no reference to md.
func (b *Builder) AddMarkdown(i int, md []byte) { b.add(i, md, "") }

func (b *Builder) add(i int, md []byte, body string) {
	if i < 0 || i >= len(b.num) {
		panic(fmt.Sprintf("search: Add of document %d of %d", i, len(b.num)))
	}
	id := b.num[i]
	b.mu.Lock()
	if b.state[id] != bodyDeferred {
		b.mu.Unlock()
		panic(fmt.Sprintf("search: Add of %s, which is not Deferred or was added before", b.ds[id].URL))
	}
	b.state[id] = bodyAdded
	text := b.textBuf()
	b.mu.Unlock()

	if md != nil {
		text = markdownText(text, md)
	} else {
		text = append(text, body...)
	}

	b.mu.Lock()
	b.pending = append(b.pending, pendingDoc{id, text})
	if len(b.pending) < addBatch {
		b.mu.Unlock()
		return
	}
	batch := b.pending
	b.pending = make([]pendingDoc, 0, addBatch)
	a := b.analyzer()
	b.mu.Unlock()

	b.analyzePending(a, batch)

	b.mu.Lock()
	if !b.merging && b.due() {
		b.merging = true
		b.mergeFront(a)
	}
	b.free = append(b.free, a)
	b.mu.Unlock()
}

// pendingDoc is the text of a document added, waiting to be analysed
// with the rest of its batch.
type pendingDoc struct {
	id   int32
	text []byte
}

// addBatch is how many added documents are analysed at a time. A site's
// render workers add each article between the Markdown renderer and the
// templates, which push the analyzer's tables (token cache, pair set)
// out of the CPU's caches: analysed one at a time, each document found
// them cold. The text waits, reduced, in a buffer of its own.
const addBatch = 64

// analyzePending analyses, with a, a batch of added documents, each into
// a block of its own, and makes them ready. b.mu is not held.
func (b *Builder) analyzePending(a *analyzer, batch []pendingDoc) {
	blks := make([]*block, len(batch))
	b.mu.Lock()
	for k := range blks {
		blks[k] = b.block()
	}
	b.mu.Unlock()
	for k, pd := range batch {
		pos := b.ps.n - 1 - pd.id
		blks[k].lo, blks[k].hi = int(pos), int(pos)+1
		body := unsafe.String(unsafe.SliceData(pd.text), len(pd.text)) // the analysis copies what it keeps
		b.ps.recs[pd.id] = a.doc(&b.ds[pd.id], body, blks[k])
	}
	b.mu.Lock()
	for k, pd := range batch {
		b.ready[int32(blks[k].lo)] = blks[k]
		b.texts = append(b.texts, pd.text[:0])
		batch[k].text = nil
	}
	b.next = b.runEnd(b.next)
	b.mu.Unlock()
}

// textBuf returns a buffer for an added document's text; b.mu is held.
func (b *Builder) textBuf() []byte {
	if n := len(b.texts); n > 0 {
		t := b.texts[n-1]
		b.texts = b.texts[:n-1]
		return t
	}
	return nil
}

// runEnd returns the first position from p on that is neither analysed
// nor given a body with NewBuilder; b.mu is held.
func (b *Builder) runEnd(p int32) int32 {
	n := b.ps.n
	for p < n && (b.ready[p] != nil || b.state[n-1-p] == bodyGiven) {
		p++
	}
	return p
}

// mergeDocs is how many documents must be ready at the front before an
// Add merges them. The merge's memory (every term's postings, the pair
// hits) then moves between CPUs once per run, not once per document as
// the Adds that complete the run take turns: merging documents one at a
// time spent most of its time waiting for those cache lines.
const mergeDocs = 64

// due reports whether the run at the front is long enough to merge, or
// reaches the last position; b.mu is held.
func (b *Builder) due() bool {
	return b.next-b.front >= mergeDocs || b.next == b.ps.n
}

// analyzer returns an analyzer not in use; b.mu is held.
func (b *Builder) analyzer() *analyzer {
	if n := len(b.free); n > 0 {
		a := b.free[n-1]
		b.free = b.free[:n-1]
		return a
	}
	return newAnalyzer(b.ps.d)
}

// block returns an empty block; b.mu is held.
func (b *Builder) block() *block {
	if n := len(b.blocks); n > 0 {
		blk := b.blocks[n-1]
		b.blocks = b.blocks[:n-1]
		blk.reset()
		return blk
	}
	return new(block)
}

// mergeFront merges, with a, the run at the front as long as it is due,
// analysing on the way the documents whose body came with NewBuilder. It
// is called and returns with b.mu held, and releases it while it works.
func (b *Builder) mergeFront(a *analyzer) {
	n := b.ps.n
	for b.front < b.next && b.due() {
		run := b.run[:0]
		p := b.front
		for p < b.next {
			if blk := b.ready[p]; blk != nil {
				delete(b.ready, p)
				run = append(run, blk)
				p++
				continue
			}
			blk := b.block()
			blk.lo, blk.fresh = int(p), true
			for p < b.next && int(p)-blk.lo < blockDocs && b.state[n-1-p] == bodyGiven {
				p++
			}
			blk.hi = int(p)
			run = append(run, blk)
		}
		b.mu.Unlock()
		for _, blk := range run {
			if blk.fresh {
				b.analyze(a, blk)
			}
			b.ps.grow()
			b.ps.mergeTerms(blk, 0, 1)
			collectAll(b.ps.pairParts, blk)
			if b.sinceFlush += blk.hi - blk.lo; b.sinceFlush >= flushDocs {
				for w := range b.ps.pairParts {
					b.ps.pairParts[w].flush()
				}
				b.sinceFlush = 0
			}
		}
		b.mu.Lock()
		b.front = p
		b.blocks = append(b.blocks, run...)
		clear(run)
		b.run = run[:0]
	}
	b.merging = false
}

// analyze analyses the documents of a fresh block, whose bodies came with
// NewBuilder or never came, and lets their text go.
func (b *Builder) analyze(a *analyzer, blk *block) {
	blk.fresh = false
	for p := blk.lo; p < blk.hi; p++ {
		id := int(b.ps.n) - 1 - p
		d := &b.ds[id]
		b.ps.recs[id] = a.doc(d, d.Body, blk)
		// Nothing reads the text again: a caller that keeps no copy of
		// it lets it go here, not after the whole index.
		d.Body = ""
	}
}

// blockDocs is the number of documents a worker analyses at a time;
// batchBlocks the number of blocks, per worker, analysed before they are
// merged.
const (
	blockDocs   = 32
	batchBlocks = 8
)

// finishAnalysis analyses and merges every document not merged yet, a
// batch of blocks at a time: analysed on every CPU, then merged on every
// CPU. Then it gathers the pairs' postings.
func (b *Builder) finishAnalysis() {
	ps, n := b.ps, int(b.ps.n)
	workers := len(ps.pairParts)
	as := make([]*analyzer, workers)
	for i := range as {
		as[i] = b.analyzer()
	}
	var blocks []*block
	for lo := int(b.front); lo < n; {
		// A batch: the blocks of up to batchBlocks*workers*blockDocs
		// positions, each either analysed by Add already or fresh.
		blocks = blocks[:0]
		fresh := 0
		hi := min(n, lo+batchBlocks*workers*blockDocs)
		for p := lo; p < hi; {
			if blk := b.ready[int32(p)]; blk != nil {
				delete(b.ready, int32(p))
				blocks = append(blocks, blk)
				p++
				continue
			}
			blk := b.block()
			blk.lo, blk.fresh = p, true
			for p < hi && p-blk.lo < blockDocs && b.ready[int32(p)] == nil {
				p++
			}
			blk.hi = p
			blocks = append(blocks, blk)
			fresh++
		}
		if fresh > 0 {
			var next atomic.Int64
			var wg sync.WaitGroup
			for _, a := range as {
				wg.Go(func() {
					for i := int(next.Add(1) - 1); i < len(blocks); i = int(next.Add(1) - 1) {
						if blocks[i].fresh {
							b.analyze(a, blocks[i])
						}
					}
				})
			}
			wg.Wait()
		}
		ps.grow()
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				pm := &ps.pairParts[w]
				for _, blk := range blocks {
					ps.mergeTerms(blk, uint32(w), uint32(workers))
					pm.collect(blk, uint32(w), uint32(workers))
				}
				pm.flush()
			})
		}
		wg.Wait()
		b.blocks = append(b.blocks, blocks...)
		lo = hi
	}
	for w := range ps.pairParts {
		ps.pairParts[w].flush()
	}
	b.front, b.blocks, b.free, b.ready = int32(n), nil, nil, nil
	ps.gatherPairs()
}

// Finish analyses what is left, writes the index and hands each file to
// emit as BuildTo does. Call it once, after every Add has returned.
func (b *Builder) Finish(emit func(name string, data []byte)) error {
	b.mu.Lock()
	if b.merging || b.ps == nil {
		b.mu.Unlock()
		panic("search: Finish during an Add, or twice")
	}
	pending := b.pending
	b.pending, b.texts = nil, nil
	b.mu.Unlock()
	if len(pending) > 0 {
		b.mu.Lock()
		a := b.analyzer()
		b.mu.Unlock()
		b.analyzePending(a, pending)
		b.free = append(b.free, a)
	}
	b.finishAnalysis()
	ps, ds, opt := b.ps, b.ds, b.opt
	b.ps = nil
	order, rank, js := termEntries(ps)

	w := &writer{emit: emit, seen: map[string]bool{}}
	m := manifest{V: version, N: len(ds)}
	var target int
	m.Terms, target = w.shards("s/", termShards(ps, order, js), opt.ShardBits)
	m.Pairs, _ = w.shards("p/", pairShards(ps, rank), opt.ShardBits)
	m.Budget = max(1, PrefixBudget/target)
	m.Docs = w.store(ps.recs)
	m.Types, m.Clusters, m.Attrs = w.attrs(ds, b.meta)
	m.Years = yearRanges(ds)
	emit(ManifestFile, marshal(m))
	return nil
}
