package search

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// Doc is one searchable page.
type Doc struct {
	URL     string // site path, e.g. "/tin-tuc/x/" (the client prefixes the base path)
	Type    string // "tin-tuc" | "hoi-nghi" | "cum-thi-dua" | "tinh"
	Title   string
	Date    string // ISO "2024-12-04" or ""
	Year    int    // 0 = none; taken from Date when 0
	Cluster string // cluster id or ""
	Summary string
	Body    string // plain text (no HTML)
	Place   string
	People  []string
	// Deferred says the body comes later, from Builder.Add; Body is
	// then ignored. Build indexes such a document without a body.
	Deferred bool
}

// Meta is what the index needs to know beyond the documents.
type Meta struct {
	ClusterNames map[string]string // cluster id → display name, for the filter
}

// Options tune the index layout. The zero value is right for any site.
type Options struct {
	// ShardBits asks for about 2^ShardBits term shards (and as many pair
	// shards). 0 chooses from the corpus size: the fewest shards that keep
	// each about ShardTarget bytes.
	ShardBits int
}

const (
	// Dir is the folder, relative to the site root, that Build's file
	// names start with.
	Dir = "tim-kiem/"
	// ManifestFile is the one file with a fixed name.
	ManifestFile = Dir + "index.json"

	// ShardTarget is the size, in bytes of JSON, a shard is cut at when
	// Options.ShardBits is 0. A term whose postings alone are larger gets
	// a shard of its own.
	ShardTarget = 16 << 10
	// PrefixBudget is, in bytes, what the client may fetch beyond the
	// word's own shard to complete the last word as a prefix. The manifest
	// states it as a number of shards: PrefixBudget / shard target.
	PrefixBudget = 96 << 10
	// pagePer is the number of shards one directory page lists.
	pagePer = 128
	// chunkTarget is the size a doc-store chunk aims at; the client
	// fetches one chunk per result shown, so chunks stay small.
	chunkTarget = 4 << 10
	// excerptRunes caps the stored excerpt snippets are cut from.
	excerptRunes = 300
	// maxVariants caps the exact forms recorded per folded term (the
	// client keeps them in a 32-bit mask).
	maxVariants = 24
	version     = 1
)

// Posting flags, one character of the alphabet per posting. The low five
// bits are the field weight: title 16, summary 8, people or place 4, body
// 0–3 (absent, once, two to four times, five or more).
const (
	flagTitle   = 16
	flagSummary = 8
	flagMeta    = 4
	flagBody    = 3  // the body bucket
	flagMask    = 32 // a variant mask follows (terms only)
)

// typeLabels are the types' names for the filter and results, in filter
// order; other types follow, sorted, named by their id.
var typeLabels = [][2]string{
	{"tin-tuc", "Tin tức"},
	{"hoi-nghi", "Hội nghị"},
	{"cum-thi-dua", "Cụm thi đua"},
	{"tinh", "Tỉnh, thành phố"},
}

// Build returns the files of the search index, named by their path under
// the site root ("tim-kiem/index.json", "tim-kiem/s/<hash>.json", …). The
// same documents and meta give byte-identical files, whatever their order
// in docs.
func Build(docs []Doc, meta Meta) (map[string][]byte, error) {
	return BuildWith(docs, meta, Options{})
}

// BuildWith is Build with options.
func BuildWith(docs []Doc, meta Meta, opt Options) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := BuildTo(docs, meta, opt, func(name string, data []byte) { out[name] = data })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// BuildTo is BuildWith that hands each file to emit as soon as it is
// made, instead of keeping them all: the index need not be held in memory
// at once, and what emit lets go of can be freed. Each name comes once,
// and the manifest (ManifestFile) last, so that a reader never finds it
// naming a file not yet written. On an error nothing has been emitted.
func BuildTo(docs []Doc, meta Meta, opt Options, emit func(name string, data []byte)) error {
	b, err := NewBuilder(docs, meta, opt)
	if err != nil {
		return err
	}
	return b.Finish(emit)
}

// A writer names the index's files by their content and hands them to
// emit, each name once.
type writer struct {
	emit func(name string, data []byte)
	seen map[string]bool
}

