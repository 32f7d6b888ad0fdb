package viet

import "strings"

// adminPrefixes are the words that precede a place name in some spellings
// and not in others. Matching is on whole lower-cased tokens with their
// diacritics, so "Quan" in "Quan Hóa" is not mistaken for "quận".
var adminPrefixes = [][]string{
	{"tỉnh"},
	{"thành", "phố"},
	{"tp"},
	{"t", "p"}, // "T.P."
	{"huyện"},
	{"thị", "xã"},
	{"tx"}, // "TX." for thị xã, as common as "TP."
	{"thị", "trấn"},
	{"quận"},
	{"xã"},
	{"phường"},
}

var associationPrefix = []string{"hội", "khuyến", "học"}

// NameKey returns the key that different spellings of one place (or
// association branch) name share, for use as a map key:
//
//	NameKey("TỈNH Thanh Hoá") == NameKey("thanh hóa") == NameKey("Thanh  Hóa") == "thanh hóa"
//	NameKey("Hội Khuyến học tỉnh Hòa Bình") == "hòa bình"
//
// It applies NormalizeTone, lower-cases (keeping diacritics), drops a
// leading administrative prefix (tỉnh, thành phố, TP., T.P., huyện, thị xã,
// TX., thị trấn, quận, xã, phường), optionally preceded by "Hội Khuyến
// học", removes apostrophes (H'Mông = HMông), turns other punctuation into
// word breaks and collapses spaces. A prefix is never removed if nothing
// would be left ("Quận" stays "quận"). Prefixes written without diacritics
// are not recognised; callers wanting a looser match compare
// Fold(NameKey(s)).
func NameKey(s string) string {
	s = strings.ToLower(NormalizeTone(s))
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\'', '’', 'ʼ', '‘':
			return -1
		}
		return r
	}, s)
	toks := Tokens(s)
	toks = trimPrefix(toks, associationPrefix)
	for _, p := range adminPrefixes {
		if t := trimPrefix(toks, p); len(t) < len(toks) {
			toks = t
			break
		}
	}
	return strings.Join(toks, " ")
}

// trimPrefix removes p from the front of toks if it is there and something
// remains after it.
func trimPrefix(toks, p []string) []string {
	if len(toks) <= len(p) {
		return toks
	}
	for i, w := range p {
		if toks[i] != w {
			return toks
		}
	}
	return toks[len(p):]
}
