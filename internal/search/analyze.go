package search

import (
	"encoding/binary"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
	"golang.org/x/text/unicode/norm"
)

// The analysis of the documents, in parallel, into compact postings.
//
// Words are interned: every folded word gets a term id, every (term, exact
// form) a form id and every two adjacent terms a pair id, from one shared
// dictionary. Each worker keeps its own cache in front of it (raw token →
// term and form; term pair → pair id), so the dictionary's lock is taken
// only for words the worker has not seen yet.
//
// Workers analyse blocks of consecutive documents into arrays of (term,
// flags, forms) and (pair, flags) hits; one merger takes the blocks in
// document order and appends each hit to its term's or pair's postings,
// so that postings come out in document order without sorting.
//
// Most text is Latin (ASCII and precomposed Vietnamese letters) with no
// combining mark: such text is already NFC, viet.NormalizeTone changes it
// only inside a word, and the words are the runs of letters and digits.
// The fast path cuts it into words itself and looks each up in the cache;
// any other text (other scripts, combining marks, invalid UTF-8) takes
// analyze, the definition, word by word.

// Rune classes for the fast path.
const (
	clsSlow = iota // anything analyze must see
	clsSep         // separates words; left alone by NFC and NormalizeTone
	clsWord        // a letter or digit that NFC leaves alone
)

type classTable struct {
	ascii [128]uint8
	latin [0x250 - 0x80]uint8 // U+0080–U+024F
	ext   [0x100]uint8        // U+1E00–U+1EFF, the Vietnamese letters
	punct [0x70]uint8         // U+2000–U+206F
}

var classes = sync.OnceValue(func() *classTable {
	class := func(r rune) uint8 {
		s := string(r)
		if unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) || norm.NFC.String(s) != s ||
			norm.NFC.PropertiesString(s).CCC() != 0 {
			return clsSlow
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return clsWord
		}
		return clsSep
	}
	t := new(classTable)
	for r := range rune(128) {
		t.ascii[r] = class(r)
	}
	for i := range t.latin {
		t.latin[i] = class(rune(0x80 + i))
	}
	for i := range t.ext {
		t.ext[i] = class(rune(0x1E00 + i))
	}
	for i := range t.punct {
		t.punct[i] = class(rune(0x2000 + i))
	}
	return t
})

func (t *classTable) of(r rune) uint8 {
	switch {
	case r < 0x80:
		return t.ascii[r]
	case r < 0x250:
		return t.latin[r-0x80]
	case 0x1E00 <= r && r < 0x1F00:
		return t.ext[r-0x1E00]
	case 0x2000 <= r && r < 0x2070:
		return t.punct[r-0x2000]
	}
	return clsSlow
}

// dict is the shared dictionary of terms, forms and pairs.
type dict struct {
	mu        sync.Mutex
	terms     map[string]uint32 // fold → term
	termKeys  []string
	forms     map[formKey]uint32
	formTerm  []uint32
	formExact []string
	pairs     map[uint64]uint32 // term<<32 | term → pair
	pairKeys  []uint64
}

type formKey struct {
	term  uint32
	exact string
}

func newDict() *dict {
	return &dict{terms: map[string]uint32{}, forms: map[formKey]uint32{}, pairs: map[uint64]uint32{}}
}

// word returns the term and form of a word, as term<<32 | form.
func (d *dict) word(fold, exact string) uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	t, ok := d.terms[fold]
	if !ok {
		t = uint32(len(d.termKeys))
		d.terms[fold] = t
		d.termKeys = append(d.termKeys, fold)
	}
	k := formKey{t, exact}
	f, ok := d.forms[k]
	if !ok {
		f = uint32(len(d.formTerm))
		d.forms[k] = f
		d.formTerm = append(d.formTerm, t)
		d.formExact = append(d.formExact, exact)
	}
	return uint64(t)<<32 | uint64(f)
}