// manifest is tim-kiem/index.json. See the package documentation.
type manifest struct {
	V        int         `json:"v"`
	N        int         `json:"n"`
	Budget   int         `json:"budget"` // extra shards a prefix may fetch
	Terms    shardList   `json:"terms"`
	Pairs    shardList   `json:"pairs"`
	Docs     storeList   `json:"docs"`
	Attrs    string      `json:"attrs"`
	Types    [][2]string `json:"types"` // [id, label]
	Clusters [][2]string `json:"clusters"`
	Years    [][3]int    `json:"years"`
}

// shardList is a directory of shards in key order, in pages of Per
// shards. Shard j is entry j%Per of page j/Per.
type shardList struct {
	Dir   string    `json:"dir"`
	Per   int       `json:"per"`
	Pages []pageRef `json:"pages"`
}

// pageRef is [first key, page]: the page is inline when the list has a
// single page, else the file name "i/<hash>.json".
type pageRef struct {
	Key  string
	File string
	Page *shardPage
}

// shardPage lists shards: the first key of each (the very first is "")
// and their hashes, 10 hex digits each, concatenated.
type shardPage struct {
	Keys   []string `json:"keys"`
	Hashes string   `json:"hashes"`
}

func (r pageRef) MarshalJSON() ([]byte, error) {
	if r.Page != nil {
		return marshal([]any{r.Key, r.Page}), nil
	}
	return marshal([]any{r.Key, r.File}), nil
}

func (r *pageRef) UnmarshalJSON(b []byte) error {
	var a [2]json.RawMessage
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	if err := json.Unmarshal(a[0], &r.Key); err != nil {
		return err
	}
	if len(a[1]) > 0 && a[1][0] == '{' {
		r.Page = new(shardPage)
		return json.Unmarshal(a[1], r.Page)
	}
	return json.Unmarshal(a[1], &r.File)
}

type storeList struct {
	Dir    string `json:"dir"`
	Per    int    `json:"per"` // documents per chunk
	Hashes string `json:"hashes"`
}

// prepare validates the documents and puts them in number order:
// undated first, then by year, date and URL. "Newest first" is then
// "highest number first", each year is a contiguous range, and a new
// article, added at the end, leaves the other documents' numbers and
// store chunks unchanged. num[i] is the number of docs[i].
func prepare(docs []Doc) (ds []Doc, num []int32, err error) {
	seen := make(map[string]bool, len(docs))
	years := make([]int, len(docs))
	for i := range docs {
		d := &docs[i]
		if d.URL == "" {
			return nil, nil, fmt.Errorf("search: document %d (%q) has no URL", i, d.Title)
		}
		if seen[d.URL] {
			return nil, nil, fmt.Errorf("search: two documents have the URL %s", d.URL)
		}
		seen[d.URL] = true
		y := d.Year
		if d.Date != "" {
			dy, err := dateYear(d.Date)
			if err != nil {
				return nil, nil, fmt.Errorf("search: %s: %v", d.URL, err)
			}
			if y == 0 {
				y = dy
			} else if y != dy {
				return nil, nil, fmt.Errorf("search: %s: Year %d but Date %s", d.URL, y, d.Date)
			}
		}
		if y < 0 || y > 9999 {
			return nil, nil, fmt.Errorf("search: %s: Year %d out of range", d.URL, y)
		}
		years[i] = y
	}
	order := make([]int32, len(docs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &docs[i], &docs[j]
		return cmp.Or(cmp.Compare(years[i], years[j]), strings.Compare(a.Date, b.Date), strings.Compare(a.URL, b.URL))
	})
	ds = make([]Doc, len(docs))
	num = make([]int32, len(docs))
	for id, i := range order {
		ds[id] = docs[i]
		ds[id].Year = years[i]
		num[i] = int32(id)
	}
	return ds, num, nil
}

