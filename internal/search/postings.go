package search

import (
	"math/bits"
	"slices"
)

// postings are the merged analysis of all documents.
type postings struct {
	d *dict
	n int32 // documents
	// Postings are merged in order of position, n-1-document (see
	// Builder), and gaps are between positions. Each posting begins
	// with its head, gap<<2 | c (a uvarint): c < headEscape says its
	// flags are c+1, the body bucket alone, and for a term that the
	// document uses the term's first form only, so that most postings
	// take one byte; else what follows says.
	//
	// terms: per term, its postings in the interim form <head> [<flags |
	// min(n, 7)<<5> [n] <local form>…] (uvarints), local forms numbering
	// the term's forms in order of first use.
	terms    [][]byte
	termLast []int32
	termN    []int32 // forms per term
	formLoc  []int32 // per form: its local number + 1
	df       []int32 // per form: documents using it
	// pairs: per pair, its key and its postings in the interim form
	// <head> [<flags>] (a uvarint, a byte), in no particular order, in
	// the byteChunks of the merger that owns it; listed from pairParts,
	// one per merger, once every block is merged.
	pairKeys  []uint64
	pairLists []chunkList
	pairParts []pairMerger
	recs      [][]byte
}

// pairMerger is one merger's share of the pairs: their postings, and the
// scratch space in which it puts a batch's hits in table order before it
// appends them. In document order, consecutive hits are of unrelated
// pairs all over the table and their postings all over memory; in table
// order, the hits of one pair come together and those of neighbouring
// slots follow each other, so most appends find their memory in cache.
type pairMerger struct {
	table        pairTable
	mem          byteChunks // the postings
	hits, sorted []pairRec
	count        []int32
}

// pairRec is one pair hit of a batch.
type pairRec struct {
	key   uint64
	doc   int32
	flags uint8
}

// bucketBits: a batch's pair hits are sorted into 2^bucketBits buckets by
// the part of the table their key's home slot is in.
const bucketBits = 12

// collect takes the hits of the pairs m owns (merger w of ws) from a
// block, which comes after every block taken so far.
func (m *pairMerger) collect(b *block, w, ws uint32) {
	m.room(len(b.pairs))
	p0 := 0
	for k := range b.hi - b.lo {
		id := int32(b.lo + k)
		for j := p0; j < int(b.pairEnd[k]); j++ {
			if key := b.pairs[j]; pairOwner(key, ws) == w {
				m.hits = append(m.hits, pairRec{key, id, b.pairFlags[j]})
			}
		}
		p0 = int(b.pairEnd[k])
	}
}

// flush appends the hits collected, in table order (a stable counting
// sort, so each pair's hits stay in document order), to their postings.
func (m *pairMerger) flush() {
	hits := m.hits
	if len(m.table.slots) > 1<<bucketBits {
		mask := len(m.table.slots) - 1
		shift := bits.Len(uint(mask)) - bucketBits
		if m.count == nil {
			m.count = make([]int32, 1<<bucketBits)
		}
		clear(m.count)
		for _, h := range hits {
			m.count[(pairHash(h.key)&mask)>>shift]++
		}
		var sum int32
		for i, c := range m.count {
			m.count[i] = sum
			sum += c
		}
		if cap(m.sorted) < len(hits) {
			m.sorted = make([]pairRec, cap(m.hits)) // as the hits grow: by doubling
		}
		m.sorted = m.sorted[:len(hits)]
		for _, h := range hits {
			b := (pairHash(h.key) & mask) >> shift
			m.sorted[m.count[b]] = h
			m.count[b]++
		}
		hits = m.sorted
	}
	for _, h := range hits {
		s := m.table.postings(h.key)
		var p [6]byte
		gap := uint32(h.doc - s.last - 1)
		if simpleFlags(h.flags) {
			m.mem.add(&s.list, putUvarint(p[:0], gap<<2|uint32(h.flags-1)))
		} else {
			m.mem.add(&s.list, append(putUvarint(p[:0], gap<<2|headEscape), h.flags))
		}
		s.last = h.doc
	}
	m.hits = m.hits[:0]
}

// room makes room for n more hits. The hits of a batch run to megabytes:
// they grow by doubling, not by append's quarter, which would copy and
// clear them a dozen times over.
func (m *pairMerger) room(n int) {
	if len(m.hits)+n > cap(m.hits) {
		m.hits = append(make([]pairRec, 0, 2*(len(m.hits)+n)), m.hits...)
	}
}

// collectAll hands the pair hits of a block, which comes after every
// block taken so far, to the mergers that own them.
func collectAll(ms []pairMerger, b *block) {
	ws := uint32(len(ms))
	for w := range ms {
		ms[w].room(len(b.pairs))
	}
	p0 := 0
	for k := range b.hi - b.lo {
		id := int32(b.lo + k)
		for j := p0; j < int(b.pairEnd[k]); j++ {
			key := b.pairs[j]
			m := &ms[pairOwner(key, ws)]
			m.hits = append(m.hits, pairRec{key, id, b.pairFlags[j]})
		}
		p0 = int(b.pairEnd[k])
	}
}

// pairOwner is the merger, of ws, that owns the pair with key k.
func pairOwner(k uint64, ws uint32) uint32 { return (uint32(k>>32) ^ uint32(k)) % ws }

func growBytes(s [][]byte, i uint32) [][]byte {
	if int(i) < len(s) {
		return s
	}
	return append(s, make([][]byte, max(int(i)+1, 2*len(s))-len(s))...)
}

// headEscape is the low bits of a posting's head when its flags (and
// forms) follow it.
const headEscape = 3

