package search

import (
	"bytes"
	"sync"
	"unicode"
	"unicode/utf8"
)

// MarkdownText reduces Markdown to the words a reader sees, for a
// document's Body: link targets ("](…)"), footnote marks ("[^1]",
// "[^1]:"), table rules (lines of only spaces, "|", ":" and "-"),
// brackets, list dashes ("- ") and the markup characters *_`~#>| go, and
// runs of spaces become one. It takes three passes over the bytes, in one
// reused buffer, with no Markdown parser and no regular expression; the
// result is the only allocation.
func MarkdownText(md []byte) string {
	buf := markdownScratch.Get().(*[]byte)
	b := markdownText((*buf)[:0], md)
	s := string(b)
	if cap(b) <= maxScratch {
		*buf = b[:0]
		markdownScratch.Put(buf)
	}
	return s
}

// markdownText appends the text of md to dst, as MarkdownText makes it.
func markdownText(dst, md []byte) []byte {
	b := dropLinkTargets(dst, md)
	b = dropFootnoteMarks(b)
	return joinWords(b)
}

// markdownScratch holds the buffers MarkdownText works in; maxScratch is
// the largest it keeps.
var markdownScratch = sync.Pool{New: func() any { return new([]byte) }}

const maxScratch = 4 << 20

// dropLinkTargets appends md to dst with every link target "](x)" cut
// down to "]": the first ")" after "](" closes it, whatever comes
// between.
func dropLinkTargets(dst, md []byte) []byte {
	for {
		p := bytes.Index(md, []byte("]("))
		if p < 0 {
			break
		}
		q := bytes.IndexByte(md[p+2:], ')')
		if q < 0 {
			break // no later "](" has a ")" either
		}
		dst = append(dst, md[:p+1]...)
		md = md[p+2+q+1:]
	}
	return append(dst, md...)
}

// dropFootnoteMarks removes, in place, every footnote mark: "[^" up to
// the first "]" after it, and a ":" right after that.
func dropFootnoteMarks(b []byte) []byte {
	w, r := 0, 0
	for {
		p := bytes.Index(b[r:], []byte("[^"))
		if p < 0 {
			break
		}
		p += r
		q := bytes.IndexByte(b[p+2:], ']')
		if q < 0 {
			break
		}
		w += copy(b[w:], b[r:p])
		r = p + 2 + q + 1
		if r < len(b) && b[r] == ':' {
			r++
		}
	}
	w += copy(b[w:], b[r:])
	return b[:w]
}

// Byte classes for joinWords.
const (
	plainByte = iota // part of a word
	sepByte          // markup or ASCII white space
	dropByte         // a bracket
	dashByte         // "-", which goes with a space after it
	spaceLead        // may begin a non-ASCII space (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000)
)

var markdownClass = func() (t [256]uint8) {
	for _, c := range []byte("*_`~#>| \t\n\v\f\r") {
		t[c] = sepByte
	}
	t['['], t[']'], t['-'] = dropByte, dropByte, dashByte
	for _, c := range []byte{0xC2, 0xE1, 0xE2, 0xE3} {
		t[c] = spaceLead
	}
	return t
}()

// joinWords does, line by line and in place, the rest of MarkdownText:
// a table rule line becomes a separator; brackets and "- " go; markup
// and white space separate words, which are joined by single spaces.
// Nothing is written past what was read, so one buffer serves. Bytes on
// either side of a bracket join as if the bracket had never been there,
// even into one character ("\xc2]\x85" is U+0085, a space): see
// decodeJoined. No UTF-8 sequence spans a line break.
func joinWords(b []byte) []byte {
	o := 0         // the output so far is b[:o]
	space := false // a separator since the last word
	for start := 0; start < len(b); {
		end := start + bytes.IndexByte(b[start:], '\n')
		if end < start {
			end = len(b)
		}
		if isTableRule(b[start:end]) {
			space = o > 0
			start = end
		}
		for i := start; i < end; {
			c := b[i]
			if wordLen(b, i, end) > 0 {
				if space {
					b[o] = ' '
					o++
					space = false
				}
				i, o = copyWords(b, i, o, end)
				continue
			}
			switch markdownClass[c] {
			case sepByte:
				space = o > 0
				i++
				continue
			case dropByte:
				i++
				continue
			case dashByte:
				if i+1 < end && b[i+1] == ' ' {
					i += 2
					continue
				}
				if space {
					b[o] = ' '
					o++
					space = false
				}
				b[o] = c
				o++
				i++
				continue
			}
			// A byte that may begin a space. With two more non-ASCII
			// bytes after it, nothing can join: a space is one of a few
			// sequences, and anything else is copied a byte at a time
			// (no byte of a character after its first begins one).
			if i+2 < end && b[i+1] >= utf8.RuneSelf && b[i+2] >= utf8.RuneSelf {
				if n := spaceLen(c, b[i+1], b[i+2]); n > 0 {
					space = o > 0
					i += n
					continue
				}
				if space {
					b[o] = ' '
					o++
					space = false
				}
				b[o] = c
				o++
				i++
				if b[i] < 0xC0 && b[i+1] < 0xC0 { // continuation bytes: plain
					b[o], b[o+1] = b[i], b[i+1]
					o += 2
					i += 2
				}
				continue
			}
			r, joined, size, next := decodeJoined(b[:end], i)
			i = next
			if unicode.IsSpace(r) {
				space = o > 0
				continue
			}
			if space {
				b[o] = ' '
				o++
				space = false
			}
			o += copy(b[o:], joined[:size])
		}
		if end < len(b) {
			space = o > 0 // the line break
		}
		start = end + 1
	}
	return b[:o]
}

