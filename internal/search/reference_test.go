package search

// The index builder as it was before issue #8, kept as the reference the
// fast builder must match byte for byte (TestBuildMatchesReference).

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

// Build returns the files of the search index, named by their path under
// the site root ("tim-kiem/index.json", "tim-kiem/s/<hash>.json", …). The
// same documents and meta give byte-identical files, whatever their order
// in docs.
func refBuild(docs []Doc, meta Meta) (map[string][]byte, error) {
	return refBuildWith(docs, meta, Options{})
}

// BuildWith is Build with options.
func refBuildWith(docs []Doc, meta Meta, opt Options) (map[string][]byte, error) {
	if opt.ShardBits < 0 || opt.ShardBits > 20 {
		return nil, fmt.Errorf("search: ShardBits %d out of range 0–20", opt.ShardBits)
	}
	ds, err := refPrepare(docs)
	if err != nil {
		return nil, err
	}
	an := refAnalyzeAll(ds)
	terms, pairs := refInvert(an)

	out := map[string][]byte{}
	m := refManifest{V: version, N: len(ds)}
	var target int
	m.Terms, target = refWriteShards(out, "s/", terms, opt.ShardBits)
	m.Pairs, _ = refWriteShards(out, "p/", pairs, opt.ShardBits)
	m.Budget = max(1, PrefixBudget/target)
	m.Docs = refWriteStore(out, ds)
	m.Types, m.Clusters, m.Attrs = refWriteAttrs(out, ds, meta)
	m.Years = refYearRanges(ds)
	out[ManifestFile] = refMarshal(m)
	return out, nil
}

// refManifest is tim-kiem/index.json. See the package documentation.
type refManifest struct {
	V        int          `json:"v"`
	N        int          `json:"n"`
	Budget   int          `json:"budget"` // extra shards a prefix may fetch
	Terms    refShardList `json:"terms"`
	Pairs    refShardList `json:"pairs"`
	Docs     refStoreList `json:"docs"`
	Attrs    string       `json:"attrs"`
	Types    [][2]string  `json:"types"` // [id, label]
	Clusters [][2]string  `json:"clusters"`
	Years    [][3]int     `json:"years"`
}

// refShardList is a directory of shards in key order, in pages of Per
// shards. Shard j is refEntry j%Per of page j/Per.
type refShardList struct {
	Dir   string       `json:"dir"`
	Per   int          `json:"per"`
	Pages []refPageRef `json:"pages"`
}

// refPageRef is [first key, page]: the page is inline when the list has a
// single page, else the file name "i/<hash>.json".
type refPageRef struct {
	Key  string
	File string
	Page *refShardPage
}

// refShardPage lists shards: the first key of each (the very first is "")
// and their hashes, 10 hex digits each, concatenated.
type refShardPage struct {
	Keys   []string `json:"keys"`
	Hashes string   `json:"hashes"`
}

func (r refPageRef) MarshalJSON() ([]byte, error) {
	if r.Page != nil {
		return refMarshal([]any{r.Key, r.Page}), nil
	}
	return refMarshal([]any{r.Key, r.File}), nil
}

func (r *refPageRef) UnmarshalJSON(b []byte) error {
	var a [2]json.RawMessage
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	if err := json.Unmarshal(a[0], &r.Key); err != nil {
		return err
	}
	if len(a[1]) > 0 && a[1][0] == '{' {
		r.Page = new(refShardPage)
		return json.Unmarshal(a[1], r.Page)
	}
	return json.Unmarshal(a[1], &r.File)
}

type refStoreList struct {
	Dir    string `json:"dir"`
	Per    int    `json:"per"` // documents per chunk
	Hashes string `json:"hashes"`
}

