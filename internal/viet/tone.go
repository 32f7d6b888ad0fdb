package viet

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The five Vietnamese tone marks as combining characters.
const (
	toneGrave = '\u0300' // huyền
	toneAcute = '\u0301' // sắc
	toneTilde = '\u0303' // ngã
	toneHook  = '\u0309' // hỏi
	toneDot   = '\u0323' // nặng
)

// The vowel marks that, with a base letter, make ă â ê ô ơ ư.
const (
	markCircumflex = '\u0302'
	markBreve      = '\u0306'
	markHorn       = '\u031B'
)

// tonedAEY lists, in NFC, a, e and y carrying a tone mark and no vowel mark.
const tonedAEY = "àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ"

func isTone(r rune) bool {
	switch r {
	case toneGrave, toneAcute, toneTilde, toneHook, toneDot:
		return true
	}
	return false
}

func isVowelMark(r rune) bool {
	return r == markCircumflex || r == markBreve || r == markHorn
}

// NormalizeTone returns s in NFC with tone marks in the classic ("old
// style") placement used in official names and by the association:
//
//	Hoà Bình → Hòa Bình    Thanh Hoá → Thanh Hóa    thuỷ → thủy
//	khoẻ → khỏe            hoạ → họa                Thuý → Thúy
//
// Both placements are correct Vietnamese; the two spellings of one name
// differ in bytes and must be unified before names can be compared.
//
// Only open syllables whose vowel is oa, oe or uy (nothing after it) are
// touched; there the classic rule puts the mark on the first vowel and the
// "new" rule on the second. Everything else already has a single accepted
// placement and is left alone: hoàng, quỳnh (closed), ngoài, khuya
// (triphthongs), quý, quà (u belongs to the consonant qu). Case is
// preserved.
func NormalizeTone(s string) string {
	s = NFC(s)
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	last := 0 // s[:last] has been copied to b, or b is unused
	start := -1
	flush := func(end int) {
		if w, ok := retone(s[start:end]); ok {
			if b.Len() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[last:start])
			b.WriteString(w)
			last = end
		}
		start = -1
	}
	for i, r := range s {
		if unicode.IsLetter(r) || (start >= 0 && unicode.Is(unicode.Mn, r)) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			flush(i)
		}
	}
	if start >= 0 {
		flush(len(s))
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// letter is one base letter of a decomposed syllable with its marks.
type letter struct {
	base  rune
	marks []rune
}

func (l letter) lower() rune { return unicode.ToLower(l.base) }

func (l letter) hasVowelMark() bool {
	for _, m := range l.marks {
		if isVowelMark(m) {
			return true
		}
	}
	return false
}

func isVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

func isConsonant(r rune) bool {
	// f, j, w, z are not native but occur in minority-language place names
	// and loanwords; accepting them is harmless, only oa/oe/uy change.
	return 'a' <= r && r <= 'z' && !isVowel(r) || r == 'đ'
}

// retone moves the tone mark of one word (a run of letters and marks, in
// NFC) from the second to the first vowel of an open oa/oe/uy syllable. It
// reports false when the word needs no change or is not a Vietnamese
// syllable it understands.
func retone(word string) (string, bool) {
	// Cheap filter on the NFC text, so that ordinary words cost nothing: a
	// candidate ends in o/u followed by a toned a, e or y.
	last, n := utf8.DecodeLastRuneInString(word)
	prev, _ := utf8.DecodeLastRuneInString(word[:len(word)-n])
	if !strings.ContainsRune(tonedAEY, last) || !strings.ContainsRune("oOuU", prev) {
		return "", false
	}
	var ls []letter
	tones := 0
	for _, r := range norm.NFD.String(word) {
		if unicode.Is(unicode.Mn, r) {
			if len(ls) == 0 || !isTone(r) && !isVowelMark(r) {
				return "", false
			}
			if isTone(r) {
				tones++
			}
			ls[len(ls)-1].marks = append(ls[len(ls)-1].marks, r)
			continue
		}
		ls = append(ls, letter{base: r})
	}
	if tones != 1 {
		return "", false
	}
	i := 0
	for i < len(ls) && !isVowel(ls[i].lower()) {
		if !isConsonant(ls[i].lower()) || len(ls[i].marks) > 0 {
			return "", false
		}
		i++
	}
	// In "qu" the u is part of the consonant, so in quý the y is the
	// whole vowel and keeps its mark.
	if i == 1 && ls[0].lower() == 'q' && i < len(ls) && ls[i].lower() == 'u' && len(ls[i].marks) == 0 {
		i++
	}
	v := ls[i:]
	if len(v) != 2 || len(v[0].marks) != 0 || len(v[1].marks) != 1 || v[1].hasVowelMark() {
		return "", false
	}
	switch v[0].lower() {
	case 'o':
		if c := v[1].lower(); c != 'a' && c != 'e' {
			return "", false
		}
	case 'u':
		if v[1].lower() != 'y' {
			return "", false
		}
	default:
		return "", false
	}
	v[0].marks, v[1].marks = v[1].marks, nil
	var b strings.Builder
	for _, l := range ls {
		b.WriteRune(l.base)
		for _, m := range l.marks {
			b.WriteRune(m)
		}
	}
	return norm.NFC.String(b.String()), true
}
