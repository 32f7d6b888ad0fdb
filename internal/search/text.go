package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// A word is one token of analysed text in its two index forms.
type word struct {
	Fold  string // viet.Fold: the key postings are filed under
	Exact string // lower-cased, tone-normalised, diacritics kept
}

// analyze splits s into words exactly as the index and the client see
// them: viet.NormalizeTone (which also brings s to NFC), then viet.Tokens,
// then per token Fold and lower-case. search.js's analyze mirrors it.
func analyze(s string) []word {
	toks := viet.Tokens(viet.NormalizeTone(s))
	ws := make([]word, len(toks))
	for i, t := range toks {
		// NFC again after lower-casing: "İ" lowers to "i" + U+0307, which
		// must compose with a following mark the way a second pass would.
		ws[i] = word{Fold: viet.Fold(t), Exact: viet.NFC(strings.ToLower(t))}
	}
	return ws
}

// endsInWord reports whether the last rune of s belongs to a token (a
// letter, digit or mark), that is whether the user is still typing the
// last word. The last word is then matched as a prefix.
func endsInWord(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me))
}

// cmpKey orders keys as JavaScript's < does, by UTF-16 code units, so
// that Go's shard boundaries and the client's binary search agree. It
// differs from Go's byte order only between supplementary-plane runes and
// U+E000–U+FFFF.
func cmpKey(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return cmpUnit(ra, rb)
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) - len(b) // the shorter one, a prefix of the other, first
}

// cmpUnit compares two different runes by their first UTF-16 unit: a
// supplementary rune starts with a high surrogate (U+D800–U+DBFF), which
// sorts below U+E000–U+FFFF.
func cmpUnit(a, b rune) int {
	unit := func(r rune) rune {
		if r >= 0x10000 {
			return 0xD800 + (r-0x10000)>>10
		}
		return r
	}
	ua, ub := unit(a), unit(b)
	if ua == ub { // both supplementary in one surrogate block
		ua, ub = a, b
	}
	if ua < ub {
		return -1
	}
	return 1
}

// prefixEnd is the exclusive upper key of the range of keys that start
// with p, as the client computes it.
func prefixEnd(p string) string { return p + "\uffff" }

// The posting codec. Numbers are written in base 32, most significant
// digit first; every digit but the last is taken from the upper half of
// the alphabet. Flag bytes are one character of the whole alphabet.
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

var alphaIndex = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = int8(i)
	}
	return t
}()

func putNum(b []byte, v int) []byte {
	switch {
	case v < 32:
		return append(b, alphabet[v])
	case v < 32*32:
		return append(b, alphabet[32+v>>5], alphabet[v&31])
	}
	var d [13]byte
	n := len(d)
	n--
	d[n] = alphabet[v&31]
	for v >>= 5; v > 0; v >>= 5 {
		n--
		d[n] = alphabet[32+v&31]
	}
	return append(b, d[n:]...)
}

// numLen is the length of putNum(v).
func numLen(v int) int {
	n := 1
	for v >>= 5; v > 0; v >>= 5 {
		n++
	}
	return n
}

// putNumBefore writes putNum(v) into b so that it ends at end, and
// returns where it begins.
func putNumBefore(b []byte, end, v int) int {
	end--
	b[end] = alphabet[v&31]
	for v >>= 5; v > 0; v >>= 5 {
		end--
		b[end] = alphabet[32+v&31]
	}
	return end
}

// A reader decodes a posting string. Malformed input sets bad and yields
// zeros; the caller checks bad once at the end.
type reader struct {
	s   string
	i   int
	bad bool
}

func (r *reader) more() bool { return r.i < len(r.s) && !r.bad }

func (r *reader) char() int {
	if r.i >= len(r.s) || alphaIndex[r.s[r.i]] < 0 {
		r.bad = true
		return 0
	}
	c := int(alphaIndex[r.s[r.i]])
	r.i++
	return c
}

func (r *reader) num() int {
	v := 0
	for n := 0; ; n++ {
		c := r.char()
		if r.bad || n > 10 {
			r.bad = true
			return 0
		}
		v = v<<5 | c&31
		if c < 32 {
			return v
		}
	}
}
