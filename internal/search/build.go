package search

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

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
	if opt.ShardBits < 0 || opt.ShardBits > 20 {
		return nil, fmt.Errorf("search: ShardBits %d out of range 0–20", opt.ShardBits)
	}
	ds, err := prepare(docs)
	if err != nil {
		return nil, err
	}
	an := analyzeAll(ds)
	terms, pairs := invert(an)

	out := map[string][]byte{}
	m := manifest{V: version, N: len(ds)}
	var target int
	m.Terms, target = writeShards(out, "s/", terms, opt.ShardBits)
	m.Pairs, _ = writeShards(out, "p/", pairs, opt.ShardBits)
	m.Budget = max(1, PrefixBudget/target)
	m.Docs = writeStore(out, ds)
	m.Types, m.Clusters, m.Attrs = writeAttrs(out, ds, meta)
	m.Years = yearRanges(ds)
	out[ManifestFile] = marshal(m)
	return out, nil
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

// prepare validates the documents and puts them in id order: undated
// first, then by year, date and URL. "Newest first" is then "highest id
// first", each year is a contiguous id range, and a new article, added at
// the end, leaves the other documents' ids and store chunks unchanged.
func prepare(docs []Doc) ([]Doc, error) {
	ds := slices.Clone(docs)
	seen := map[string]bool{}
	for i := range ds {
		d := &ds[i]
		if d.URL == "" {
			return nil, fmt.Errorf("search: document %d (%q) has no URL", i, d.Title)
		}
		if seen[d.URL] {
			return nil, fmt.Errorf("search: two documents have the URL %s", d.URL)
		}
		seen[d.URL] = true
		if d.Date != "" {
			y, err := dateYear(d.Date)
			if err != nil {
				return nil, fmt.Errorf("search: %s: %v", d.URL, err)
			}
			if d.Year == 0 {
				d.Year = y
			} else if d.Year != y {
				return nil, fmt.Errorf("search: %s: Year %d but Date %s", d.URL, d.Year, d.Date)
			}
		}
		if d.Year < 0 || d.Year > 9999 {
			return nil, fmt.Errorf("search: %s: Year %d out of range", d.URL, d.Year)
		}
	}
	slices.SortFunc(ds, func(a, b Doc) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), strings.Compare(a.Date, b.Date), strings.Compare(a.URL, b.URL))
	})
	return ds, nil
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

// docTerms is one document's contribution to the index.
type docTerms struct {
	terms map[string]*termHit
	pairs map[string]*pairHit
}

type termHit struct {
	flags    int
	body     int
	variants []string // distinct exact forms, first-seen order
}

type pairHit struct{ flags, body int }

func analyzeAll(ds []Doc) []docTerms {
	an := make([]docTerms, len(ds))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				an[i] = analyzeDoc(&ds[i])
			}
		})
	}
	for i := range ds {
		next <- i
	}
	close(next)
	wg.Wait()
	return an
}

