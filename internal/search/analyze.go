package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
	"golang.org/x/text/unicode/norm"
)

// The analysis of the documents, in parallel, into compact postings.
//
// Words are interned: every folded word gets a term id and every (term,
// exact form) a form id, from one shared dictionary. Each worker keeps its
// own cache in front of it (raw token → term and form), so the
// dictionary's lock is taken only for words the worker has not seen yet.
// Two adjacent terms are a pair, named by its key term<<32 | term: pairs
// are far more numerous than terms, and get a number only when merged.
//
// Workers analyse blocks of consecutive documents into arrays of (term,
// flags, forms) and (pair key, flags) hits; mergers take the blocks in
// merge order (by position: highest document number first, see Builder)
// and append each hit to its term's or pair's postings, so that postings
// come out in that order. Each merger owns a share
// of the terms (by id) and of the pairs (by key), and keeps its pairs'
// postings in a table of its own; it appends a batch's pair hits in the
// order of that table, not of the documents, for the sake of the cache
// (pairMerger).
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
}

type formKey struct {
	term  uint32
	exact string
}

func newDict() *dict {
	return &dict{terms: map[string]uint32{}, forms: map[formKey]uint32{}}
}

// word returns the term and form of a word, as term<<32 | form. The
// strings are copied when kept: they may be part of a document's text,
// which the dictionary must neither hold on to nor see reused.
func (d *dict) word(fold, exact string) uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	t, ok := d.terms[fold]
	if !ok {
		t = uint32(len(d.termKeys))
		fold = strings.Clone(fold)
		d.terms[fold] = t
		d.termKeys = append(d.termKeys, fold)
	}
	k := formKey{t, exact}
	f, ok := d.forms[k]
	if !ok {
		f = uint32(len(d.formTerm))
		k.exact = strings.Clone(exact)
		d.forms[k] = f
		d.formTerm = append(d.formTerm, t)
		d.formExact = append(d.formExact, k.exact)
	}
	return uint64(t)<<32 | uint64(f)
}

// sizes returns the number of terms and forms so far.
func (d *dict) sizes() (terms, forms uint32) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return uint32(len(d.termKeys)), uint32(len(d.formTerm))
}

// A block is the analysis of documents lo…hi-1.
type block struct {
	lo, hi int
	// Per document, the end of its hits in terms and pairs.
	termEnd, pairEnd []int32
	// terms: term<<32 | nforms<<8 | flags; its nforms forms follow in forms.
	terms []uint64
	forms []uint32
	// pairs: the pair keys (term<<32 | term) and their flags.
	pairs     []uint64
	pairFlags []uint8
	// fresh: the documents are yet to be analysed (Builder).
	fresh bool
}

func (b *block) reset() {
	b.termEnd, b.pairEnd, b.terms, b.forms = b.termEnd[:0], b.pairEnd[:0], b.terms[:0], b.forms[:0]
	b.pairs, b.pairFlags = b.pairs[:0], b.pairFlags[:0]
}

// analyzer is one worker's state.
type analyzer struct {
	d     *dict
	cls   *classTable
	cache tokenCache // raw token → term<<32 | form
	slow  map[word]uint64

	stamp     int32   // the current document, from 1
	termSeen  []seen  // per term: the last document it was seen in, its hit there
	formStamp []int32 // per form: the last document it was seen in
	docPairs  pairSet // the pairs of the current document
	ex        excerptBuf

	words []uint64 // the current field
	hits  []termAcc
	hform []uint64 // hit<<32 | form, the forms of the current document
	phits []pairAcc
}

type seen struct{ stamp, slot int32 }

// know makes room in termSeen and formStamp for the term and form of id,
// when it comes from the dictionary: every word field sees has, so its
// loop need not check.
func (a *analyzer) know(id uint64) {
	a.termSeen = growSeen(a.termSeen, uint32(id>>32))
	a.formStamp = grow(a.formStamp, uint32(id))
}

func growSeen(s []seen, i uint32) []seen {
	if int(i) < len(s) {
		return s
	}
	return append(s, make([]seen, max(int(i)+1, 2*len(s))-len(s))...)
}

type termAcc struct {
	term  uint32
	flags uint8
	body  int32
	n     int32 // forms
}

