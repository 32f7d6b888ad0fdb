package search

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// excerptBuf is the scratch space of excerpts, reused from one document
// to the next by an analyzer.
type excerptBuf struct{ text, out []byte }

// excerpt is the stored text snippets are cut from: the summary, then the
// body, spaces collapsed, cut at a space before excerptRunes runes.
func excerpt(d Doc) string {
	var e excerptBuf
	return e.excerpt(d.Summary, d.Body)
}

// excerpt is the package's excerpt of a summary and body, in e's buffers.
func (e *excerptBuf) excerpt(summary, body string) string {
	const limit = 8 * excerptRunes // plenty for excerptRunes letters, even decomposed
	e.text = append(append(append(e.text[:0], summary...), ' '), body[:min(len(body), limit)]...)
	long := len(e.text) > limit
	if long {
		e.text = e.text[:limit]
	}
	cls := classes()
	out, ok := collapse(e.out[:0], e.text, func(r rune) bool { return cls.of(r) != clsSlow })
	if !ok {
		// NFC could change the text: do it first.
		s := string(e.text)
		if long {
			s = strings.ToValidUTF8(s, "")
		}
		out, _ = collapse(e.out[:0], []byte(viet.NFC(s)), func(rune) bool { return true })
	}
	e.out = out
	return string(out)
}

// collapse appends to dst the words of s joined with single spaces
// (strings.Fields), as far as the first excerptRunes runes, cut at the
// last space before them (and "…" added) if there are more. It reports
// false if a rune before that, or the one after, is not ok; quick
// callers pass the runes NFC leaves alone.
func collapse(dst, s []byte, ok func(rune) bool) ([]byte, bool) {
	b := dst
	n, cut := 0, 0 // runes in b; the length of b at excerptRunes runes
	space := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(s[i:])
			if !ok(r) {
				return dst, false
			}
		}
		if n > excerptRunes {
			break // r, the rune after, was ok
		}
		i += size
		if unicode.IsSpace(r) {
			space = len(b) > 0
			continue
		}
		if space {
			if n == excerptRunes {
				cut = len(b)
			}
			b = append(b, ' ')
			n++
			space = false
			if n > excerptRunes {
				i -= size
				continue
			}
		}
		if n == excerptRunes {
			cut = len(b)
		}
		b = utf8.AppendRune(b, r)
		if r == utf8.RuneError {
			b = append(b[:len(b)-3], s[i-size:i]...)
		}
		n++
	}
	if n <= excerptRunes {
		return b, true
	}
	if sp := bytes.LastIndexByte(b[:cut], ' '); sp > 0 {
		cut = sp
	}
	return append(b[:cut], "…"...), true
}