func analyzeDoc(d *Doc) docTerms {
	dt := docTerms{terms: map[string]*termHit{}, pairs: map[string]*pairHit{}}
	add := func(text string, flag int) {
		ws := analyze(text)
		for i, w := range ws {
			h := dt.terms[w.Fold]
			if h == nil {
				h = &termHit{}
				dt.terms[w.Fold] = h
			}
			if flag == 0 {
				h.body++
			} else {
				h.flags |= flag
			}
			if !slices.Contains(h.variants, w.Exact) {
				h.variants = append(h.variants, w.Exact)
			}
			if i > 0 {
				k := ws[i-1].Fold + " " + w.Fold
				p := dt.pairs[k]
				if p == nil {
					p = &pairHit{}
					dt.pairs[k] = p
				}
				if flag == 0 {
					p.body++
				} else {
					p.flags |= flag
				}
			}
		}
	}
	add(d.Title, flagTitle)
	add(d.Summary, flagSummary)
	add(d.Place, flagMeta)
	for _, p := range d.People {
		add(p, flagMeta)
	}
	add(d.Body, 0)
	return dt
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

// An entry is one key's JSON, ready to be put in a shard.
type entry struct {
	key  string
	json []byte
}

type termAcc struct {
	df    map[string]int // exact form → documents
	posts []termPost
}

type termPost struct {
	doc, flags int
	variants   []string
}

// invert turns the per-document analysis into sorted term and pair
// entries.
func invert(an []docTerms) (terms, pairs []entry) {
	tacc := map[string]*termAcc{}
	pacc := map[string][]byte{}
	plast := map[string]int{}
	for id, dt := range an {
		for k, h := range dt.terms {
			a := tacc[k]
			if a == nil {
				a = &termAcc{df: map[string]int{}}
				tacc[k] = a
			}
			for _, v := range h.variants {
				a.df[v]++
			}
			a.posts = append(a.posts, termPost{id, h.flags | bodyBucket(h.body), h.variants})
		}
		// Pairs are encoded as they come: documents arrive in id order.
		for k, h := range dt.pairs {
			last, ok := plast[k]
			if !ok {
				last = -1
			}
			b := putNum(pacc[k], id-last-1)
			pacc[k] = append(b, alphabet[h.flags|bodyBucket(h.body)])
			plast[k] = id
		}
	}
	for k, a := range tacc {
		slices.SortFunc(a.posts, func(x, y termPost) int { return x.doc - y.doc })
		terms = append(terms, entry{k, termJSON(k, a)})
	}
	for k, p := range pacc {
		pairs = append(pairs, entry{k, marshal([]any{k, string(p)})})
	}
	slices.SortFunc(terms, func(a, b entry) int { return cmpKey(a.key, b.key) })
	slices.SortFunc(pairs, func(a, b entry) int { return cmpKey(a.key, b.key) })
	return terms, pairs
}

// termJSON encodes one term: [key, variants, postings]. Variants are the
// exact forms by document frequency, most frequent first; a posting
// without flagMask has variant 0 only.
func termJSON(key string, a *termAcc) []byte {
	vs := make([]string, 0, len(a.df))
	for v := range a.df {
		vs = append(vs, v)
	}
	slices.SortFunc(vs, func(x, y string) int { return cmp.Or(a.df[y]-a.df[x], cmpKey(x, y)) })
	if len(vs) > maxVariants {
		vs = vs[:maxVariants]
	}
	idx := make(map[string]int, len(vs))
	for i, v := range vs {
		idx[v] = i
	}
	var b []byte
	last := -1
	for _, p := range a.posts {
		mask := 0
		for _, v := range p.variants {
			if i, ok := idx[v]; ok {
				mask |= 1 << i
			}
		}
		f := p.flags
		if mask != 1 {
			f |= flagMask
		}
		b = putNum(b, p.doc-last-1)
		b = append(b, alphabet[f])
		if mask != 1 {
			b = putNum(b, mask)
		}
		last = p.doc
	}
	return marshal([]any{key, vs, string(b)})
}

// writeShards cuts the sorted entries into shards of about the target
// size, writes them and their directory pages under dir and returns the
// directory for the manifest and the target.
func writeShards(out map[string][]byte, dir string, es []entry, shardBits int) (shardList, int) {
	total := 0
	for _, e := range es {
		total += len(e.json) + 1
	}
	target := ShardTarget
	if shardBits > 0 {
		target = max(1, total>>shardBits)
	}
	var keys, hashes []string
	flush := func(part []entry) {
		var b bytes.Buffer
		b.WriteByte('[')
		for i, e := range part {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(e.json)
		}
		b.WriteByte(']')
		key := ""
		if len(keys) > 0 {
			key = part[0].key
		}
		keys = append(keys, key)
		hashes = append(hashes, put(out, dir, b.Bytes()))
	}
	start, size := 0, 2
	for i, e := range es {
		if i > start && size+len(e.json)+1 > target {
			flush(es[start:i])
			start, size = i, 2
		}
		size += len(e.json) + 1
	}
	flush(es[start:]) // an empty index still has one (empty) shard

	l := shardList{Dir: dir, Per: pagePer}
	for i := 0; i < len(keys); i += pagePer {
		j := min(i+pagePer, len(keys))
		p := &shardPage{Keys: keys[i:j], Hashes: strings.Join(hashes[i:j], "")}
		r := pageRef{Key: keys[i], Page: p}
		if len(keys) > pagePer {
			r = pageRef{Key: keys[i], File: "i/" + put(out, "i/", marshal(p)) + ".json"}
		}
		l.Pages = append(l.Pages, r)
	}
	return l, target
}

// writeStore writes the document store: chunks of Per consecutive
// documents, each [url, type, title, date, cluster, excerpt].
func writeStore(out map[string][]byte, ds []Doc) storeList {
	recs := make([][]byte, len(ds))
	total := 0
	for i, d := range ds {
		recs[i] = marshal([]string{d.URL, d.Type, viet.NFC(d.Title), d.Date, d.Cluster, excerpt(d)})
		total += len(recs[i]) + 1
	}
	per := 1
	if len(ds) > 0 {
		per = min(64, max(1, chunkTarget*len(ds)/total))
	}
	l := storeList{Dir: "d/", Per: per}
	var hashes strings.Builder
	for i := 0; i < len(ds); i += per {
		b := []byte{'['}
		for j, r := range recs[i:min(i+per, len(ds))] {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, r...)
		}
		b = append(b, ']')
		hashes.WriteString(put(out, l.Dir, b))
	}
	l.Hashes = hashes.String()
	return l
}

// excerpt is the stored text snippets are cut from: the summary, then the
// body, spaces collapsed, cut at a space before excerptRunes runes.
func excerpt(d Doc) string {
	s := d.Summary + " " + d.Body
	if len(s) > 8*excerptRunes { // plenty for excerptRunes letters, even decomposed
		s = strings.ToValidUTF8(s[:8*excerptRunes], "")
	}
	s = strings.Join(strings.Fields(viet.NFC(s)), " ")
	if utf8.RuneCountInString(s) <= excerptRunes {
		return s
	}
	cut, n := len(s), 0
	for i := range s {
		if n == excerptRunes {
			cut = i
			break
		}
		n++
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > 0 {
		cut = sp
	}
	return s[:cut] + "…"
}

// writeAttrs writes the filter attributes file: {"t": per document its
// index in types, "c": per document 1 + its cluster's index in clusters,
// or 0}.
func writeAttrs(out map[string][]byte, ds []Doc, meta Meta) (types, clusters [][2]string, file string) {
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
	return types, clusters, "a/" + put(out, "a/", marshal(a)) + ".json"
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

// put stores b under Dir+dir+hash+".json" and returns the hash.
func put(out map[string][]byte, dir string, b []byte) string {
	h := contentHash(b)
	out[Dir+dir+h+".json"] = b
	return h
}

func contentHash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:5])
}

// marshal is json.Marshal without HTML escaping. Maps are written with
// sorted keys, so the output is deterministic.
func marshal(v any) []byte {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		panic(err) // only plain strings, numbers and slices are marshalled
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'})
}