func dateYear(s string) (int, error) {
	ok := len(s) == 10 && s[4] == '-' && s[7] == '-'
	for i := 0; ok && i < len(s); i++ {
		ok = i == 4 || i == 7 || '0' <= s[i] && s[i] <= '9'
	}
	if !ok {
		return 0, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return strconv.Atoi(s[:4])
}

func bodyBucket(n int) int {
	switch {
	case n == 0:
		return 0
	case n == 1:
		return 1
	case n <= 4:
		return 2
	}
	return 3
}

// sortKeys sorts ids by their keys in cmpKey order. Keys with no rune
// from U+E000 on compare as bytes do.
func sortKeys(ids []uint32, keys []string) {
	utf16 := false
	for _, id := range ids {
		if k := keys[id]; strings.IndexFunc(k, func(r rune) bool { return r >= 0xE000 }) >= 0 {
			utf16 = true
			break
		}
	}
	if utf16 {
		slices.SortFunc(ids, func(a, b uint32) int { return cmpKey(keys[a], keys[b]) })
	} else {
		slices.SortFunc(ids, func(a, b uint32) int { return strings.Compare(keys[a], keys[b]) })
	}
}

// termEntries returns the terms in key order, their ranks in it (by term
// id; -1 for a term with no postings) and the JSON of their entries:
// [key, variants, postings]. Variants are the exact forms by document
// frequency, most frequent first; a posting without flagMask has variant
// 0 only. The interim postings are released as they are encoded.
func termEntries(ps *postings) (order []uint32, rank []int32, js [][]byte) {
	d := ps.d
	nt := len(ps.terms)
	rank = make([]int32, len(d.termKeys))
	for t := range rank {
		rank[t] = -1
	}
	for t := range nt {
		if ps.terms[t] != nil {
			order = append(order, uint32(t))
		}
	}
	sortKeys(order, d.termKeys)
	for i, t := range order {
		rank[t] = int32(i)
	}
	// The forms of each term by local number.
	start := make([]int32, nt+1)
	for t := range nt {
		start[t+1] = start[t] + ps.termN[t]
	}
	byLoc := make([]uint32, start[nt])
	for f, loc := range ps.formLoc {
		if loc > 0 {
			byLoc[start[d.formTerm[f]]+loc-1] = uint32(f)
		}
	}
	js = make([][]byte, len(order))
	parallel(len(order), func(lo, hi int) {
		var vs []uint32
		var bit []int8
		var recs []termPosting
		for i := lo; i < hi; i++ {
			t := order[i]
			forms := byLoc[start[t]:start[t+1]]
			vs = append(vs[:0], forms...)
			slices.SortFunc(vs, func(x, y uint32) int {
				return cmp.Or(int(ps.df[y]-ps.df[x]), cmpKey(d.formExact[x], d.formExact[y]))
			})
			if len(vs) > maxVariants {
				vs = vs[:maxVariants]
			}
			bit = bit[:0]
			for range forms {
				bit = append(bit, -1)
			}
			for j, f := range vs {
				bit[ps.formLoc[f]-1] = int8(j)
			}
			in := ps.terms[t]
			b := make([]byte, 0, len(d.termKeys[t])+16*len(vs)+8)
			b = append(b, '[')
			b = appendString(b, d.termKeys[t])
			b = append(b, ',', '[')
			for j, f := range vs {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendString(b, d.formExact[f])
			}
			b = append(b, ']', ',', '"')
			// The postings come by position; they are written by
			// document number, the other way round.
			recs = recs[:0]
			pos := int32(-1)
			for r := 0; r < len(in); {
				gap, f, simple, next := readHead(in, r)
				r = next
				pos += int32(gap) + 1
				mask := 0
				if simple { // the first form only
					if j := bit[0]; j >= 0 {
						mask = 1 << j
					}
				} else {
					var n, loc uint32
					fb := in[r]
					r++
					if n = uint32(fb >> 5); n == 7 {
						n, r = uvarint(in, r)
					}
					for range n {
						loc, r = uvarint(in, r)
						if j := bit[loc]; j >= 0 {
							mask |= 1 << j
						}
					}
					f = fb & 31
				}
				if mask != 1 {
					f |= flagMask
				}
				recs = append(recs, termPosting{pos, f, int32(mask)})
			}
			// Room for the postings at once: written, they are about
			// twice as long as read, and growing b as they come copied
			// the longest ones over and over.
			n, last := 2, int32(-1)
			for k := len(recs) - 1; k >= 0; k-- {
				p := recs[k]
				id := ps.n - 1 - p.pos
				n += numLen(int(id-last-1)) + 1
				if p.flags&flagMask != 0 {
					n += numLen(int(p.mask))
				}
				last = id
			}
			b = slices.Grow(b, n)
			last = -1
			for k := len(recs) - 1; k >= 0; k-- {
				p := recs[k]
				id := ps.n - 1 - p.pos
				b = putNum(b, int(id-last-1))
				last = id
				b = append(b, alphabet[p.flags])
				if p.flags&flagMask != 0 {
					b = putNum(b, int(p.mask))
				}
			}
			js[i] = append(b, '"', ']')
			ps.terms[t] = nil
		}
	})
	return order, rank, js
}

// termPosting is one decoded posting of a term.
type termPosting struct {
	pos   int32
	flags uint8
	mask  int32
}

func uvarint(b []byte, r int) (uint32, int) {
	var v uint32
	for s := 0; ; s += 7 {
		c := b[r]
		r++
		v |= uint32(c&0x7F) << s
		if c < 0x80 {
			return v, r
		}
	}
}

// shardEntries is a sorted list of index entries to cut into shards.
type shardEntries struct {
	n     int
	key   func(i int) string           // entry i's key
	size  func(i int) int              // the length of its JSON
	write func(b []byte, i int) []byte // appends its JSON
}

// shards cuts the sorted entries into shards of about the target size,
// writes them and their directory pages under dir and returns the
// directory for the manifest and the target. The shards are made on
// every CPU, a group at a time, and each group is written before the
// next is made.
func (w *writer) shards(dir string, es shardEntries, shardBits int) (shardList, int) {
	sizes := make([]int, es.n)
	total := 0
	for i := range es.n {
		sizes[i] = es.size(i)
		total += sizes[i] + 1
	}
	target := ShardTarget
	if shardBits > 0 {
		target = max(1, total>>shardBits)
	}
	// cuts[j] is the first entry of shard j; an empty index still has one
	// (empty) shard.
	cuts := []int{0}
	start, size := 0, 2
	for i := range es.n {
		if i > start && size+sizes[i]+1 > target {
			cuts = append(cuts, i)
			start, size = i, 2
		}
		size += sizes[i] + 1
	}
	cuts = append(cuts, es.n)
	ns := len(cuts) - 1
	hashes := make([]string, ns)
	w.inGroups(dir, ns, hashes, func(j int) []byte {
		n := 1
		for i := cuts[j]; i < cuts[j+1]; i++ {
			n += sizes[i] + 1
		}
		b := make([]byte, 1, max(2, n))
		b[0] = '['
		for i := cuts[j]; i < cuts[j+1]; i++ {
			if i > cuts[j] {
				b = append(b, ',')
			}
			b = es.write(b, i)
		}
		return append(b, ']')
	})
	keys := make([]string, ns)
	for j := 1; j < ns; j++ {
		keys[j] = es.key(cuts[j])
	}

	l := shardList{Dir: dir, Per: pagePer}
	for i := 0; i < len(keys); i += pagePer {
		j := min(i+pagePer, len(keys))
		p := &shardPage{Keys: keys[i:j], Hashes: strings.Join(hashes[i:j], "")}
		r := pageRef{Key: keys[i], Page: p}
		if len(keys) > pagePer {
			r = pageRef{Key: keys[i], File: "i/" + w.put("i/", marshal(p)) + ".json"}
		}
		l.Pages = append(l.Pages, r)
	}
	return l, target
}

// termShards lists the term entries for writer.shards.
func termShards(ps *postings, order []uint32, js [][]byte) shardEntries {
	return shardEntries{
		n:     len(order),
		key:   func(i int) string { return ps.d.termKeys[order[i]] },
		size:  func(i int) int { return len(js[i]) },
		write: func(b []byte, i int) []byte { b = append(b, js[i]...); js[i] = nil; return b },
	}
}

// pairShards lists the pair entries, ["<fold> <fold>", postings], for
// writer.shards, in key order: as no fold holds a character below the
// space, that is the order of the first fold, then the second.
func pairShards(ps *postings, rank []int32) shardEntries {
	d := ps.d
	// A pair's rank in key order is the rank of its first term, then of
	// its second, packed into as few bits as they need.
	shift := uint(bits.Len(uint(len(rank))))
	ks := make([]rankedPair, len(ps.pairKeys))
	for p, k := range ps.pairKeys {
		ks[p] = rankedPair{uint64(rank[k>>32])<<shift | uint64(rank[uint32(k)]), uint32(p)}
	}
	sortRanked(ks, 2*shift)
	// The postings in key order, read in that order from now on.
	pairs := ps.pairPostings(func(i int) uint32 { return ks[i].id }, len(ks))
	plen := make([]int32, len(ks)) // the length of each pair's postings, written
	parallel(len(ks), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			plen[i] = int32(pairLen(pairs[i], ps.n))
		}
	})
	// Each fold as a JSON string without its quotes, escaped once for
	// all the pairs it is part of: esc[escAt[t]:escAt[t+1]].
	var esc []byte
	escAt := make([]int32, len(d.termKeys)+1)
	for t, k := range d.termKeys {
		if rank[t] >= 0 {
			n := len(esc)
			esc = appendString(esc, k)
			copy(esc[n:], esc[n+1:len(esc)-1]) // the quotes go
			esc = esc[:len(esc)-2]
		}
		escAt[t+1] = int32(len(esc))
	}
	escaped := func(t uint32) []byte { return esc[escAt[t]:escAt[t+1]] }
	return shardEntries{
		n: len(ks),
		key: func(i int) string {
			k := ps.pairKeys[ks[i].id]
			return d.termKeys[k>>32] + " " + d.termKeys[uint32(k)]
		},
		size: func(i int) int {
			k := ps.pairKeys[ks[i].id]
			return len(escaped(uint32(k>>32))) + len(escaped(uint32(k))) + int(plen[i]) + 8
		},
		write: func(b []byte, i int) []byte {
			id := ks[i].id
			k := ps.pairKeys[id]
			b = append(b, '[', '"') // ["<fold> <fold>","<postings>"]
			b = append(b, escaped(uint32(k>>32))...)
			b = append(b, ' ')
			b = append(b, escaped(uint32(k))...)
			b = append(b, '"', ',', '"')
			b = appendPairPostings(b, pairs[i], ps.n, int(plen[i]))
			return append(b, '"', ']')
		},
	}
}