// wordLen returns the length of what begins at b[i] if it is part of a
// word that joinWords copies as it is: a plain byte, or a Vietnamese
// letter of U+1E80–U+1EFF (E1 BA xx, E1 BB xx), which is no space and,
// its three bytes all there, joins with nothing; else 0.
func wordLen(b []byte, i, end int) int {
	c := b[i]
	if markdownClass[c] == plainByte {
		return 1
	}
	if vietLetterAt(b, i, end) {
		return 3
	}
	return 0
}

// vietLetterAt reports whether b[i:end] begins with a letter of
// U+1E80–U+1EFF (E1 BA xx or E1 BB xx), its three bytes all there.
func vietLetterAt(b []byte, i, end int) bool {
	return b[i] == 0xE1 && i+2 < end && b[i+1]&0xFE == 0xBA && b[i+2]&0xC0 == 0x80
}

// copyWords copies, from b[i] (wordLen > 0) to b[o], words and the
// single spaces between them, in a loop of its own: that is most of the
// text, and joinWords would take its bytes one at a time. It stops
// before anything else and returns where it stopped, in b and in the
// output.
func copyWords(b []byte, i, o, end int) (int, int) {
	for i < end {
		switch c := b[i]; {
		case markdownClass[c] == plainByte:
			b[o] = c
			o++
			i++
		case vietLetterAt(b, i, end):
			b[o], b[o+1], b[o+2] = c, b[i+1], b[i+2]
			o += 3
			i += 3
		case c == ' ' && i+1 < end && wordLen(b, i+1, end) > 0:
			// A space between words, as the separator would leave it.
			b[o] = ' '
			o++
			i++
		default:
			return i, o
		}
	}
	return i, o
}

// spaceLen returns the length of the non-ASCII space that b0 b1 b2
// begin, or 0: U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
// U+202F, U+205F and U+3000 are all unicode.IsSpace counts beyond ASCII.
func spaceLen(b0, b1, b2 byte) int {
	switch b0 {
	case 0xC2:
		if b1 == 0x85 || b1 == 0xA0 {
			return 2
		}
	case 0xE1:
		if b1 == 0x9A && b2 == 0x80 {
			return 3
		}
	case 0xE2:
		if b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) || b1 == 0x81 && b2 == 0x9F {
			return 3
		}
	case 0xE3:
		if b1 == 0x80 && b2 == 0x80 {
			return 3
		}
	}
	return 0
}

// decodeJoined decodes the character that begins at line[i] once
// brackets and "- " are gone from the line, and returns it, its bytes
// (seq[:size]) and where the line goes on after them.
func decodeJoined(line []byte, i int) (r rune, seq [utf8.UTFMax]byte, size, next int) {
	k := i + 1
	var pos [utf8.UTFMax]int // where each byte of seq came from
	seq[0], pos[0] = line[i], i
	n := 1
	for n < len(seq) && k < len(line) {
		switch c := line[k]; {
		case c == '[' || c == ']':
			k++
		case c == '-' && k+1 < len(line) && line[k+1] == ' ':
			k += 2
		default:
			seq[n], pos[n] = c, k
			n++
			k++
		}
	}
	r, size = utf8.DecodeRune(seq[:n])
	return r, seq, size, pos[size-1] + 1
}

// isTableRule reports whether a line is a non-empty run of \t \f \r,
// space, |, : and -.
func isTableRule(line []byte) bool {
	if len(line) == 0 {
		return false
	}
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\f' && c != '\r' && c != '|' && c != ':' && c != '-' {
			return false
		}
	}
	return true
}