// simpleFlags reports whether flags are a body bucket alone, which a
// posting's head can hold.
func simpleFlags(f uint8) bool { return f-1 < headEscape }

// readHead reads a posting's head at r: its gap, and its flags unless
// they follow (simple is then false).
func readHead(b []byte, r int) (gap uint32, flags uint8, simple bool, next int) {
	v, r := uvarint(b, r)
	if c := uint8(v & 3); c != headEscape {
		return v >> 2, c + 1, true, r
	}
	return v >> 2, 0, false, r
}

// putUvarintAt writes v as a uvarint at b[i:], which has room for it,
// and returns where it ends.
func putUvarintAt(b []byte, i int, v uint32) int {
	for v >= 0x80 {
		b[i] = byte(v) | 0x80
		v >>= 7
		i++
	}
	b[i] = byte(v)
	return i + 1
}

// maxTermPosting is the most bytes a term's posting with n forms takes:
// head, flags, count and forms.
func maxTermPosting(n int) int { return 5 + 1 + 5 + 5*n }

func putUvarint(b []byte, v uint32) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// mergeTerms appends the term hits of a block, which comes after every
// block merged so far: those of the terms whose id / 16 is w modulo ws,
// so that ws mergers can share the work. Runs of 16, not every ws-th
// term, so that two mergers seldom write to one cache line of terms and
// termLast.
func (ps *postings) mergeTerms(b *block, w, ws uint32) {
	t0, f := 0, 0
	for k := range b.hi - b.lo {
		id := int32(b.lo + k)
		for _, h := range b.terms[t0:b.termEnd[k]] {
			t, n := uint32(h>>32), int(h>>8)&0xFFFFFF
			if (t>>4)%ws != w {
				f += n
				continue
			}
			buf := ps.terms[t]
			if buf == nil {
				ps.termLast[t] = -1
			}
			gap := uint32(id - ps.termLast[t] - 1)
			ps.termLast[t] = id
			forms := b.forms[f : f+n]
			for _, fm := range forms {
				if ps.formLoc[fm] == 0 {
					ps.termN[t]++
					ps.formLoc[fm] = ps.termN[t]
				}
				ps.df[fm]++
			}
			// The posting is written in place, a byte at a time: a
			// copy of its few bytes costs more than writing them. The
			// postings grow by append's rule, by a quarter once they are
			// long (doubling left 40 % of them unused).
			if fl := uint8(h); n == 1 && ps.formLoc[forms[0]] == 1 && simpleFlags(fl) {
				buf = slices.Grow(buf, 5)
				buf = buf[:putUvarintAt(buf[:cap(buf)], len(buf), gap<<2|uint32(fl-1))]
			} else {
				buf = slices.Grow(buf, maxTermPosting(n))
				o := len(buf)
				buf = buf[:cap(buf)]
				o = putUvarintAt(buf, o, gap<<2|headEscape)
				buf[o] = fl | byte(min(n, 7))<<5
				o++
				if n >= 7 {
					o = putUvarintAt(buf, o, uint32(n))
				}
				for _, fm := range forms {
					o = putUvarintAt(buf, o, uint32(ps.formLoc[fm]-1))
				}
				buf = buf[:o]
			}
			f += n
			ps.terms[t] = buf
		}
		t0 = int(b.termEnd[k])
	}
}

// grow makes room for every term and form of the dictionary so far.
func (ps *postings) grow() {
	nt, nf := ps.d.sizes()
	if nt > 0 {
		ps.terms = growBytes(ps.terms, nt-1)
		ps.termLast, ps.termN = grow(ps.termLast, nt-1), grow(ps.termN, nt-1)
	}
	if nf > 0 {
		ps.formLoc, ps.df = grow(ps.formLoc, nf-1), grow(ps.df, nf-1)
	}
}

// gatherPairs lists the pairs of every merger's table in pairKeys and
// pairLists, and lets the tables go; the postings stay in the mergers'
// chunks until pairPostings.
func (ps *postings) gatherPairs() {
	n := 0
	for _, pm := range ps.pairParts {
		n += pm.table.n
	}
	ps.pairKeys, ps.pairLists = make([]uint64, 0, n), make([]chunkList, 0, n)
	for w := range ps.pairParts {
		pm := &ps.pairParts[w]
		for i := range pm.table.slots {
			if s := &pm.table.slots[i]; s.list.class != 0 {
				ps.pairKeys = append(ps.pairKeys, s.key)
				ps.pairLists = append(ps.pairLists, s.list)
			}
		}
		pm.table = pairTable{}
		pm.hits, pm.sorted = nil, nil
	}
}

// pairPostings copies the postings of the pairs, in the order of ids,
// out of the mergers' chunks, so that they are then read in order, and
// lets the chunks go. Each merger's pairs are copied into a block of
// their own, a merger at a time, and its chunks go as soon as they are
// copied: while copying, the postings are held twice over for one
// merger's share only, not for all of them (the render of a large site is
// still going on then, under the memory limit).
func (ps *postings) pairPostings(ids func(i int) uint32, n int) [][]byte {
	out := make([][]byte, n)
	ws := uint32(len(ps.pairParts))
	for w := range ps.pairParts {
		m := &ps.pairParts[w]
		b := make([]byte, 0, m.mem.total)
		for i := range n {
			id := ids(i)
			if pairOwner(ps.pairKeys[id], ws) != uint32(w) {
				continue
			}
			start := len(b)
			b = m.mem.appendTo(b, &ps.pairLists[id])
			out[i] = b[start:len(b):len(b)]
		}
		m.mem = byteChunks{}
	}
	ps.pairParts, ps.pairLists = nil, nil
	return out
}
