package search

import (
	"encoding/binary"
	"strings"
	"unsafe"
)

// The hash tables of the analysis: open addressing with linear probing
// over flat arrays, so that a lookup allocates nothing and a table is
// one block of memory.

// pairHash spreads a pair key over a table of up to 2^32 slots.
func pairHash(k uint64) int { return int((k * 0x9E3779B97F4A7C15) >> 32) }

// pairTable holds the postings of the pairs one merger owns, by pair
// key: open addressing, linear probing. A slot holds the pair's key, its
// last document and its postings (in the merger's byteChunks): 24 bytes
// with no pointer, so that growing the table moves little, the collector
// need not scan it, and an append finds all it needs in one place.
type pairTable struct {
	slots []pairSlot
	n     int // pairs
}

type pairSlot struct {
	key  uint64
	last int32     // the last document in the postings
	list chunkList // the postings; no chunk: the slot is empty
}

// postings returns the slot of the pair with key k, a new one (with last
// -1 and no postings) if it has none yet. A new slot must be given
// postings before the next call.
func (t *pairTable) postings(k uint64) *pairSlot {
	if 3*(t.n+1) > 2*len(t.slots) {
		t.grow()
	}
	m := len(t.slots) - 1
	for i := pairHash(k) & m; ; i = (i + 1) & m {
		s := &t.slots[i]
		if s.list.class == 0 {
			t.n++
			*s = pairSlot{key: k, last: -1}
			return s
		}
		if s.key == k {
			return s
		}
	}
}

func (t *pairTable) grow() {
	old := t.slots
	t.slots = make([]pairSlot, max(1024, 2*len(old)))
	m := len(t.slots) - 1
	for _, s := range old {
		if s.list.class != 0 {
			i := pairHash(s.key) & m
			for t.slots[i].list.class != 0 {
				i = (i + 1) & m
			}
			t.slots[i] = s
		}
	}
}

// maxCachedTokens bounds a tokenCache: its table stays within 2^18
// slots, 6 MB.
const maxCachedTokens = 100_000

// maxPacked is the length of the longest token a tokenCache holds in its
// table.
const maxPacked = 15

// tokenCache maps raw tokens to term<<32 | form. Tokens of up to
// maxPacked bytes, nearly all, are held packed in the table; longer ones
// in a map.
type tokenCache struct {
	slots []tokenSlot
	n     int
	long  map[string]uint64
}

// tokenSlot is a packed token and its value; k1 is 0 in an empty slot.
type tokenSlot struct{ k0, k1, val uint64 }

// packToken packs a token of 1 to maxPacked bytes into two words, the
// bytes little-endian and the length in the top byte of the second, so
// that the second is never 0.
func packToken(s string) (k0, k1 uint64) {
	var b [16]byte
	copy(b[:], s)
	return binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:]) | uint64(len(s))<<56
}

// packAt is packToken(text[i:j]), but reads the bytes in two loads when
// text has 16 bytes from i on.
func packAt(text string, i, j int) (k0, k1 uint64) {
	if i+16 > len(text) {
		return packToken(text[i:j])
	}
	b := unsafe.Slice(unsafe.StringData(text[i:]), 16)
	n := uint(j - i)
	k0 = binary.LittleEndian.Uint64(b[:8])
	if n <= 8 {
		return k0 & (^uint64(0) >> (64 - 8*n)), uint64(n) << 56
	}
	k1 = binary.LittleEndian.Uint64(b[8:]) & (^uint64(0) >> (128 - 8*n))
	return k0, k1 | uint64(n)<<56
}

func (c *tokenCache) hash(k0, k1 uint64) int {
	h := k0*0x9E3779B97F4A7C15 ^ k1*0xC2B2AE3D27D4EB4F
	return int(h>>40) & (len(c.slots) - 1)
}

func (c *tokenCache) get(s string) (uint64, bool) {
	if len(s) > maxPacked {
		v, ok := c.long[s]
		return v, ok
	}
	k0, k1 := packToken(s)
	return c.lookup(k0, k1)
}

// lookup is get of a packed token.
func (c *tokenCache) lookup(k0, k1 uint64) (uint64, bool) {
	if len(c.slots) == 0 {
		return 0, false
	}
	m := len(c.slots) - 1
	for i := c.hash(k0, k1); ; i = (i + 1) & m {
		t := &c.slots[i]
		if t.k0 == k0 && t.k1 == k1 {
			return t.val, true
		}
		if t.k1 == 0 {
			return 0, false
		}
	}
}

