package search

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// Filter narrows a query. Zero fields do not filter.
type Filter struct {
	Type    string // a Doc.Type
	Cluster string // a cluster id
	Year    int
}

// A Segment is a piece of displayed text; Mark pieces are matched words.
type Segment struct {
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

// Result is one hit, in rank order.
type Result struct {
	URL       string    `json:"url"` // site path, without the base path
	Type      string    `json:"type"`
	Title     string    `json:"title"`
	Date      string    `json:"date"`
	Cluster   string    `json:"cluster"`
	TitleSegs []Segment `json:"titleSegs"` // Title with matched words marked
	Snippet   []Segment `json:"snippet"`
	// Rank holds the sort keys, compared in order, larger first: adjacent
	// query-word pairs found, words matched with their diacritics, words
	// matched whole (not only as a prefix), field weight.
	Rank [4]int `json:"rank"`
}

// Query runs q against the index in files (as returned by Build) the way
// search.js does in the browser, and returns every result in rank order.
// It is the reference the client is tested against. A broken index gives
// no results.
func Query(files map[string][]byte, q string, f Filter) []Result {
	s := newSession(func(name string) ([]byte, error) {
		b, ok := files[Dir+name]
		if !ok {
			return nil, fmt.Errorf("search: no file %s", name)
		}
		return b, nil
	})
	res, _, err := s.search(q, f, -1)
	if err != nil {
		return nil
	}
	return res
}

const (
	// maxWords caps the query words looked up; the rest are ignored.
	maxWords = 10
	// snippetBefore and snippetWords place the snippet window: it starts
	// snippetBefore tokens before the first matched token of the excerpt
	// and is snippetWords tokens long.
	snippetBefore = 8
	snippetWords  = 40
)

// How the last word, when it is being typed, is completed.
const (
	modeFull = iota // from every term it begins (all their shards fit the budget)
	modePair        // only after the previous word, from the pair shards
	modeWord        // not completed: matched whole
)

// session is a client: it loads files once and keeps them, as the browser
// keeps fetched shards between keystrokes.
type session struct {
	load   func(name string) ([]byte, error) // name relative to Dir
	m      *manifest
	pages  map[string]*shardPage // by list dir and page index
	terms  map[int][]termEntry   // by shard index
	pairs  map[int][]pairEntry
	chunks map[int][][]string
	attrs  *attrFile
}

type termEntry struct {
	key      string
	variants []string
	posts    string
}

type pairEntry struct{ key, posts string }

type attrFile struct {
	T []int `json:"t"` // type index per document
	C []int `json:"c"` // 1 + cluster index per document, 0 for none
}

func newSession(load func(string) ([]byte, error)) *session {
	return &session{load: load, pages: map[string]*shardPage{}, terms: map[int][]termEntry{}, pairs: map[int][]pairEntry{}, chunks: map[int][][]string{}}
}

func (s *session) manifest() (*manifest, error) {
	if s.m == nil {
		m := new(manifest)
		if err := s.loadJSON("index.json", m); err != nil {
			return nil, err
		}
		if m.V != version || len(m.Terms.Pages) == 0 || len(m.Pairs.Pages) == 0 || m.Terms.Per <= 0 || m.Pairs.Per <= 0 || m.Docs.Per <= 0 {
			return nil, errors.New("search: index.json: unknown version or no shards")
		}
		s.m = m
	}
	return s.m, nil
}

// find returns the index of the last of keys (sorted, keys[0] <= k) that
// is not after k: the shard or page that holds k.
func find(keys []string, k string) int {
	i, found := slices.BinarySearchFunc(keys, k, cmpKey)
	if found {
		return i
	}
	return max(0, i-1)
}

func (s *session) page(l *shardList, i int) (*shardPage, error) {
	if i < 0 || i >= len(l.Pages) {
		return nil, errors.New("search: shard out of range")
	}
	if p := l.Pages[i].Page; p != nil {
		return p, nil
	}
	id := l.Dir + strconv.Itoa(i)
	if p, ok := s.pages[id]; ok {
		return p, nil
	}
	p := new(shardPage)
	if err := s.loadJSON(l.Pages[i].File, p); err != nil {
		return nil, err
	}
	s.pages[id] = p
	return p, nil
}

// locate returns the index of the shard that holds key.
func (s *session) locate(l *shardList, key string) (int, error) {
	i := find(pageKeys(l), key)
	p, err := s.page(l, i)
	if err != nil {
		return 0, err
	}
	return i*l.Per + find(p.Keys, key), nil
}

func pageKeys(l *shardList) []string {
	ks := make([]string, len(l.Pages))
	for i, p := range l.Pages {
		ks[i] = p.Key
	}
	return ks
}

// shardFile returns the file name of shard j.
func (s *session) shardFile(l *shardList, j int) (string, error) {
	p, err := s.page(l, j/l.Per)
	if err != nil {
		return "", err
	}
	k := j % l.Per
	if 10*k+10 > len(p.Hashes) {
		return "", errors.New("search: shard out of range")
	}
	return l.Dir + p.Hashes[10*k:10*k+10] + ".json", nil
}

// plan is what a query needs.
type plan struct {
	ws        []word
	prefix    bool // the last word is being typed
	mode      int
	lo, hi    int  // term shards of the last word's completions (modeFull)
	plo, phi  int  // pair shards of the last pair's completions
	pairRange bool // plo..phi were fetched
	terms     []int
	pairs     []int
}

func (s *session) plan(q string) (p plan, err error) {
	m := s.m
	p = plan{ws: analyze(q), mode: modeWord}
	if len(p.ws) > maxWords {
		p.ws = p.ws[:maxWords]
	} else {
		p.prefix = len(p.ws) > 0 && endsInWord(q)
	}
	n := len(p.ws)
	if n == 0 {
		return p, nil
	}
	// Locate every key first (this loads the directory pages), then
	// decide.
	var tj, pj []int
	for _, w := range p.ws {
		j, err := s.locate(&m.Terms, w.Fold)
		if err != nil {
			return p, err
		}
		tj = append(tj, j)
	}
	if p.prefix {
		if p.hi, err = s.locate(&m.Terms, prefixEnd(p.ws[n-1].Fold)); err != nil {
			return p, err
		}
	}
	for i := 0; i+1 < n; i++ {
		j, err := s.locate(&m.Pairs, p.ws[i].Fold+" "+p.ws[i+1].Fold)
		if err != nil {
			return p, err
		}
		pj = append(pj, j)
	}
	if p.prefix && n >= 2 {
		if p.phi, err = s.locate(&m.Pairs, prefixEnd(p.ws[n-2].Fold+" "+p.ws[n-1].Fold)); err != nil {
			return p, err
		}
	}

	// extra is what fetching shards lo..hi costs, in shards, beyond lo
	// (the shard the key itself is in) and shards already needed.
	extra := func(need map[int]bool, lo, hi int) int {
		n := 0
		for j := lo + 1; j <= hi; j++ {
			if !need[j] {
				n++
			}
		}
		return n
	}
	tn := map[int]bool{}
	for _, j := range tj {
		tn[j] = true
	}
	if p.prefix {
		p.lo = tj[n-1]
		if extra(tn, p.lo, p.hi) <= m.Budget {
			p.mode = modeFull
			for j := p.lo; j <= p.hi; j++ {
				tn[j] = true
			}
		} else if n >= 2 {
			p.mode = modePair
		}
	}
	pn := map[int]bool{}
	for _, j := range pj {
		pn[j] = true
	}
	if p.prefix && n >= 2 {
		p.plo = pj[n-2]
		if extra(pn, p.plo, p.phi) <= m.Budget {
			p.pairRange = true
			for j := p.plo; j <= p.phi; j++ {
				pn[j] = true
			}
		}
	}
	p.terms, p.pairs = sortedKeys(tn), sortedKeys(pn)
	return p, nil
}

func sortedKeys(m map[int]bool) []int {
	ks := make([]int, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func (s *session) fetch(p plan, f Filter) error {
	m := s.m
	for _, j := range p.terms {
		if _, ok := s.terms[j]; ok {
			continue
		}
		name, err := s.shardFile(&m.Terms, j)
		if err != nil {
			return err
		}
		var raw [][]json.RawMessage
		if err := s.loadJSON(name, &raw); err != nil {
			return err
		}
		es := make([]termEntry, len(raw))
		for i, r := range raw {
			if len(r) != 3 || json.Unmarshal(r[0], &es[i].key) != nil || json.Unmarshal(r[1], &es[i].variants) != nil || json.Unmarshal(r[2], &es[i].posts) != nil {
				return errors.New("search: malformed term shard")
			}
		}
		s.terms[j] = es
	}
	for _, j := range p.pairs {
		if _, ok := s.pairs[j]; ok {
			continue
		}
		name, err := s.shardFile(&m.Pairs, j)
		if err != nil {
			return err
		}
		var raw [][2]string
		if err := s.loadJSON(name, &raw); err != nil {
			return err
		}
		es := make([]pairEntry, len(raw))
		for i, r := range raw {
			es[i] = pairEntry{r[0], r[1]}
		}
		s.pairs[j] = es
	}
	if (f.Type != "" || f.Cluster != "") && s.attrs == nil {
		a := new(attrFile)
		if err := s.loadJSON(m.Attrs, a); err != nil {
			return err
		}
		s.attrs = a
	}
	return nil
}

func (s *session) loadJSON(name string, v any) error {
	b, err := s.load(name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("search: %s: %v", name, err)
	}
	return nil
}

// hit is what one query word found in one document.
type hit struct {
	flags        int
	exact, whole bool
}

// merge combines two hits of one word in one document (from different
// completions): fields are or-ed, the body bucket is the larger.
func merge(a, b hit) hit {
	return hit{
		flags: (a.flags|b.flags)&^flagBody | max(a.flags&flagBody, b.flags&flagBody),
		exact: a.exact || b.exact,
		whole: a.whole || b.whole,
	}
}

// weight is the field weight of a hit: the flags are laid out for it.
func weight(flags int) int { return flags & 31 }

// eachPost decodes a posting string.
func eachPost(s string, masks bool, fn func(doc, flags, mask int)) error {
	r := reader{s: s}
	doc := -1
	for r.more() {
		doc += r.num() + 1
		f := r.char()
		mask := 1
		if masks && f&flagMask != 0 {
			mask = r.num()
		}
		if !r.bad {
			fn(doc, f, mask)
		}
	}
	if r.bad {
		return errors.New("search: malformed postings")
	}
	return nil
}

// addTerm records the documents of one term for one word. A document
// matches exactly if it has a variant equal to the word's exact form, or,
// for the word being typed, beginning with it; a word typed without
// diacritics (exact form = fold) never matches exactly.
func addTerm(h map[int]hit, e *termEntry, w word, typing, whole bool) error {
	em := 0
	for i, v := range e.variants {
		if w.Exact != w.Fold && (v == w.Exact || typing && strings.HasPrefix(v, w.Exact)) {
			em |= 1 << i
		}
	}
	return eachPost(e.posts, true, func(doc, flags, mask int) {
		x := hit{flags: flags &^ flagMask, exact: mask&em != 0, whole: whole}
		if o, ok := h[doc]; ok {
			x = merge(o, x)
		}
		h[doc] = x
	})
}

func (s *session) term(key string) *termEntry {
	j, err := s.locate(&s.m.Terms, key) // its page is loaded
	if err != nil {
		return nil
	}
	es := s.terms[j]
	i, ok := slices.BinarySearchFunc(es, key, func(e termEntry, k string) int { return cmpKey(e.key, k) })
	if !ok {
		return nil
	}
	return &es[i]
}

// pairDocs returns the documents where key (or, with typing, any pair
// beginning with key, from shards lo..hi) occurs, with the pair's fields;
// whole is set where key itself occurs.
func (s *session) pairDocs(key string, typing bool, lo, hi int) (map[int]hit, error) {
	docs := map[int]hit{}
	if !typing {
		j, err := s.locate(&s.m.Pairs, key) // its page is loaded
		if err != nil {
			return nil, err
		}
		lo, hi = j, j
	}
	for j := lo; j <= hi; j++ {
		for _, e := range s.pairs[j] {
			if e.key != key && !(typing && strings.HasPrefix(e.key, key)) {
				continue
			}
			err := eachPost(e.posts, false, func(doc, flags, _ int) {
				x := hit{flags: flags, whole: e.key == key}
				if o, ok := docs[doc]; ok {
					x = merge(o, x)
				}
				docs[doc] = x
			})
			if err != nil {
				return nil, err
			}
		}
	}
	return docs, nil
}

type ranked struct {
	doc  int
	rank [4]int
}

// search runs q and returns the first limit results (all if limit < 0)
// and how many there are.
func (s *session) search(q string, f Filter, limit int) ([]Result, int, error) {
	if _, err := s.manifest(); err != nil {
		return nil, 0, err
	}
	p, err := s.plan(q)
	if err != nil {
		return nil, 0, err
	}
	n := len(p.ws)
	if n == 0 {
		return nil, 0, nil
	}
	if err := s.fetch(p, f); err != nil {
		return nil, 0, err
	}

	// Phrase: the documents of each adjacent pair of words.
	phr := make([]map[int]hit, n-1)
	for i := range phr {
		typing := p.prefix && i == n-2 && p.pairRange
		if phr[i], err = s.pairDocs(p.ws[i].Fold+" "+p.ws[i+1].Fold, typing, p.plo, p.phi); err != nil {
			return nil, 0, err
		}
	}
	// Words.
	hits := make([]map[int]hit, n)
	for i, w := range p.ws {
		h := map[int]hit{}
		typing := p.prefix && i == n-1
		if typing && p.mode == modeFull {
			for j := p.lo; j <= p.hi; j++ {
				for k := range s.terms[j] {
					e := &s.terms[j][k]
					if strings.HasPrefix(e.key, w.Fold) {
						if err := addTerm(h, e, w, true, e.key == w.Fold); err != nil {
							return nil, 0, err
						}
					}
				}
			}
		} else if e := s.term(w.Fold); e != nil {
			if err := addTerm(h, e, w, typing, true); err != nil {
				return nil, 0, err
			}
		}
		if typing && p.mode == modePair {
			for doc, x := range phr[n-2] {
				if o, ok := h[doc]; ok {
					x = merge(o, x)
				}
				h[doc] = x
			}
		}
		hits[i] = h
	}

	keep, err := s.filter(f)
	if err != nil {
		return nil, 0, err
	}
	smallest := 0
	for i, h := range hits {
		if len(h) < len(hits[smallest]) {
			smallest = i
		}
	}
	var rs []ranked
	for doc := range hits[smallest] {
		if !keep(doc) {
			continue
		}
		var r ranked
		r.doc = doc
		ok := true
		for _, h := range hits {
			x, found := h[doc]
			if !found {
				ok = false
				break
			}
			r.rank[1] += b2i(x.exact)
			r.rank[2] += b2i(x.whole)
			r.rank[3] += weight(x.flags)
		}
		if !ok {
			continue
		}
		for _, ph := range phr {
			if _, found := ph[doc]; found {
				r.rank[0]++
			}
		}
		rs = append(rs, r)
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		return cmp.Or(slices.Compare(b.rank[:], a.rank[:]), b.doc-a.doc)
	})

	total := len(rs)
	if limit >= 0 && len(rs) > limit {
		rs = rs[:limit]
	}
	match := matcher(p)
	out := make([]Result, 0, len(rs))
	for _, r := range rs {
		rec, err := s.record(r.doc)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, Result{
			URL: rec[0], Type: rec[1], Title: rec[2], Date: rec[3], Cluster: rec[4],
			TitleSegs: highlight(rec[2], match, false),
			Snippet:   highlight(rec[5], match, true),
			Rank:      r.rank,
		})
	}
	return out, total, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// filter returns whether a document passes f.
func (s *session) filter(f Filter) (func(int) bool, error) {
	m, a := s.m, s.attrs
	from, to := 0, m.N
	if f.Year != 0 {
		from, to = 0, 0
		for _, y := range m.Years {
			if y[0] == f.Year {
				from, to = y[1], y[2]
			}
		}
	}
	ti := slices.IndexFunc(m.Types, func(t [2]string) bool { return t[0] == f.Type })
	ci := slices.IndexFunc(m.Clusters, func(c [2]string) bool { return c[0] == f.Cluster }) + 1
	if ci == 0 {
		ci = -1 // matches nothing
	}
	if a != nil && (len(a.T) != m.N || len(a.C) != m.N) {
		return nil, errors.New("search: malformed attributes file")
	}
	return func(doc int) bool {
		return doc >= from && doc < to &&
			(f.Type == "" || a.T[doc] == ti) &&
			(f.Cluster == "" || a.C[doc] == ci)
	}, nil
}

// record returns the stored [url, type, title, date, cluster, excerpt] of
// a document.
func (s *session) record(doc int) ([]string, error) {
	d := s.m.Docs
	c := doc / d.Per
	if _, ok := s.chunks[c]; !ok {
		if 10*c+10 > len(d.Hashes) {
			return nil, errors.New("search: document out of range")
		}
		var recs [][]string
		if err := s.loadJSON(d.Dir+d.Hashes[10*c:10*c+10]+".json", &recs); err != nil {
			return nil, err
		}
		s.chunks[c] = recs
	}
	recs := s.chunks[c]
	if i := doc % d.Per; i < len(recs) && len(recs[i]) == 6 {
		return recs[i], nil
	}
	return nil, errors.New("search: malformed document store")
}

// matcher returns whether a folded token is to be marked: it is one of
// the query words, or begins with the word being typed.
func matcher(p plan) func(string) bool {
	set := map[string]bool{}
	for _, w := range p.ws {
		set[w.Fold] = true
	}
	last := p.ws[len(p.ws)-1].Fold
	return func(f string) bool { return set[f] || p.prefix && strings.HasPrefix(f, last) }
}

// span is a token of displayed text and where it is.
type span struct {
	start, end int
	fold       string
}

func spans(s string) []span {
	var sp []span
	pos := 0
	for _, t := range viet.Tokens(s) {
		i := pos + strings.Index(s[pos:], t) // tokens are maximal runs, so the first occurrence is it
		sp = append(sp, span{i, i + len(t), viet.Fold(t)})
		pos = i + len(t)
	}
	return sp
}

// highlight cuts text into segments, marking matched tokens. With window,
// only snippetWords tokens are kept, starting snippetBefore tokens before
// the first match, and "…" marks what was cut.
func highlight(text string, match func(string) bool, window bool) []Segment {
	sp := spans(text)
	segs := []Segment{}
	push := func(t string, mark bool) {
		if t == "" {
			return
		}
		if n := len(segs); n > 0 && !mark && !segs[n-1].Mark {
			segs[n-1].Text += t
			return
		}
		segs = append(segs, Segment{t, mark})
	}
	lo, hi := 0, len(sp)
	if window && len(sp) > 0 {
		first := slices.IndexFunc(sp, func(x span) bool { return match(x.fold) })
		lo = max(0, first-snippetBefore) // first == -1: from the start
		hi = min(len(sp), lo+snippetWords)
	}
	pos := 0
	if lo > 0 {
		push("…", false)
		pos = sp[lo].start
	}
	for _, x := range sp[lo:hi] {
		push(text[pos:x.start], false)
		push(text[x.start:x.end], match(x.fold))
		pos = x.end
	}
	if hi < len(sp) {
		push("…", false)
	} else {
		push(text[pos:], false)
	}
	return segs
}