type pairAcc struct {
	key   uint64
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

// doc analyses one document, with the text body, into b and returns its
// document store record. Nothing keeps a reference to body.
func (a *analyzer) doc(d *Doc, body string, b *block) []byte {
	a.stamp++
	a.docPairs.next()
	a.hits, a.hform, a.phits = a.hits[:0], a.hform[:0], a.phits[:0]
	a.field(d.Title, flagTitle)
	a.field(d.Summary, flagSummary)
	a.field(d.Place, flagMeta)
	for _, p := range d.People {
		a.field(p, flagMeta)
	}
	a.field(body, 0)

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
		b.pairs = append(b.pairs, p.key)
		b.pairFlags = append(b.pairFlags, p.flags|uint8(bodyBucket(int(p.body))))
	}
	b.termEnd = append(b.termEnd, int32(len(b.terms)))
	b.pairEnd = append(b.pairEnd, int32(len(b.pairs)))
	title, ex := viet.NFC(d.Title), a.ex.excerpt(d.Summary, body)
	rec := make([]byte, 0, len(d.URL)+len(d.Type)+len(title)+len(d.Date)+len(d.Cluster)+len(ex)+24)
	return appendStrings(rec, d.URL, d.Type, title, d.Date, d.Cluster, ex)
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
				a.know(id)
				a.slow[word{strings.Clone(w.Fold), strings.Clone(w.Exact)}] = id
			}
			a.words = append(a.words, id)
		}
	}
	a.docPairs.reserve(a, len(a.words))
	var prev uint32
	var prevHit int32
	for i, w := range a.words {
		t, f := uint32(w>>32), uint32(w)
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
		if a.formStamp[f] != a.stamp {
			a.formStamp[f] = a.stamp
			a.hform = append(a.hform, uint64(slot)<<32|uint64(f))
			h.n++
		}
		if i > 0 {
			ph := a.pairHit(prev, t, prevHit, slot)
			if flag == 0 {
				ph.body++
			} else {
				ph.flags |= flag
			}
		}
		prev, prevHit = t, slot
	}
}

// fast cuts text into words into a.words, unless it needs analyze. It
// decodes the runes it knows itself (ASCII, U+0080–U+024F, U+1E00–U+1EFF,
// U+2000–U+207F); every other rune, invalid UTF-8 included, is clsSlow.
func (a *analyzer) fast(text string) bool {
	a.words = a.words[:0]
	cls := a.cls
	start := -1
	for i := 0; i < len(text); {
		c := text[i]
		var cl uint8
		size := 1
		switch {
		case c < utf8.RuneSelf:
			cl = cls.ascii[c]
		case c < 0xE0: // two bytes: U+0080–U+07FF
			if c < 0xC2 || i+1 >= len(text) || text[i+1]&0xC0 != 0x80 {
				return false
			}
			r := int(c&0x1F)<<6 | int(text[i+1]&0x3F)
			if r >= 0x250 {
				return false
			}
			cl, size = cls.latin[r-0x80], 2
		default: // three bytes or more
			if i+2 >= len(text) || text[i+2]&0xC0 != 0x80 {
				return false
			}
			c1, c2 := text[i+1], int(text[i+2]&0x3F)
			switch {
			case c == 0xE1 && 0xB8 <= c1 && c1 <= 0xBB:
				cl = cls.ext[int(c1-0xB8)<<6|c2]
			case c == 0xE2 && (c1 == 0x80 || c1 == 0x81 && c2 < 0x30):
				cl = cls.punct[int(c1-0x80)<<6|c2]
			default:
				return false
			}
			size = 3
		}
		switch cl {
		case clsWord:
			if start < 0 {
				start = i
			}
		case clsSep:
			if start >= 0 {
				if !a.token(text, start, i) {
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
		return a.token(text, start, len(text))
	}
	return true
}

// token adds the token text[i:j] of fast-path text to a.words.
func (a *analyzer) token(text string, i, j int) bool {
	var id uint64
	var ok bool
	if j-i <= maxPacked {
		id, ok = a.cache.lookup(packAt(text, i, j))
	} else {
		id, ok = a.cache.long[text[i:j]]
	}
	if !ok {
		raw := text[i:j]
		s := viet.NormalizeTone(raw)
		if toks := viet.Tokens(s); len(toks) != 1 || toks[0] != s {
			return false // not one word after all: let analyze decide
		}
		id = a.d.word(viet.Fold(s), viet.NFC(strings.ToLower(s)))
		a.know(id)
		a.cache.put(raw, id)
	}
	a.words = append(a.words, id)
	return true
}
