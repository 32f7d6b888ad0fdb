package decode_test

import (
	"slices"
	"strconv"
	"strings"
)

// FuzzFastTOML's inputs, taken as bytes, rarely stay documents the fast
// path reads: one changed byte makes an unknown key. So each input is also
// taken as a list of choices that write a front-matter-like document, near
// the edge of what the fast path reads, where the two ways must agree.

// choices hands out the input's bytes, then zeros.
type choices struct {
	b []byte
}

func (c *choices) next() int {
	if len(c.b) == 0 {
		return 0
	}
	v := int(c.b[0])
	c.b = c.b[1:]
	return v
}

// pick returns one of the options.
func pick[T any](c *choices, options ...T) T { return options[c.next()%len(options)] }

// rarely is true for one choice in n.
func (c *choices) rarely(n int) bool { return c.next()%n == n-1 }

// schema is what a generated document is written for: the keys of a
// struct with the kind of value each takes, the keys that must be there,
// and the [[name]] sections with theirs.
type schema struct {
	keys     map[string]byte // s string, d date, i integer, b bool, a array of strings, u Unmarshaler, p period (an inline table)
	required []string
	sections map[string]*schema // [[name]]
	tables   map[string]*schema // [name]
}

var (
	imageSchema = &schema{
		keys:     map[string]byte{"src": 's', "alt": 's', "caption": 's', "credit": 's', "width": 'i', "height": 'i'},
		required: []string{"src"},
	}
	frontMatterSchema = &schema{
		keys: map[string]byte{"title": 's', "date": 'd', "summary": 's', "slug": 's', "cluster": 's', "meeting": 's',
			"provinces": 'a', "tags": 'a', "authors": 'a', "source": 'u', "draft": 'b'},
		required: []string{"title", "date"},
		sections: map[string]*schema{"image": imageSchema},
	}
	itemSchema = &schema{
		keys:     map[string]byte{"src": 's', "tags": 'a', "r": 'u', "n": 'i'},
		required: []string{"src"},
	}
	wideSchema = &schema{
		keys: map[string]byte{"name": 's', "id": 's', "n8": 'i', "n": 'i', "b": 'b', "r": 'u', "p": 's', "d": 'd',
			"tags": 'a', "labels": 'a', "lang": 's', "span": 'p'},
		required: []string{"name"},
		sections: map[string]*schema{"item": itemSchema, "other": itemSchema},
		tables:   map[string]*schema{"sub": itemSchema, "opt": itemSchema},
	}
	meetingSchema = &schema{
		keys:     map[string]byte{"id": 's', "date": 'd', "count": 'i', "tags": 'a'},
		required: []string{"id", "date"},
	}
	meetingsSchema = &schema{
		keys:     map[string]byte{"schema": 'i'},
		required: []string{"schema"},
		sections: map[string]*schema{"meeting": meetingSchema, "chair": meetingSchema},
	}
	// meetingFileSchema is data.Meeting's.
	meetingFileSchema = &schema{
		keys: map[string]byte{"schema": 'i', "id": 's', "cluster": 's', "kind": 's', "title": 's', "date": 'd', "place": 's',
			"venue": 's', "host": 's', "period": 'p', "period_label": 's', "summary": 's', "articles": 'a', "sources": 'a'},
		required: []string{"schema", "cluster", "kind", "title", "date", "place"},
		sections: map[string]*schema{
			"person": {keys: map[string]byte{"name": 's', "title": 's', "role": 's', "organization": 's', "province": 's', "note": 's', "source": 's'},
				required: []string{"name", "title", "role"}},
			"decision": {keys: map[string]byte{"text": 's', "count": 'i', "source": 's'}, required: []string{"text"}},
		},
		tables: map[string]*schema{"handover": {keys: map[string]byte{"to": 's', "for": 's', "note": 's', "source": 's'}, required: []string{"to"}}},
	}
	schemas = []*schema{frontMatterSchema, wideSchema, meetingsSchema, meetingFileSchema}

	genRunes    = []string{"a", "Z", "0", " ", "ắ", "Đ", "ụ", "😀", "\t", "#", "[", "]", "{", "}", ",", "=", ".", "'", "\\\\", "\\\"", "\\n", "\\t", "\\u00e9", "\\U0001F600", "\\e", "\\x41"}
	genOddRunes = []string{"\"", "\\", "\\q", "\\u12", "\\ud800", "\\U00110000", "\x7f", "\x01", "\r", "\n", "\xff", "\u0085", "\uFEFF", "\\ ", "\\x4"}
)