func (d *dict) pair(k uint64) uint32 {
	d.mu.Lock()
	defer d.mu.Unlock()
	p, ok := d.pairs[k]
	if !ok {
		p = uint32(len(d.pairKeys))
		d.pairs[k] = p
		d.pairKeys = append(d.pairKeys, k)
	}
	return p
}

// pairCache maps term pairs to pair ids: open addressing, linear probing.
type pairCache struct {
	slots []pairSlot
	n     int
}

type pairSlot struct {
	key uint64
	val uint32 // pair + 1; 0 is empty
}

func (c *pairCache) get(k uint64) (uint32, bool) {
	if len(c.slots) == 0 {
		return 0, false
	}
	m := len(c.slots) - 1
	for i := int((k*0x9E3779B97F4A7C15)>>40) & m; ; i = (i + 1) & m {
		s := &c.slots[i]
		if s.val == 0 {
			return 0, false
		}
		if s.key == k {
			return s.val - 1, true
		}
	}
}

func (c *pairCache) put(k uint64, v uint32) {
	if 2*(c.n+1) > len(c.slots) {
		old := c.slots
		c.slots = make([]pairSlot, max(1024, 2*len(old)))
		for _, s := range old {
			if s.val != 0 {
				c.insert(s.key, s.val)
			}
		}
	}
	c.insert(k, v+1)
	c.n++
}

func (c *pairCache) insert(k uint64, v uint32) {
	m := len(c.slots) - 1
	i := int((k*0x9E3779B97F4A7C15)>>40) & m
	for c.slots[i].val != 0 {
		i = (i + 1) & m
	}
	c.slots[i] = pairSlot{k, v}
}

// tokenCache maps raw tokens to term<<32 | form. Tokens of up to 16
// bytes, nearly all, are held packed in the table; longer ones in a map.
type tokenCache struct {
	slots []tokenSlot
	n     int
	long  map[string]uint64
}

type tokenSlot struct {
	k0, k1 uint64
	len    uint64 // 0 is empty
	val    uint64
}

func packToken(s string) (k0, k1 uint64) {
	var b [16]byte
	copy(b[:], s)
	return binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])
}

func (c *tokenCache) hash(k0, k1 uint64, n int) int {
	h := (k0^uint64(n))*0x9E3779B97F4A7C15 ^ k1*0xC2B2AE3D27D4EB4F
	return int(h>>40) & (len(c.slots) - 1)
}

func (c *tokenCache) get(s string) (uint64, bool) {
	if len(s) > 16 {
		v, ok := c.long[s]
		return v, ok
	}
	if len(c.slots) == 0 {
		return 0, false
	}
	k0, k1 := packToken(s)
	m := len(c.slots) - 1
	for i := c.hash(k0, k1, len(s)); ; i = (i + 1) & m {
		t := &c.slots[i]
		if t.len == 0 {
			return 0, false
		}
		if t.k0 == k0 && t.k1 == k1 && t.len == uint64(len(s)) {
			return t.val, true
		}
	}
}

func (c *tokenCache) put(s string, v uint64) {
	if len(s) > 16 {
		if c.long == nil {
			c.long = map[string]uint64{}
		}
		c.long[s] = v
		return
	}
	if 2*(c.n+1) > len(c.slots) {
		old := c.slots
		c.slots = make([]tokenSlot, max(1024, 2*len(old)))
		for _, t := range old {
			if t.len != 0 {
				c.insert(t)
			}
		}
	}
	k0, k1 := packToken(s)
	c.insert(tokenSlot{k0, k1, uint64(len(s)), v})
	c.n++
}

func (c *tokenCache) insert(t tokenSlot) {
	m := len(c.slots) - 1
	i := c.hash(t.k0, t.k1, int(t.len))
	for c.slots[i].len != 0 {
		i = (i + 1) & m
	}
	c.slots[i] = t
}

// A block is the analysis of documents lo…hi-1.
type block struct {
	lo, hi int
	// Per document, the end of its hits in terms and pairs.
	termEnd, pairEnd []int32
	// terms: term<<32 | nforms<<8 | flags; its nforms forms follow in forms.
	terms []uint64
	forms []uint32
	// pairs: pair<<8 | flags.
	pairs []uint64
}

