package decode

import (
	"strconv"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// keyIndex maps key paths such as "meeting[2].attendee[0].name" to where the
// key is written. BurntSushi/toml keeps positions private and without array
// indices, so this light scanner, run only on text the parser accepted,
// recovers them.
type keyIndex map[string]diag.Pos

func indexKeys(src *diag.Source) keyIndex {
	idx := keyIndex{}
	aot := map[string]int{} // array-of-tables path (no indices) → count seen
	prefix := ""            // current table path with indices
	var (
		inString   string // closing delimiter of an open multi-line string
		arrayDepth int    // open brackets of a multi-line array value
		arrayKey   string
		arrayElem  int
	)
	for n := 1; n <= src.NumLines(); n++ {
		line := src.Line(n)
		if inString != "" {
			if i := strings.Index(line, inString); i >= 0 {
				inString = ""
			}
			continue
		}
		trim := strings.TrimLeft(line, " \t")
		col := len(line) - len(trim) + 1
		if arrayDepth > 0 {
			if strings.HasPrefix(trim, "{") && arrayDepth == 1 {
				idx[arrayKey+"["+strconv.Itoa(arrayElem)+"]"] = src.At(n, col)
				arrayElem++
			}
			arrayDepth += bracketBalance(trim)
			continue
		}
		if trim == "" || trim[0] == '#' {
			continue
		}
		switch {
		case strings.HasPrefix(trim, "[["):
			inner := headerName(trim[2:], "]]")
			segs := splitKey(inner)
			aot[strings.Join(segs, ".")]++
			prefix = indexedPath(segs, aot)
			idx[prefix] = src.At(n, col)
		case trim[0] == '[':
			segs := splitKey(headerName(trim[1:], "]"))
			prefix = indexedPath(segs, aot)
			if _, ok := idx[prefix]; !ok {
				idx[prefix] = src.At(n, col)
			}
		default:
			eq := keyEnd(trim)
			if eq < 0 {
				continue
			}
			key := strings.Join(splitKey(trim[:eq]), ".")
			full := join(prefix, key)
			idx[full] = src.At(n, col)
			value := strings.TrimSpace(trim[eq+1:])
			switch {
			case strings.HasPrefix(value, `"""`) || strings.HasPrefix(value, "'''"):
				delim := value[:3]
				if !strings.Contains(value[3:], delim) {
					inString = delim
				}
			case strings.HasPrefix(value, "["):
				if b := bracketBalance(value); b > 0 {
					arrayDepth, arrayKey, arrayElem = b, full, 0
					// Elements that start on the key's own line.
					for range countInlineTables(value) {
						idx[full+"["+strconv.Itoa(arrayElem)+"]"] = src.At(n, col)
						arrayElem++
					}
				} else {
					for i := range countInlineTables(value) {
						idx[full+"["+strconv.Itoa(i)+"]"] = src.At(n, col)
					}
				}
			}
		}
	}
	return idx
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// indexedPath turns ["meeting","attendee"] into "meeting[3].attendee[0]"
// using the latest index of every array of tables along the way.
func indexedPath(segs []string, aot map[string]int) string {
	var b strings.Builder
	for i, s := range segs {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
		if c, ok := aot[strings.Join(segs[:i+1], ".")]; ok {
			b.WriteString("[" + strconv.Itoa(c-1) + "]")
		}
	}
	return b.String()
}

func headerName(s, closing string) string {
	if i := strings.Index(s, closing); i >= 0 {
		return s[:i]
	}
	return s
}

// splitKey splits a dotted key, honouring quotes.
func splitKey(s string) []string {
	var segs []string
	var cur strings.Builder
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			segs = append(segs, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(segs, strings.TrimSpace(cur.String()))
}

// keyEnd returns the index of the '=' that ends the key, or -1.
func keyEnd(s string) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '=':
			return i
		case c == '#':
			return -1
		}
	}
	return -1
}

// bracketBalance counts '[' minus ']' outside strings and comments.
func bracketBalance(s string) int {
	n := 0
	scanOutsideStrings(s, func(c byte, _ int) {
		switch c {
		case '[':
			n++
		case ']':
			n--
		}
	})
	return n
}

// countInlineTables counts '{' opening at array depth 1.
func countInlineTables(s string) int {
	depth, brace, count := 0, 0, 0
	scanOutsideStrings(s, func(c byte, _ int) {
		switch c {
		case '[':
			depth++
		case ']':
			depth--
		case '{':
			if depth == 1 && brace == 0 {
				count++
			}
			brace++
		case '}':
			brace--
		}
	})
	return count
}

func scanOutsideStrings(s string, f func(c byte, i int)) {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote == '"' && c == '\\':
			i++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return
		default:
			f(c, i)
		}
	}
}