// rankedPair is a pair, by its number in postings.pairs, and its rank.
type rankedPair struct {
	rank uint64
	id   uint32
}

// sortRanked sorts pairs by their ranks, which are distinct and below
// 2^bits: a radix sort, 11 bits at a time, as there may be millions.
func sortRanked(ks []rankedPair, bits uint) {
	if len(ks) < 256 {
		slices.SortFunc(ks, func(a, b rankedPair) int { return cmp.Compare(a.rank, b.rank) })
		return
	}
	const digit = 11
	tmp := make([]rankedPair, len(ks))
	var count [1 << digit]int32
	src, dst := ks, tmp
	for shift := uint(0); shift < bits; shift += digit {
		clear(count[:])
		for _, k := range src {
			count[k.rank>>shift&(1<<digit-1)]++
		}
		var sum int32
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for _, k := range src {
			b := k.rank >> shift & (1<<digit - 1)
			dst[count[b]] = k
			count[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &ks[0] {
		copy(ks, src)
	}
}

// pairLen is the length of a pair's postings (in the interim form, by
// position) once written by document number. Written, the gap of each
// posting but the first is the gap the next one has by position; the
// first is its document number.
func pairLen(in []byte, n int32) int {
	l, pos := 0, int32(-1)
	for r := 0; r < len(in); {
		gap, _, simple, next := readHead(in, r)
		if r = next; !simple {
			r++
		}
		if pos >= 0 {
			l += numLen(int(gap))
		}
		pos += int32(gap) + 1
		l++
	}
	if pos >= 0 {
		l += numLen(int(n - 1 - pos))
	}
	return l
}

// appendPairPostings appends a pair's postings, in the interim form by
// position, as written by document number; l is their pairLen. Each is
// put in place from the end backwards, as the positions come.
func appendPairPostings(b, in []byte, n int32, l int) []byte {
	start := len(b)
	b = slices.Grow(b, l)[:start+l]
	end := len(b)
	pos := int32(-1)
	var flags byte
	for r := 0; r < len(in); {
		gap, f, simple, next := readHead(in, r)
		r = next
		if pos >= 0 {
			end--
			b[end] = alphabet[flags]
			end = putNumBefore(b, end, int(gap))
		}
		pos += int32(gap) + 1
		if flags = f; !simple {
			flags = in[r]
			r++
		}
	}
	if pos >= 0 {
		end--
		b[end] = alphabet[flags]
		end = putNumBefore(b, end, int(n-1-pos))
	}
	if end != start {
		panic("search: pairLen and appendPairPostings disagree")
	}
	return b
}

// store writes the document store: chunks of Per consecutive documents,
// each [url, type, title, date, cluster, excerpt]. The records are let go
// as they are written.
func (w *writer) store(recs [][]byte) storeList {
	total := 0
	for _, r := range recs {
		total += len(r) + 1
	}
	per := 1
	if len(recs) > 0 {
		per = min(64, max(1, chunkTarget*len(recs)/total))
	}
	l := storeList{Dir: "d/", Per: per}
	hashes := make([]string, (len(recs)+per-1)/per)
	w.inGroups(l.Dir, len(hashes), hashes, func(c int) []byte {
		part := recs[c*per : min((c+1)*per, len(recs))]
		n := 1
		for _, r := range part {
			n += len(r) + 1
		}
		b := make([]byte, 1, n)
		b[0] = '['
		for j, r := range part {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, r...)
			part[j] = nil
		}
		return append(b, ']')
	})
	l.Hashes = strings.Join(hashes, "")
	return l
}

// attrs writes the filter attributes file: {"t": per document its
// index in types, "c": per document 1 + its cluster's index in clusters,
// or 0}.
func (w *writer) attrs(ds []Doc, meta Meta) (types, clusters [][2]string, file string) {
	present := map[string]bool{}
	cl := map[string]bool{}
	for _, d := range ds {
		present[d.Type] = true
		if d.Cluster != "" {
			cl[d.Cluster] = true
		}
	}
	types = [][2]string{}
	for _, t := range typeLabels {
		if present[t[0]] {
			types = append(types, t)
			delete(present, t[0])
		}
	}
	rest := make([]string, 0, len(present))
	for t := range present {
		rest = append(rest, t)
	}
	slices.Sort(rest)
	for _, t := range rest {
		types = append(types, [2]string{t, t})
	}
	clusters = [][2]string{}
	for id := range cl {
		name := meta.ClusterNames[id]
		if name == "" {
			name = id
		}
		clusters = append(clusters, [2]string{id, name})
	}
	slices.SortFunc(clusters, func(a, b [2]string) int {
		return cmp.Or(viet.Compare(a[1], b[1]), strings.Compare(a[0], b[0]))
	})
	a := attrFile{T: make([]int, len(ds)), C: make([]int, len(ds))}
	for i, d := range ds {
		a.T[i] = slices.IndexFunc(types, func(t [2]string) bool { return t[0] == d.Type })
		if d.Cluster != "" {
			a.C[i] = 1 + slices.IndexFunc(clusters, func(c [2]string) bool { return c[0] == d.Cluster })
		}
	}
	return types, clusters, "a/" + w.put("a/", marshal(a)) + ".json"
}

// yearRanges lists [year, first id, end id) for each year, oldest first.
func yearRanges(ds []Doc) [][3]int {
	ys := [][3]int{}
	for i, d := range ds {
		if d.Year == 0 {
			continue // undated documents come first
		}
		if n := len(ys); n > 0 && ys[n-1][0] == d.Year {
			ys[n-1][2] = i + 1
		} else {
			ys = append(ys, [3]int{d.Year, i, i + 1})
		}
	}
	return ys
}

// put writes b as Dir+dir+hash+".json" and returns the hash.
func (w *writer) put(dir string, b []byte) string {
	h := contentHash(b)
	w.write(dir, h, b)
	return h
}

func (w *writer) write(dir, hash string, b []byte) {
	name := Dir + dir + hash + ".json"
	if !w.seen[name] {
		w.seen[name] = true
		w.emit(name, b)
	}
}

// groupFiles is how many files, per CPU, inGroups makes before it writes
// them.
const groupFiles = 16

// inGroups makes files 0…n-1 under dir with file(i), on every CPU, a
// group at a time, hashes them and writes each group before it makes the
// next; hashes[i] is file i's hash.
func (w *writer) inGroups(dir string, n int, hashes []string, file func(i int) []byte) {
	group := groupFiles * runtime.GOMAXPROCS(0)
	files := make([][]byte, min(n, group))
	for lo := 0; lo < n; lo += group {
		hi := min(n, lo+group)
		parallel(hi-lo, func(a, b int) {
			for i := lo + a; i < lo+b; i++ {
				files[i-lo] = file(i)
				hashes[i] = contentHash(files[i-lo])
			}
		})
		for i := lo; i < hi; i++ {
			w.write(dir, hashes[i], files[i-lo])
			files[i-lo] = nil
		}
	}
}

func contentHash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:5])
}

// parallel calls f on consecutive ranges of 0…n-1 on every CPU.
func parallel(n int, f func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < 2 || workers == 1 {
		f(0, n)
		return
	}
	step := max(1, n/(8*workers))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for {
				lo := int(next.Add(int64(step))) - step
				if lo >= n {
					return
				}
				f(lo, min(lo+step, n))
			}
		})
	}
	wg.Wait()
}