// analyzer is one worker's state.
type analyzer struct {
	d     *dict
	cls   *classTable
	cache tokenCache // raw token → term<<32 | form
	slow  map[word]uint64
	pairc pairCache

	stamp     int32   // the current document, from 1
	termSeen  []seen  // per term: the last document it was seen in, its hit there
	pairSeen  []seen  // per pair: the same
	formStamp []int32 // per form: the last document it was seen in

	succ []succ // per term, the last term seen after it

	words []uint64 // the current field
	hits  []termAcc
	hform []uint64 // hit<<32 | form, the forms of the current document
	phits []pairAcc
}

type seen struct{ stamp, slot int32 }

func growSeen(s []seen, i uint32) []seen {
	if int(i) < len(s) {
		return s
	}
	return append(s, make([]seen, max(int(i)+1, 2*len(s))-len(s))...)
}

type succ struct{ next, pair uint32 } // next is the term + 1

type termAcc struct {
	term  uint32
	flags uint8
	body  int32
	n     int32 // forms
}

type pairAcc struct {
	pair  uint32
	flags uint8
	body  int32
}

func newAnalyzer(d *dict) *analyzer {
	return &analyzer{d: d, cls: classes(), slow: map[word]uint64{}}
}

func grow(s []int32, i uint32) []int32 {
	if int(i) < len(s) {
		return s
	}
	return append(s, make([]int32, max(int(i)+1, 2*len(s))-len(s))...)
}

// doc analyses one document into b and returns its document store
// record.
func (a *analyzer) doc(d *Doc, b *block) []byte {
	a.stamp++
	a.hits, a.hform, a.phits = a.hits[:0], a.hform[:0], a.phits[:0]
	a.field(d.Title, flagTitle)
	a.field(d.Summary, flagSummary)
	a.field(d.Place, flagMeta)
	for _, p := range d.People {
		a.field(p, flagMeta)
	}
	a.field(d.Body, 0)

	// The forms of each hit, grouped by hit.
	start := len(b.forms)
	n := 0
	for i := range a.hits {
		h := &a.hits[i]
		b.terms = append(b.terms, uint64(h.term)<<32|uint64(h.n)<<8|uint64(h.flags|uint8(bodyBucket(int(h.body)))))
		h.body = int32(n) // from now on: where its forms go
		n += int(h.n)
		h.n = 0
	}
	b.forms = append(b.forms, make([]uint32, n)...)
	for _, hf := range a.hform {
		h := &a.hits[hf>>32]
		b.forms[start+int(h.body+h.n)] = uint32(hf)
		h.n++
	}
	for _, p := range a.phits {
		b.pairs = append(b.pairs, uint64(p.pair)<<8|uint64(p.flags|uint8(bodyBucket(int(p.body)))))
	}
	b.termEnd = append(b.termEnd, int32(len(b.terms)))
	b.pairEnd = append(b.pairEnd, int32(len(b.pairs)))
	return appendStrings(nil, d.URL, d.Type, viet.NFC(d.Title), d.Date, d.Cluster, excerpt(*d))
}