// prepare validates the documents and puts them in id order: undated
// first, then by year, date and URL. "Newest first" is then "highest id
// first", each year is a contiguous id range, and a new article, added at
// the end, leaves the other documents' ids and store chunks unchanged.
func refPrepare(docs []Doc) ([]Doc, error) {
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
			y, err := refDateYear(d.Date)
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

func refDateYear(s string) (int, error) {
	ok := len(s) == 10 && s[4] == '-' && s[7] == '-'
	for i := 0; ok && i < len(s); i++ {
		ok = i == 4 || i == 7 || '0' <= s[i] && s[i] <= '9'
	}
	if !ok {
		return 0, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return strconv.Atoi(s[:4])
}

// refDocTerms is one document's contribution to the index.
type refDocTerms struct {
	terms map[string]*refTermHit
	pairs map[string]*refPairHit
}

type refTermHit struct {
	flags    int
	body     int
	variants []string // distinct exact forms, first-seen order
}

type refPairHit struct{ flags, body int }

func refAnalyzeAll(ds []Doc) []refDocTerms {
	an := make([]refDocTerms, len(ds))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				an[i] = refAnalyzeDoc(&ds[i])
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

func refAnalyzeDoc(d *Doc) refDocTerms {
	dt := refDocTerms{terms: map[string]*refTermHit{}, pairs: map[string]*refPairHit{}}
	add := func(text string, flag int) {
		ws := analyze(text)
		for i, w := range ws {
			h := dt.terms[w.Fold]
			if h == nil {
				h = &refTermHit{}
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
					p = &refPairHit{}
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

func refBodyBucket(n int) int {
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

// An refEntry is one key's JSON, ready to be put in a shard.
type refEntry struct {
	key  string
	json []byte
}

type refTermAcc struct {
	df    map[string]int // exact form → documents
	posts []refTermPost
}

type refTermPost struct {
	doc, flags int
	variants   []string
}

// invert turns the per-document analysis into sorted term and pair
// entries.
func refInvert(an []refDocTerms) (terms, pairs []refEntry) {
	tacc := map[string]*refTermAcc{}
	pacc := map[string][]byte{}
	plast := map[string]int{}
	for id, dt := range an {
		for k, h := range dt.terms {
			a := tacc[k]
			if a == nil {
				a = &refTermAcc{df: map[string]int{}}
				tacc[k] = a
			}
			for _, v := range h.variants {
				a.df[v]++
			}
			a.posts = append(a.posts, refTermPost{id, h.flags | refBodyBucket(h.body), h.variants})
		}
		// Pairs are encoded as they come: documents arrive in id order.
		for k, h := range dt.pairs {
			last, ok := plast[k]
			if !ok {
				last = -1
			}
			b := putNum(pacc[k], id-last-1)
			pacc[k] = append(b, alphabet[h.flags|refBodyBucket(h.body)])
			plast[k] = id
		}
	}
	for k, a := range tacc {
		slices.SortFunc(a.posts, func(x, y refTermPost) int { return x.doc - y.doc })
		terms = append(terms, refEntry{k, refTermJSON(k, a)})
	}
	for k, p := range pacc {
		pairs = append(pairs, refEntry{k, refMarshal([]any{k, string(p)})})
	}
	slices.SortFunc(terms, func(a, b refEntry) int { return cmpKey(a.key, b.key) })
	slices.SortFunc(pairs, func(a, b refEntry) int { return cmpKey(a.key, b.key) })
	return terms, pairs
}

// termJSON encodes one term: [key, variants, postings]. Variants are the
// exact forms by document frequency, most frequent first; a posting
// without flagMask has variant 0 only.
func refTermJSON(key string, a *refTermAcc) []byte {
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
	return refMarshal([]any{key, vs, string(b)})
}

// writeShards cuts the sorted entries into shards of about the target
// size, writes them and their directory pages under dir and returns the
// directory for the refManifest and the target.
func refWriteShards(out map[string][]byte, dir string, es []refEntry, shardBits int) (refShardList, int) {
	total := 0
	for _, e := range es {
		total += len(e.json) + 1
	}
	target := ShardTarget
	if shardBits > 0 {
		target = max(1, total>>shardBits)
	}
	var keys, hashes []string
	flush := func(part []refEntry) {
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
		hashes = append(hashes, refPut(out, dir, b.Bytes()))
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

	l := refShardList{Dir: dir, Per: pagePer}
	for i := 0; i < len(keys); i += pagePer {
		j := min(i+pagePer, len(keys))
		p := &refShardPage{Keys: keys[i:j], Hashes: strings.Join(hashes[i:j], "")}
		r := refPageRef{Key: keys[i], Page: p}
		if len(keys) > pagePer {
			r = refPageRef{Key: keys[i], File: "i/" + refPut(out, "i/", refMarshal(p)) + ".json"}
		}
		l.Pages = append(l.Pages, r)
	}
	return l, target
}

// writeStore writes the document store: chunks of Per consecutive
// documents, each [url, type, title, date, cluster, excerpt].
func refWriteStore(out map[string][]byte, ds []Doc) refStoreList {
	recs := make([][]byte, len(ds))
	total := 0
	for i, d := range ds {
		recs[i] = refMarshal([]string{d.URL, d.Type, viet.NFC(d.Title), d.Date, d.Cluster, refExcerpt(d)})
		total += len(recs[i]) + 1
	}
	per := 1
	if len(ds) > 0 {
		per = min(64, max(1, chunkTarget*len(ds)/total))
	}
	l := refStoreList{Dir: "d/", Per: per}
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
		hashes.WriteString(refPut(out, l.Dir, b))
	}
	l.Hashes = hashes.String()
	return l
}

// excerpt is the stored text snippets are cut from: the summary, then the
// body, spaces collapsed, cut at a space before excerptRunes runes.
func refExcerpt(d Doc) string {
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
func refWriteAttrs(out map[string][]byte, ds []Doc, meta Meta) (types, clusters [][2]string, file string) {
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
	return types, clusters, "a/" + refPut(out, "a/", refMarshal(a)) + ".json"
}

// yearRanges lists [year, first id, end id) for each year, oldest first.
func refYearRanges(ds []Doc) [][3]int {
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
func refPut(out map[string][]byte, dir string, b []byte) string {
	h := refContentHash(b)
	out[Dir+dir+h+".json"] = b
	return h
}

func refContentHash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:5])
}

// marshal is json.Marshal without HTML escaping. Maps are written with
// sorted keys, so the output is deterministic.
func refMarshal(v any) []byte {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		panic(err) // only plain strings, numbers and slices are marshalled
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'})
}
