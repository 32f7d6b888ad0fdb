package viet

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode NFC.
//
// Vietnamese text arrives both precomposed (most keyboards) and decomposed
// (macOS file names, some web forms); comparing bytes only works after both
// are brought to one form.
func NFC(s string) string {
	if KnownNFC(s) {
		return s
	}
	return norm.NFC.String(s)
}

// KnownNFC reports, for the common case, that s is valid UTF-8 already in
// NFC, without norm's table lookups: every rune is below U+0300 (ASCII,
// Latin-1 and the Latin Extended letters, all NFC as they stand), a
// precomposed letter of Latin Extended Additional (U+1E00–U+1EFF, where
// Vietnamese letters with tone marks live), or a dash, quote or
// ellipsis. false says nothing: anything else, combining marks included,
// is for norm (NFC) and utf8.Valid to judge. Reading a large site, this
// halves the time spent normalising article text, and a file it passes
// needs no other check of its encoding (twice as fast as utf8.Valid on
// Vietnamese text).
func KnownNFC(s string) bool {
	// Judged on the UTF-8 bytes, without decoding: Vietnamese text is a
	// quarter non-ASCII bytes, and this runs over every article's text.
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			i++
		case 0xC2 <= c && c <= 0xCB: // U+0080–U+02FF
			if i+1 >= len(s) || !isContinuation(s[i+1]) {
				return false
			}
			i += 2
		case c == 0xE1: // U+1000–U+1FFF: only U+1E00–U+1EFF (B8–BB)
			if i+2 >= len(s) || s[i+1] < 0xB8 || s[i+1] > 0xBB || !isContinuation(s[i+2]) {
				return false
			}
			i += 3
		case c == 0xE2: // U+2000–U+2FFF: – — ‘ ’ “ ” …
			if i+2 >= len(s) || s[i+1] != 0x80 {
				return false
			}
			switch s[i+2] {
			case 0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D, 0xA6:
			default:
				return false
			}
			i += 3
		default:
			return false
		}
	}
	return true
}

func isContinuation(b byte) bool { return b&0xC0 == 0x80 }

// Fold returns s in NFC, lower-cased, with every diacritic removed (tone
// marks and the vowel marks of ă, â, ê, ô, ơ, ư) and đ/Đ mapped to d.
// It is meant for search and loose matching, never for display:
//
//	Fold("Đồng bằng sông Hồng") == "dong bang song hong"
//
// NFC and NFD input fold alike. Invalid UTF-8 is replaced by U+FFFD. Fold
// is idempotent.
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	// Fast path for Latin text, which is nearly all text here: map rune by
	// rune through a table derived from foldSlow. Combining marks (NFD
	// input) are dropped, which is what foldSlow does after decomposing.
	t := foldTab()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b.WriteByte(byte(unicode.ToLower(r)))
		case r < rune(len(t.latin)) && t.latin[r] != 0:
			b.WriteRune(t.latin[r])
		case r >= 0x1E00 && r <= 0x1EFF && t.ext[r-0x1E00] != 0:
			b.WriteRune(t.ext[r-0x1E00])
		case unicode.Is(unicode.Mn, r):
			// Dropped, like every mark in foldSlow.
		default:
			return foldSlow(s)
		}
	}
	return b.String()
}

// foldSlow is the definition of Fold, for any script.
func foldSlow(s string) string {
	// Lower-case before decomposing: some lower-case mappings (İ → i̇)
	// introduce combining marks that the decomposition step then removes.
	d := norm.NFD.String(strings.ToLower(strings.ToValidUTF8(s, "\uFFFD")))
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		switch {
		case unicode.Is(unicode.Mn, r):
			// Dropped, like every mark in foldSlow.
			continue
		case r == 'đ' || r == 'Đ':
			// đ is a letter of its own with no decomposition, so stripping
			// marks leaves it alone; searchers type it as d.
			r = 'd'
		case r == 'ð' || r == 'Ð':
			// Eth looks identical to Đ and turns up in text converted from
			// legacy 8-bit Vietnamese encodings.
			r = 'd'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	// Recompose so that scripts which decompose without marks (Hangul)
	// come back in their usual form.
	return norm.NFC.String(b.String())
}

// foldTable caches foldSlow for single runes of the Latin-1, Latin
// Extended-A/B and Latin Extended Additional blocks (the last holds the
// precomposed Vietnamese letters). Zero means "not a single rune; take the
// slow path". It is computed from x/text on first use rather than written
// out, so it cannot drift from foldSlow, and costs nothing to programs
// that never fold.
type foldTable struct {
	latin [0x250]rune // U+0000–U+024F
	ext   [0x100]rune // U+1E00–U+1EFF
}

var foldTab = sync.OnceValue(func() *foldTable {
	one := func(r rune) rune {
		f := foldSlow(string(r))
		if c, n := utf8.DecodeRuneInString(f); n == len(f) && c != utf8.RuneError {
			return c
		}
		return 0
	}
	t := new(foldTable)
	for r := range rune(len(t.latin)) {
		t.latin[r] = one(r)
	}
	for i := range t.ext {
		t.ext[i] = one(rune(0x1E00 + i))
	}
	return t
})

// Tokens splits s into word tokens: maximal runs of Unicode letters and
// digits, with combining marks kept inside the token they follow (so NFD
// input is not torn apart). Everything else separates tokens. Tokens are
// substrings of s, in their original case and normalisation form; fold them
// if you need to match.
//
//	Tokens("Hội nghị (lần 2)") == []string{"Hội", "nghị", "lần", "2"}
func Tokens(s string) []string {
	var toks []string
	start := -1
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me):
			// A mark continues the token it follows; a stray mark at a
			// token boundary is dropped with the separators.
		default:
			if start >= 0 {
				toks = append(toks, s[start:i])
				start = -1
			}
		}
	}
	if start >= 0 {
		toks = append(toks, s[start:])
	}
	return toks
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