func (c *tokenCache) put(s string, v uint64) {
	if len(s) > maxPacked {
		if c.long == nil {
			c.long = map[string]uint64{}
		}
		c.long[strings.Clone(s)] = v // s may be part of a reused buffer
		return
	}
	if c.n >= maxCachedTokens {
		// Start again rather than grow: the common words come back at
		// once, and the rare ones, most of a large site's, would
		// otherwise fill tens of megabytes per worker.
		clear(c.slots)
		clear(c.long)
		c.n = 0
	}
	if 2*(c.n+1) > len(c.slots) {
		old := c.slots
		c.slots = make([]tokenSlot, max(1024, 2*len(old)))
		for _, t := range old {
			if t.k1 != 0 {
				c.insert(t)
			}
		}
	}
	k0, k1 := packToken(s)
	c.insert(tokenSlot{k0, k1, v})
	c.n++
}

func (c *tokenCache) insert(t tokenSlot) {
	m := len(c.slots) - 1
	i := c.hash(t.k0, t.k1)
	for c.slots[i].k1 != 0 {
		i = (i + 1) & m
	}
	c.slots[i] = t
}

// pairSet holds the pairs of the analyzer's current document, each with
// its hit in analyzer.phits. A pair is known here by the hits of its two
// terms in the document (termAcc), which are small numbers, so that a
// slot takes 8 bytes: the set of a 6 KB article then fits in 16–32 KB,
// mostly in the CPU's first cache, where 16-byte slots keyed by term ids
// kept missing it. A slot belongs to the current document only if it
// carries the set's generation, so the set empties itself when the next
// document begins.
//
// A document with more than maxSetHits term or pair hits has its pairs
// in a map instead (pairSet.big).
type pairSet struct {
	slots []uint64 // gen<<48 | pair hit<<32 | term hit<<16 | term hit
	gen   uint16   // the current document's; never 0
	big   map[uint64]int32
}

// maxSetHits bounds the term and pair hits of a document whose pairs a
// pairSet slot can hold.
const maxSetHits = 1 << 16

// next empties the set for the next document.
func (s *pairSet) next() {
	if s.gen++; s.gen == 0 {
		clear(s.slots)
		s.gen = 1
	}
	s.big = nil
}

// reserve makes room in the set for words more words of the current
// document, and switches it to a map if their hits could outgrow a slot.
func (s *pairSet) reserve(a *analyzer, words int) {
	if s.big != nil {
		return
	}
	if len(a.hits)+words > maxSetHits || len(a.phits)+words > maxSetHits {
		s.big = make(map[uint64]int32, len(a.phits)+words)
		for h, p := range a.phits {
			s.big[p.key] = int32(h)
		}
		return
	}
	for 2*(len(a.phits)+words) > len(s.slots) {
		s.grow(a)
	}
}

// pairHit returns the current document's hit of the pair of terms t1 t2,
// whose hits are h1 and h2, adding it if new. The set must have room for
// it (reserve).
func (a *analyzer) pairHit(t1, t2 uint32, h1, h2 int32) *pairAcc {
	s := &a.docPairs
	if s.big != nil {
		return a.bigPairHit(uint64(t1)<<32 | uint64(t2))
	}
	k := uint64(h1)<<16 | uint64(h2)
	m := len(s.slots) - 1
	for i := pairHash(k) & m; ; i = (i + 1) & m {
		sl := s.slots[i]
		if uint16(sl>>48) != s.gen {
			s.slots[i] = uint64(s.gen)<<48 | uint64(len(a.phits))<<32 | k
			a.phits = append(a.phits, pairAcc{key: uint64(t1)<<32 | uint64(t2)})
			return &a.phits[len(a.phits)-1]
		}
		if uint32(sl) == uint32(k) {
			return &a.phits[uint16(sl>>32)]
		}
	}
}

// bigPairHit is pairHit in a set that is a map.
func (a *analyzer) bigPairHit(k uint64) *pairAcc {
	h, ok := a.docPairs.big[k]
	if !ok {
		h = int32(len(a.phits))
		a.docPairs.big[k] = h
		a.phits = append(a.phits, pairAcc{key: k})
	}
	return &a.phits[h]
}

// grow doubles the set and puts the current document's pairs back.
func (s *pairSet) grow(a *analyzer) {
	s.slots = make([]uint64, max(1024, 2*len(s.slots)))
	m := len(s.slots) - 1
	for h, p := range a.phits {
		k := uint64(a.termSeen[p.key>>32].slot)<<16 | uint64(a.termSeen[uint32(p.key)].slot)
		i := pairHash(k) & m
		for uint16(s.slots[i]>>48) == s.gen {
			i = (i + 1) & m
		}
		s.slots[i] = uint64(s.gen)<<48 | uint64(h)<<32 | k
	}
}
