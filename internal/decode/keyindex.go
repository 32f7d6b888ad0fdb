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
		inString string     // closing delimiter of an open multi-line string
		arr      *arrayScan // the multi-line array value being read
	)
	for n := 1; n <= src.NumLines(); n++ {
		line := src.Line(n)
		if inString != "" {
			if i := strings.Index(line, inString); i >= 0 {
				inString = ""
			}
			continue
		}
		if arr != nil {
			arr.scan(line, 0, func(off int) { idx[arr.next()] = src.At(n, off+1) })
			if arr.done() {
				arr = nil
			}
			continue
		}
		trim := strings.TrimLeft(line, " \t")
		col := len(line) - len(trim) + 1
		if trim == "" || trim[0] == '#' {
			continue
		}
		switch {
		case strings.HasPrefix(trim, "[["):
			segs := splitKey(headerName(trim[2:], "]]"))
			name := strings.Join(segs, ".")
			aot[name]++
			// A new element starts its own nested arrays of tables: the
			// second [[cluster]]'s first [[cluster.member]] is
			// cluster[1].member[0], not a continuation of cluster[0]'s.
			for k := range aot {
				if strings.HasPrefix(k, name+".") {
					delete(aot, k)
				}
			}
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
			rest := trim[eq+1:]
			value := strings.TrimLeft(rest, " \t")
			switch {
			case strings.HasPrefix(value, `"""`) || strings.HasPrefix(value, "'''"):
				delim := value[:3]
				if !strings.Contains(value[3:], delim) {
					inString = delim
				}
			case strings.HasPrefix(value, "["):
				// Every element gets its own position, so a bad entry in
				// a list is shown on its own line and column.
				a := &arrayScan{key: full}
				a.scan(line, len(line)-len(value), func(off int) { idx[a.next()] = src.At(n, off+1) })
				if !a.done() {
					arr = a
				}
			}
		}
	}
	return idx
}

// arrayScan follows an array value across lines and finds where each of its
// elements starts. A nested array or inline table is one element; strings,
// multi-line ones included, and comments are skipped.
type arrayScan struct {
	key    string
	elem   int
	depth  int    // open '[' and '{'; the array's own elements are at depth 1
	expect bool   // an element may start at the next non-blank character
	quote  string // closing delimiter of the open string, if any
}

// next returns the key path of the element just found.
func (a *arrayScan) next() string {
	p := a.key + "[" + strconv.Itoa(a.elem) + "]"
	a.elem++
	return p
}

// done reports whether the array has closed.
func (a *arrayScan) done() bool { return a.depth == 0 && a.quote == "" }

// scan reads line from byte offset from, calling found with the offset of
// every element that starts on it, and stops where the array closes.
func (a *arrayScan) scan(line string, from int, found func(off int)) {
	for i := from; i < len(line); i++ {
		c := line[i]
		if a.quote != "" {
			switch {
			case c == '\\' && a.quote[0] == '"':
				i++
			case strings.HasPrefix(line[i:], a.quote):
				i += len(a.quote) - 1
				a.quote = ""
			}
			continue
		}
		switch c {
		case ' ', '\t', '\r':
			continue
		case '#':
			return
		case ',':
			if a.depth == 1 {
				a.expect = true
			}
			continue
		}
		if a.depth == 1 && a.expect && c != ']' {
			a.expect = false
			found(i)
		}
		switch c {
		case '[', '{':
			a.depth++
			if a.depth == 1 {
				a.expect = true
			}
		case ']', '}':
			if a.depth--; a.depth <= 0 {
				a.depth = 0
				return
			}
		case '"', '\'':
			a.quote = string(c)
			if triple := strings.Repeat(a.quote, 3); strings.HasPrefix(line[i:], triple) {
				a.quote = triple
				i += 2
			}
		}
	}
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
