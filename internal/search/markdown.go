package search

import (
	"unicode"
	"unicode/utf8"
)

// MarkdownText reduces Markdown to the words a reader sees, for a
// document's Body: link targets ("](…)"), footnote marks ("[^1]",
// "[^1]:"), table rules (lines of only spaces, "|", ":" and "-"),
// brackets, list dashes ("- ") and the markup characters *_`~#>| go, and
// runs of spaces become one. It is a few passes over the bytes, with no
// Markdown parser and no regular expression.
func MarkdownText(md []byte) string {
	// Link targets: "](x)" becomes "]"; footnote marks go.
	b := make([]byte, 0, len(md))
	for i := 0; i < len(md); i++ {
		c := md[i]
		if c == ']' && i+1 < len(md) && md[i+1] == '(' {
			if j := indexByte(md, ')', i+2); j >= 0 {
				b = append(b, ']')
				i = j
				continue
			}
		}
		b = append(b, c)
	}
	md, b = b, md[:0:0]
	b = make([]byte, 0, len(md))
	for i := 0; i < len(md); i++ {
		if md[i] == '[' && i+1 < len(md) && md[i+1] == '^' {
			if j := indexByte(md, ']', i+2); j >= 0 {
				i = j
				if i+1 < len(md) && md[i+1] == ':' {
					i++
				}
				continue
			}
		}
		b = append(b, md[i])
	}
	// Table rules: a non-empty line of only \t \f \r, space, |, : and -
	// is emptied.
	md = b
	for start := 0; start < len(md); {
		end := indexByte(md, '\n', start)
		if end < 0 {
			end = len(md)
		}
		rule := end > start
		for _, c := range md[start:end] {
			if c != ' ' && c != '\t' && c != '\f' && c != '\r' && c != '|' && c != ':' && c != '-' {
				rule = false
				break
			}
		}
		if rule {
			for i := start; i < end; i++ {
				md[i] = ' '
			}
		}
		start = end + 1
	}
	// Brackets and "- " go, in a pass of their own: what they separated
	// may join into one character ("\xc2]\x85" is U+0085).
	b = md[:0]
	for i := 0; i < len(md); i++ {
		switch c := md[i]; {
		case c == '[' || c == ']':
		case c == '-' && i+1 < len(md) && md[i+1] == ' ':
			i++
		default:
			b = append(b, c)
		}
	}
	md = b
	// Markup and white space separate words.
	out := make([]byte, 0, len(md))
	space := false
	for i := 0; i < len(md); {
		c := md[i]
		switch c {
		case '*', '_', '`', '~', '#', '>', '|', ' ', '\t', '\n', '\v', '\f', '\r':
			space = len(out) > 0
			i++
			continue
		}
		size := 1
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRune(md[i:])
			if unicode.IsSpace(r) {
				space = len(out) > 0
				i += size
				continue
			}
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = append(out, md[i:i+size]...)
		i += size
	}
	return string(out)
}

func indexByte(b []byte, c byte, from int) int {
	for i := from; i < len(b); i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}
