package decode

import (
	"bytes"
	"fmt"
	"strings"
)

// MaxDepth bounds how deeply a TOML document may nest: arrays and inline
// tables inside each other, and segments of one dotted key or table header
// ("cluster.member"). khuyenhoc's own files need four levels at most. The
// TOML parser's work grows with the square of a key path's length, so a
// document nested thousands deep (a typo repeated, or hostile input) would
// stall the build; it is refused before parsing instead.
const MaxDepth = 16

// tooDeep scans data as TOML lexes it, skipping strings and comments, and
// returns the byte offset where nesting or a dotted key first exceeds
// MaxDepth, or -1. It is exact for valid TOML; on invalid input it may stop
// early or late, and the parser then reports the syntax error.
func tooDeep(data []byte) (offset int, what string) {
	type frame struct{ inline bool }
	var stack []frame
	atLineStart := true
	keyMode := false // reading a key (or table header): count its segments
	segments := 0
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch c {
		case '\n':
			// A new statement starts unless an array is still open.
			if len(stack) == 0 {
				atLineStart, keyMode = true, false
			}
			continue
		case ' ', '\t', '\r':
			continue
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
			i--
			continue
		}
		if atLineStart {
			atLineStart = false
			keyMode, segments = true, 1
			if c == '[' {
				// A table header, [a.b] or [[a.b]]: its segments count.
				if i+1 < len(data) && data[i+1] == '[' {
					i++
				}
				continue
			}
		}
		if c == '"' || c == '\'' {
			i = skipString(data, i)
			continue
		}
		if keyMode {
			switch c {
			case '.':
				if segments++; segments > MaxDepth {
					return i, fmt.Sprintf("a key with more than %d parts", MaxDepth)
				}
			case '=', ']':
				keyMode = false
			}
			continue
		}
		switch c {
		case '[', '{':
			stack = append(stack, frame{inline: c == '{'})
			if len(stack) > MaxDepth {
				return i, fmt.Sprintf("values nested more than %d deep", MaxDepth)
			}
			if c == '{' {
				keyMode, segments = true, 1
			}
		case ']', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if len(stack) > 0 && stack[len(stack)-1].inline {
				keyMode, segments = true, 1
			}
		}
	}
	return -1, ""
}

// skipString returns the offset of the last byte of the string that opens
// at data[i] (a quote), or len(data)-1 if it never closes.
func skipString(data []byte, i int) int {
	q := data[i]
	delim := string(q)
	if i+2 < len(data) && data[i+1] == q && data[i+2] == q {
		delim = strings.Repeat(delim, 3)
	}
	j := i + len(delim)
	for j < len(data) {
		switch {
		case q == '"' && data[j] == '\\':
			j += 2
			continue
		case len(delim) == 1 && data[j] == '\n':
			return j - 1 // an unclosed one-line string ends at the line
		case bytes.HasPrefix(data[j:], []byte(delim)):
			// A multi-line string may end with up to two extra quotes.
			end := j + len(delim)
			for len(delim) == 3 && end < len(data) && data[end] == q && end-j < 5 {
				end++
			}
			return end - 1
		}
		j++
	}
	return len(data) - 1
}