// field adds the words of one field of the current document.
func (a *analyzer) field(text string, flag uint8) {
	if text == "" {
		return
	}
	if !a.fast(text) {
		a.words = a.words[:0]
		for _, w := range analyze(text) {
			id, ok := a.slow[w]
			if !ok {
				id = a.d.word(w.Fold, w.Exact)
				a.slow[w] = id
			}
			a.words = append(a.words, id)
		}
	}
	var prev uint32
	for i, w := range a.words {
		t, f := uint32(w>>32), uint32(w)
		a.termSeen = growSeen(a.termSeen, t)
		if int(t) >= len(a.succ) {
			a.succ = append(a.succ, make([]succ, max(int(t)+1, 2*len(a.succ))-len(a.succ))...)
		}
		ts := &a.termSeen[t]
		if ts.stamp != a.stamp {
			*ts = seen{a.stamp, int32(len(a.hits))}
			a.hits = append(a.hits, termAcc{term: t})
		}
		slot := ts.slot
		h := &a.hits[slot]
		if flag == 0 {
			h.body++
		} else {
			h.flags |= flag
		}
		a.formStamp = grow(a.formStamp, f)
		if a.formStamp[f] != a.stamp {
			a.formStamp[f] = a.stamp
			a.hform = append(a.hform, uint64(slot)<<32|uint64(f))
			h.n++
		}
		if i > 0 {
			// The word that followed prev last time is likely to again.
			var p uint32
			if s := a.succ[prev]; s.next == t+1 {
				p = s.pair
			} else {
				k := uint64(prev)<<32 | uint64(t)
				var ok bool
				if p, ok = a.pairc.get(k); !ok {
					p = a.d.pair(k)
					a.pairc.put(k, p)
				}
				a.succ[prev] = succ{t + 1, p}
			}
			a.pairSeen = growSeen(a.pairSeen, p)
			ps := &a.pairSeen[p]
			if ps.stamp != a.stamp {
				*ps = seen{a.stamp, int32(len(a.phits))}
				a.phits = append(a.phits, pairAcc{pair: p})
			}
			ph := &a.phits[ps.slot]
			if flag == 0 {
				ph.body++
			} else {
				ph.flags |= flag
			}
		}
		prev = t
	}
}

