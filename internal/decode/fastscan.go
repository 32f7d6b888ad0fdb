package decode

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// The fast path's reading of TOML's smallest parts — strings, numbers,
// dates, keys, blanks and comments — each exactly as BurntSushi/toml reads
// them, or refused.

// str reads a one-line basic or literal string.
func (d *fastDecoder) str() (string, bool) {
	s := d.s
	i := d.i
	if i >= len(s) || (s[i] != '"' && s[i] != '\'') {
		return "", false
	}
	q := s[i]
	if i+2 < len(s) && s[i+1] == q && s[i+2] == q {
		return "", false // a multi-line string
	}
	start := i + 1
	escaped := false
	for i = start; i < len(s); i++ {
		c := s[i]
		switch {
		case c == q:
			d.i = i + 1
			if escaped {
				return unescape(s[start:i])
			}
			return s[start:i], true
		case c == '\\' && q == '"':
			escaped = true
			i++ // the escaped character; unescape checks the sequence
			if i < len(s) && s[i] < 0x20 {
				return "", false
			}
		case c < 0x20 && c != '\t', c == 0x7f:
			return "", false
		case c >= utf8.RuneSelf:
			n := runeLen(s[i:])
			if n == 0 {
				return "", false
			}
			i += n - 1
		}
	}
	return "", false
}

// runeLen returns the length of the UTF-8 character s starts with, or 0 if
// it is not valid UTF-8 (the text is checked here, where the full way
// checks it first with CheckUTF8).
func runeLen(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && n == 1 {
		return 0
	}
	return n
}

// unescape resolves the escapes of a basic string as BurntSushi/toml does
// (TOML 1.1: \e and \xHH included).
func unescape(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			return "", false
		}
		n := 0
		switch s[i] {
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case '"':
			b.WriteByte('"')
		case '\\':
			b.WriteByte('\\')
		case 'x':
			n = 2
		case 'u':
			n = 4
		case 'U':
			n = 8
		default:
			return "", false
		}
		if n == 0 {
			continue
		}
		if i+n >= len(s) {
			return "", false
		}
		hex := s[i+1 : i+1+n]
		for k := 0; k < n; k++ {
			if !isHexDigit(hex[k]) {
				return "", false
			}
		}
		r, err := strconv.ParseUint(hex, 16, 32)
		if err != nil || !utf8.ValidRune(rune(r)) {
			return "", false
		}
		b.WriteRune(rune(r))
		i += n
	}
	return b.String(), true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// integer parses a TOML decimal integer: optional sign, no leading zero,
// an underscore only between digits.
func integer(tok string) (int64, bool) {
	t := tok
	if t != "" && (t[0] == '+' || t[0] == '-') {
		t = t[1:]
	}
	if t == "" || t[0] == '0' && len(t) > 1 {
		return 0, false
	}
	digit := false
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case '0' <= c && c <= '9':
			digit = true
		case c == '_' && digit:
			digit = false
		default:
			return 0, false
		}
	}
	if !digit {
		return 0, false
	}
	n, err := strconv.ParseInt(tok, 0, 64)
	return n, err == nil
}

// localDateZone is the *time.Location BurntSushi/toml gives local dates,
// from a package of its own; asked of it once.
var localDateZone = sync.OnceValue(func() *time.Location {
	var m map[string]any
	if _, err := toml.Decode("d = 2000-01-01", &m); err != nil {
		return nil
	}
	t, _ := m["d"].(time.Time)
	return t.Location()
})

// localDate parses a TOML local date, YYYY-MM-DD, as BurntSushi/toml does.
func localDate(tok string) (time.Time, bool) {
	if len(tok) != 10 || tok[4] != '-' || tok[7] != '-' {
		return time.Time{}, false
	}
	for _, i := range [...]int{0, 1, 2, 3, 5, 6, 8, 9} {
		if tok[i] < '0' || tok[i] > '9' {
			return time.Time{}, false
		}
	}
	loc := localDateZone()
	if loc == nil {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("2006-01-02", tok, loc)
	return t, err == nil
}

// token reads a bare value: a number, a date, true or false.
func (d *fastDecoder) token() string {
	start := d.i
	for d.i < len(d.s) {
		c := d.s[d.i]
		if isBareKeyByte(c) || c == '+' || c == '.' || c == ':' {
			d.i++
			continue
		}
		break
	}
	return d.s[start:d.i]
}

// bareKey reads a bare key; "" if there is none.
func (d *fastDecoder) bareKey() string {
	start := d.i
	for d.i < len(d.s) && isBareKeyByte(d.s[d.i]) {
		d.i++
	}
	return d.s[start:d.i]
}

func isBareKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

func (d *fastDecoder) skipSpace() {
	for d.i < len(d.s) && (d.s[d.i] == ' ' || d.s[d.i] == '\t') {
		d.i++
	}
}

// endLine reads the rest of a line: blanks, a comment, the line ending.
func (d *fastDecoder) endLine() bool {
	d.skipSpace()
	if d.i < len(d.s) && d.s[d.i] == '#' {
		if !d.comment() {
			return false
		}
	}
	return d.newline()
}

// newline reads LF, CRLF or the end of the text.
func (d *fastDecoder) newline() bool {
	s := d.s
	switch {
	case d.i >= len(s):
		return true
	case s[d.i] == '\n':
		d.i++
	case s[d.i] == '\r' && d.i+1 < len(s) && s[d.i+1] == '\n':
		d.i += 2
	default:
		return false
	}
	d.line++
	d.bol = d.i
	return true
}

// comment reads from '#' to the line ending, refusing the control
// characters TOML refuses.
func (d *fastDecoder) comment() bool {
	s := d.s
	for d.i++; d.i < len(s); d.i++ {
		c := s[d.i]
		if c == '\n' || c == '\r' {
			return true // newline checks a lone CR
		}
		if c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
		if c >= utf8.RuneSelf {
			n := runeLen(s[d.i:])
			if n == 0 {
				return false
			}
			d.i += n - 1
		}
	}
	return true
}

// skipBlank skips blanks, comments and line endings inside an array.
func (d *fastDecoder) skipBlank() bool {
	for {
		d.skipSpace()
		if d.i >= len(d.s) {
			return true
		}
		switch d.s[d.i] {
		case '#':
			if !d.comment() {
				return false
			}
		case '\r', '\n':
			if !d.newline() {
				return false
			}
		default:
			return true
		}
	}
}