// sorted returns the keys of m in order, so that choices are repeatable.
func sorted[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// genDocument writes a document for one of the schemas: mostly what the
// fast path reads, now and then with a key, value or line it does not.
func genDocument(data []byte) []byte {
	c := &choices{b: data}
	sc := pick(c, schemas...)
	var b strings.Builder
	nl := pick(c, "\n", "\n", "\n", "\r\n")
	if c.rarely(32) {
		b.WriteString("\uFEFF")
	}
	if c.next()%2 == 0 {
		b.WriteString(nl)
	}
	genTable(c, &b, sc, nl)
	names := append(sorted(sc.sections), sorted(sc.tables)...)
	for range c.next() % 5 {
		if len(names) == 0 {
			break
		}
		b.WriteString(pick(c, "", "", "", "  ", "\t"))
		name := pick(c, names...)
		sub, table := sc.sections[name]
		if table = !table; table {
			sub = sc.tables[name]
		}
		switch {
		case c.rarely(16):
			b.WriteString(pick(c, "["+name+"]", "[["+name+"]]", "[["+name+".kid]]", "["+name+".kid]", "[["+pick(c, "tags", "x", "title", "schema")+"]]",
				"["+pick(c, "tags", "x", "title", "span", "period")+"]", "[ [x]]", "["+name))
		case table:
			b.WriteString(pick(c, "["+name+"]", "["+name+"]", "[ "+name+" ]", "[\t"+name+"]"))
		default:
			b.WriteString(pick(c, "[["+name+"]]", "[["+name+"]]", "[[ "+name+" ]]"))
		}
		genTail(c, &b, nl)
		genTable(c, &b, sub, nl)
	}
	return []byte(b.String())
}

// genTable writes the lines of one table: its required keys, then others
// in random order, with blank and comment lines between.
func genTable(c *choices, b *strings.Builder, sc *schema, nl string) {
	keys := append([]string(nil), sc.required...)
	for _, k := range sorted(sc.keys) {
		if !slices.Contains(keys, k) && c.next()%2 == 0 {
			keys = append(keys, k)
		}
	}
	for i := range keys {
		j := i + c.next()%(len(keys)-i)
		keys[i], keys[j] = keys[j], keys[i]
	}
	if c.rarely(16) {
		keys = append(keys, pick(c, keys...)) // written twice
	}
	if c.rarely(16) {
		keys = keys[1:] // a required key missing, maybe
	}
	if c.rarely(8) {
		keys = append(keys, pick(c, "unknown", "Title", "x-1", "any", "dur", "kid", "u", "f"))
	}
	for _, k := range keys {
		switch c.next() % 12 {
		case 0:
			b.WriteString(pick(c, "", " ", "\t") + nl)
		case 1:
			b.WriteString(pick(c, "#", "# ghi chú", "  # [x] \"y\"") + nl)
		}
		b.WriteString(pick(c, "", "", "", "", " ", "\t"))
		b.WriteString(k)
		if c.rarely(32) {
			b.WriteString(pick(c, " .x = ", " ", "="+nl))
		} else {
			b.WriteString(pick(c, " = ", " = ", " = ", "=", " =\t"))
		}
		kind := sc.keys[k]
		if c.rarely(32) {
			kind = pick[byte](c, 's', 'd', 'i', 'b', 'a', 'u', 'x')
		}
		genValue(c, b, kind, nl, 0)
		genTail(c, b, nl)
	}
}

func genTail(c *choices, b *strings.Builder, nl string) {
	if c.rarely(32) {
		b.WriteString(pick(c, " x", "\r", "x", " # \x01", ""))
	} else {
		b.WriteString(pick(c, "", "", "", " ", " # x", "\t# ắ"))
	}
	if !c.rarely(64) {
		b.WriteString(nl)
	}
}

func genValue(c *choices, b *strings.Builder, kind byte, nl string, depth int) {
	if kind == 'u' {
		kind = pick[byte](c, 's', 's', 't', 'd', 'i', 'b')
	}
	switch kind {
	case 'p':
		if depth > 1 {
			b.WriteString("{}")
			return
		}
		b.WriteString(pick(c, "{ ", "{ ", "{", "{"+nl))
		keys := []string{"from", "to"}
		if c.rarely(8) {
			keys = pick(c, []string{}, []string{"to"}, []string{"to", "from"}, []string{"from", "from"}, []string{"from", "x"}, []string{"From"})
		}
		for i, k := range keys {
			if i > 0 {
				b.WriteString(pick(c, ", ", ",", " , ", ", "))
			}
			b.WriteString(k + pick(c, " = ", "=", " = "))
			genValue(c, b, pick[byte](c, 'd', 'd', 'd', 'd', 's', 'i', 'p', 'a'), nl, depth+1)
		}
		b.WriteString(pick(c, " }", "}", " }", " }", ", }", nl+"}"))
	case 's':
		genString(c, b, pick[byte](c, '"', '"', '"', '\''))
	case 'i':
		if c.rarely(16) {
			b.WriteString(pick(c, "128", "-129", "32768", "9223372036854775808", "01", "1__0", "_1", "1_", "0x1F", "0o7", "0b1", "1.0"))
		} else {
			b.WriteString(pick(c, "0", "7", "-3", "+12", "1_000", "127", "-128", "32767", "1200", "800", "9223372036854775807", "-0", "+0"))
		}
	case 'b':
		if c.rarely(16) {
			b.WriteString(pick(c, "True", "truex", "1"))
		} else {
			b.WriteString(pick(c, "true", "false"))
		}
	case 'd':
		y := pick(c, "2024", "2023", "2019", "0000", "9999")
		m := pick(c, "01", "02", "12", "02", "11")
		d := pick(c, "01", "09", "15", "28")
		if c.rarely(16) {
			m, d = pick(c, "13", "00", "1", m), pick(c, "00", "3", "29", "30", "31", "32", d)
		}
		b.WriteString(y + "-" + m + "-" + d)
		if c.rarely(16) {
			b.WriteString(pick(c, "T10:00:00", " 10:00:00", "T10:00:00Z", "T10:00:00+07:00", " #", "T", "x", "T10:00"))
		}
	case 'a':
		if depth > 1 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[")
		for i := range c.next() % 6 {
			if i > 0 {
				b.WriteString(pick(c, ", ", ", ", ", ", ",", " ,", ","+nl+"  ", nl+", ", ", # c"+nl))
			} else {
				b.WriteString(pick(c, "", "", "", nl+"  ", " ", " # c"+nl))
			}
			if c.rarely(12) {
				genValue(c, b, pick[byte](c, 'i', 'a', 't', 'x'), nl, depth+1)
			} else {
				genString(c, b, pick[byte](c, '"', '"', '\''))
			}
		}
		b.WriteString(pick(c, "]", "]", "]", ",]", nl+"]", " ]", ", # c"+nl+"]"))
	case 't':
		if depth > 1 {
			b.WriteString("{}")
			return
		}
		b.WriteString(pick(c, "{", "{ ", "{ ", "{"+nl))
		for i := range c.next() % 4 {
			if i > 0 {
				b.WriteString(pick(c, ", ", ",", " , ", ", "))
			}
			b.WriteString(pick(c, "publication", "url", "title", "publication", "a", "x.y"))
			b.WriteString(pick(c, " = ", "=", " = "))
			genValue(c, b, pick[byte](c, 's', 's', 's', 'i', 'd', 'b', 'a', 't'), nl, depth+1)
		}
		b.WriteString(pick(c, " }", "}", " }", ", }", nl+"}"))
	default:
		b.WriteString(pick(c, `"""`, `'''`) + "multi" + pick(c, "", nl) + "line" + pick(c, `"""`, `'''`, `""""`))
		b.WriteString(pick(c, "", "1.5", "-0.0", "1e3", "+inf", "nan", "1."))
	}
}

func genString(c *choices, b *strings.Builder, q byte) {
	b.WriteByte(q)
	n := 1 + c.next()%8
	if c.rarely(32) {
		n = 0
	}
	for range n {
		r := pick(c, genRunes...)
		if c.rarely(64) {
			r = pick(c, genOddRunes...)
		}
		if q == '\'' && (r == "'" || strings.HasPrefix(r, "\\")) {
			r = strconv.Itoa(len(r))
		}
		b.WriteString(r)
	}
	b.WriteByte(q)
}