// fast cuts text into words into a.words, unless it needs analyze.
func (a *analyzer) fast(text string) bool {
	a.words = a.words[:0]
	start := -1
	for i := 0; i < len(text); {
		c := text[i]
		var cl uint8
		size := 1
		if c < utf8.RuneSelf {
			cl = a.cls.ascii[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			cl = a.cls.of(r) // RuneError is clsSlow
		}
		switch cl {
		case clsWord:
			if start < 0 {
				start = i
			}
		case clsSep:
			if start >= 0 {
				if !a.token(text[start:i]) {
					return false
				}
				start = -1
			}
		default:
			return false
		}
		i += size
	}
	if start >= 0 {
		return a.token(text[start:])
	}
	return true
}

// token adds one token of fast-path text to a.words.
func (a *analyzer) token(raw string) bool {
	id, ok := a.cache.get(raw)
	if !ok {
		s := viet.NormalizeTone(raw)
		if toks := viet.Tokens(s); len(toks) != 1 || toks[0] != s {
			return false // not one word after all: let analyze decide
		}
		id = a.d.word(viet.Fold(s), viet.NFC(strings.ToLower(s)))
		a.cache.put(raw, id)
	}
	a.words = append(a.words, id)
	return true
}

// postings are the merged analysis of all documents.
type postings struct {
	d *dict
	// terms: per term, its postings in the interim form <gap> <flags |
	// min(n, 7)<<5> [n] <local form>… (uvarints), local forms numbering
	// the term's forms in order of first use.
	terms    [][]byte
	termLast []int32
	termN    []int32 // forms per term
	formLoc  []int32 // per form: its local number + 1
	df       []int32 // per form: documents using it
	// pairs: per pair, its postings in the final form.
	pairs    [][]byte
	pairLast []int32
	recs     [][]byte
}

func growBytes(s [][]byte, i uint32) [][]byte {
	if int(i) < len(s) {
		return s
	}
	return append(s, make([][]byte, max(int(i)+1, 2*len(s))-len(s))...)
}

func putUvarint(b []byte, v uint32) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// merge appends the hits of a block, which comes after every block
// merged so far: those of the terms and pairs whose id is w modulo ws,
// so that ws mergers can share the work.
func (ps *postings) merge(b *block, w, ws uint32) {
	t0, p0, f := 0, 0, 0
	for k := range b.hi - b.lo {
		id := int32(b.lo + k)
		for _, h := range b.terms[t0:b.termEnd[k]] {
			t, n := uint32(h>>32), int(h>>8)&0xFFFFFF
			if t%ws != w {
				f += n
				continue
			}
			buf := ps.terms[t]
			if buf == nil {
				ps.termLast[t] = -1
			}
			buf = putUvarint(buf, uint32(id-ps.termLast[t]-1))
			ps.termLast[t] = id
			buf = append(buf, byte(h)|byte(min(n, 7))<<5)
			if n >= 7 {
				buf = putUvarint(buf, uint32(n))
			}
			for _, fm := range b.forms[f : f+n] {
				if ps.formLoc[fm] == 0 {
					ps.termN[t]++
					ps.formLoc[fm] = ps.termN[t]
				}
				ps.df[fm]++
				buf = putUvarint(buf, uint32(ps.formLoc[fm]-1))
			}
			f += n
			ps.terms[t] = buf
		}
		t0 = int(b.termEnd[k])
		for _, h := range b.pairs[p0:b.pairEnd[k]] {
			p := uint32(h >> 8)
			if p%ws != w {
				continue
			}
			buf := ps.pairs[p]
			if buf == nil {
				ps.pairLast[p] = -1
			}
			buf = putNum(buf, int(id-ps.pairLast[p]-1))
			ps.pairs[p] = append(buf, alphabet[byte(h)])
			ps.pairLast[p] = id
		}
		p0 = int(b.pairEnd[k])
	}
}

// blockDocs is the number of documents a worker analyses at a time;
// batchBlocks the number of blocks, per worker, analysed before they are
// merged.
const (
	blockDocs   = 32
	batchBlocks = 8
)

// analyzeAll analyses the documents, in id order, into postings: a batch
// of blocks at a time, analysed on every CPU, then merged on every CPU.
func analyzeAll(ds []Doc) *postings {
	d := newDict()
	ps := &postings{d: d, recs: make([][]byte, len(ds))}
	workers := runtime.GOMAXPROCS(0)
	as := make([]*analyzer, workers)
	for i := range as {
		as[i] = newAnalyzer(d)
	}
	blocks := make([]*block, batchBlocks*workers)
	for i := range blocks {
		blocks[i] = new(block)
	}
	for lo := 0; lo < len(ds); lo += len(blocks) * blockDocs {
		hi := min(len(ds), lo+len(blocks)*blockDocs)
		nb := (hi - lo + blockDocs - 1) / blockDocs
		var next atomic.Int64
		var wg sync.WaitGroup
		for _, a := range as {
			wg.Go(func() {
				for {
					i := int(next.Add(1) - 1)
					if i >= nb {
						return
					}
					b := blocks[i]
					b.lo, b.hi = lo+i*blockDocs, min(hi, lo+(i+1)*blockDocs)
					b.termEnd, b.pairEnd, b.terms, b.forms, b.pairs = b.termEnd[:0], b.pairEnd[:0], b.terms[:0], b.forms[:0], b.pairs[:0]
					for j := b.lo; j < b.hi; j++ {
						ps.recs[j] = a.doc(&ds[j], b)
					}
				}
			})
		}
		wg.Wait()
		nt, nf, np := uint32(len(d.termKeys)), uint32(len(d.formTerm)), uint32(len(d.pairKeys))
		if nt > 0 {
			ps.terms = growBytes(ps.terms, nt-1)
			ps.termLast, ps.termN = grow(ps.termLast, nt-1), grow(ps.termN, nt-1)
		}
		if nf > 0 {
			ps.formLoc, ps.df = grow(ps.formLoc, nf-1), grow(ps.df, nf-1)
		}
		if np > 0 {
			ps.pairs, ps.pairLast = growBytes(ps.pairs, np-1), grow(ps.pairLast, np-1)
		}
		for w := range workers {
			wg.Go(func() {
				for _, b := range blocks[:nb] {
					ps.merge(b, uint32(w), uint32(workers))
				}
			})
		}
		wg.Wait()
	}
	return ps
}
