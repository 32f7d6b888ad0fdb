package decode

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// The fast path decodes the TOML that article front matter and meeting
// files are written in at a tenth of the cost of BurntSushi/toml, the walker and the key index
// (about 4 µs and 15 allocations against 55 µs and 400): one pass over the
// text that fills the struct through a plan per struct type (fastplan.go),
// reads values as BurntSushi/toml does (fastscan.go) and records key
// positions as it goes.
//
// It reads a subset of TOML, and only documents that decode without a
// single diagnostic:
//
//   - bare keys, one per line, not dotted;
//   - [[name]] sections of a []struct field, and [name] sections of a
//     struct or *struct field (no dotted names, no nesting below them);
//   - one-line basic and literal strings, escapes included; decimal
//     integers; true and false; local dates (2024-12-03);
//   - arrays of strings, over several lines, with comments and a
//     trailing comma;
//   - for a toml.Unmarshaler field, any of those scalars or a one-line
//     inline table of them; for a struct field, a one-line inline table
//     of scalars (period = { from = 2024-01-01, to = 2024-12-31 });
//   - comments, blank lines, LF or CRLF.
//
// Anything else — another TOML construct, a key the struct does not know,
// a value of the wrong type, a missing required key, an Unmarshaler's
// error, a byte order mark — makes it give up, leaving v as it found it,
// and TOML decodes the document the full way. So the fast path only ever
// answers where the full way would have reported nothing, and its answer
// (the struct, every key position) is the full way's: FuzzFastTOML checks
// this against BurntSushi/toml.

// fastTOML decodes src.Data into v, a pointer to a zero struct, and returns
// the key index. ok is false when the document is not one the fast path
// reads; v is then zero again (an Unmarshaler it called is not undone, and
// is called again by the full way).
func fastTOML(src *diag.Source, v any) (keys keyIndex, ok bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return nil, false
	}
	rv = rv.Elem()
	// Starting from the zero value lets a failed attempt be undone by
	// zeroing, and makes the fast path's writes the walker's.
	if !rv.IsZero() {
		return nil, false
	}
	p := planFor(rv.Type())
	if !p.ok {
		return nil, false
	}
	s := string(src.Data) // strings without escapes are slices of it, as with BurntSushi/toml
	d := fastDecoder{
		s:    s,
		name: src.Name,
		line: 1,
		// A key per line is the usual; array elements grow the index.
		keys: make(keyIndex, strings.Count(s, "\n")+1),
	}
	if !d.document(p, rv) {
		rv.SetZero()
		return nil, false
	}
	return d.keys, true
}

// fastDecoder reads one document.
type fastDecoder struct {
	s    string
	name string
	i    int // read offset
	line int // line of offset i, from 1
	bol  int // offset where that line begins
	keys keyIndex
}

// key records that path is written at offset off of the current line.
func (d *fastDecoder) key(path string, off int) {
	d.keys[path] = d.pos(off)
}

// fastTable is a table being filled: the document's top level or one
// element of a [[name]] array.
type fastTable struct {
	plan *plan
	rv   reflect.Value
	seen uint64 // bit j: fields[j] is written
	next int    // the field after the last one written, tried first
	// paths[j] is the key path of fields[j]; nil to build it from prefix.
	paths  []string
	prefix string
}

func (t *fastTable) path(j int) string {
	if t.paths != nil {
		return t.paths[j]
	}
	return t.prefix + "." + t.plan.fields[j].name
}

// itemPath is the key path of element i of fields[j], an array.
func (t *fastTable) itemPath(j, i int) string {
	if f := &t.plan.fields[j]; t.prefix == "" && i < len(f.items) {
		return f.items[i]
	}
	return t.path(j) + "[" + strconv.Itoa(i) + "]"
}

// complete reports whether every required key is written, and required
// text not blank: what the walker would otherwise report.
func (t *fastTable) complete() bool {
	if t.seen&t.plan.required != t.plan.required {
		return false
	}
	for j := range t.plan.fields {
		if t.plan.required&(1<<j) == 0 {
			continue
		}
		if fv := t.rv.FieldByIndex(t.plan.fields[j].index); fv.Kind() == reflect.String && strings.TrimSpace(fv.String()) == "" {
			return false
		}
	}
	return true
}

func (d *fastDecoder) pos(off int) diag.Pos {
	return diag.Pos{File: d.name, Line: d.line, Col: off - d.bol + 1}
}

// document reads the whole text into rv.
func (d *fastDecoder) document(p *plan, rv reflect.Value) bool {
	top := fastTable{plan: p, rv: rv, paths: p.names}
	cur := &top
	var elem fastTable
	for d.i < len(d.s) {
		d.skipSpace()
		if d.i < len(d.s) {
			switch d.s[d.i] {
			case '\r', '\n', '#':
			case '[':
				if cur != &top && !elem.complete() {
					return false
				}
				if !d.section(&top, &elem) {
					return false
				}
				cur = &elem
			default:
				if !d.keyValue(cur) {
					return false
				}
			}
		}
		if !d.endLine() {
			return false
		}
	}
	if cur != &top && !elem.complete() || !top.complete() {
		return false
	}
	// The walker makes these slices with cap == len; appending one
	// element at a time may have left more.
	for j := range p.fields {
		if top.seen&(1<<j) != 0 && p.fields[j].kind == fastTables {
			fv := rv.FieldByIndex(p.fields[j].index)
			if n := fv.Len(); fv.Cap() != n {
				fv.Set(fv.Slice3(0, n, n))
			}
		}
	}
	return true
}

// section reads a [[name]] header and makes elem the new element of the
// top-level field name, or a [name] header and makes elem that field.
func (d *fastDecoder) section(top, elem *fastTable) bool {
	start := d.i
	if !strings.HasPrefix(d.s[d.i:], "[[") {
		return d.table(top, elem, start)
	}
	d.i += 2
	d.skipSpace()
	name := d.bareKey()
	d.skipSpace()
	if name == "" || !strings.HasPrefix(d.s[d.i:], "]]") {
		return false
	}
	d.i += 2
	j := top.plan.lookup(name, 0)
	if j < 0 || top.plan.fields[j].kind != fastTables {
		return false
	}
	top.seen |= 1 << j
	f := &top.plan.fields[j]
	ep := planFor(f.elem)
	if !ep.ok {
		return false
	}
	fv := top.rv.FieldByIndex(f.index)
	n := fv.Len()
	fv.Grow(1)
	fv.SetLen(n + 1)
	*elem = fastTable{plan: ep, rv: fv.Index(n)}
	if n < len(f.items) {
		elem.prefix, elem.paths = f.items[n], f.keyPaths[n]
	} else {
		elem.prefix = f.name + "[" + strconv.Itoa(n) + "]"
	}
	d.key(elem.prefix, start)
	return true
}

// table reads a [name] header, at offset start, and makes elem the
// top-level struct field name, or the struct a pointer field name is
// given.
func (d *fastDecoder) table(top, elem *fastTable, start int) bool {
	d.i++ // '['
	d.skipSpace()
	name := d.bareKey()
	d.skipSpace()
	if name == "" || !strings.HasPrefix(d.s[d.i:], "]") {
		return false
	}
	d.i++
	j := top.plan.lookup(name, 0)
	if j < 0 || top.seen&(1<<j) != 0 {
		return false // unknown, or written before
	}
	f := &top.plan.fields[j]
	if f.kind != fastStruct && f.kind != fastStructPtr {
		return false
	}
	ep := planFor(f.elem)
	if !ep.ok {
		return false
	}
	top.seen |= 1 << j
	fv := top.rv.FieldByIndex(f.index)
	if f.kind == fastStructPtr {
		fv.Set(reflect.New(f.elem))
		fv = fv.Elem()
	}
	*elem = fastTable{plan: ep, rv: fv, prefix: top.path(j)}
	d.key(elem.prefix, start)
	return true
}

// assign reads "key =" and returns the index of the key's field in t,
// marked written; -1 if the key is unknown, written before or not
// followed by '='.
func (d *fastDecoder) assign(t *fastTable) int {
	key := d.bareKey()
	d.skipSpace()
	if key == "" || d.i >= len(d.s) || d.s[d.i] != '=' {
		return -1
	}
	d.i++
	d.skipSpace()
	j := t.plan.lookup(key, t.next)
	if j < 0 || t.seen&(1<<j) != 0 {
		return -1
	}
	t.seen |= 1 << j
	t.next = j + 1
	return j
}

// keyValue reads key = value into table t.
func (d *fastDecoder) keyValue(t *fastTable) bool {
	start := d.i
	j := d.assign(t)
	if j < 0 {
		return false
	}
	d.key(t.path(j), start)
	f := &t.plan.fields[j]
	fv := t.rv.FieldByIndex(f.index)
	switch f.kind {
	case fastStrings:
		return d.strings(t, j, fv)
	case fastStruct:
		return d.structTable(f.elem, fv)
	}
	return d.scalar(f, fv, true)
}

// structTable reads a one-line inline table of scalars into fv, a struct
// of type t, as the walker reads it: every key known, required ones
// written. Only the key of the table itself is in the key index, as
// indexKeys finds it.
func (d *fastDecoder) structTable(t reflect.Type, fv reflect.Value) bool {
	p := planFor(t)
	if !p.ok || d.i >= len(d.s) || d.s[d.i] != '{' {
		return false
	}
	d.i++
	in := fastTable{plan: p, rv: fv}
	d.skipSpace()
	if d.i < len(d.s) && d.s[d.i] == '}' {
		d.i++
		return in.complete()
	}
	for {
		d.skipSpace()
		j := d.assign(&in)
		if j < 0 {
			return false
		}
		if !d.scalar(&p.fields[j], in.rv.FieldByIndex(p.fields[j].index), false) {
			return false
		}
		d.skipSpace()
		if d.i >= len(d.s) {
			return false
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case '}':
			d.i++
			return in.complete()
		default:
			return false
		}
	}
}

// scalar reads a value of a string, bool, integer or Unmarshaler field
// into fv; an Unmarshaler's may be an inline table of scalars if table.
func (d *fastDecoder) scalar(f *fieldPlan, fv reflect.Value, table bool) bool {
	switch f.kind {
	case fastString:
		s, ok := d.str()
		if !ok {
			return false
		}
		fv.SetString(s)
	case fastBool:
		switch d.token() {
		case "true":
			fv.SetBool(true)
		case "false":
			fv.SetBool(false)
		default:
			return false
		}
	case fastInt:
		n, ok := integer(d.token())
		if !ok || fv.OverflowInt(n) {
			return false
		}
		fv.SetInt(n)
	case fastUnmarshaler:
		val, ok := d.value(table)
		if !ok {
			return false
		}
		// BurntSushi/toml hands the Unmarshaler the same value: string,
		// int64, bool, time.Time or map[string]any.
		if err := fv.Addr().Interface().(toml.Unmarshaler).UnmarshalTOML(val); err != nil {
			return false
		}
	default:
		return false
	}
	return true
}

// strings reads an array of strings into fv, recording where each element
// starts as indexKeys does.
func (d *fastDecoder) strings(t *fastTable, j int, fv reflect.Value) bool {
	if d.i >= len(d.s) || d.s[d.i] != '[' {
		return false
	}
	d.i++
	var buf [16]string
	vals := buf[:0]
	for {
		if !d.skipBlank() {
			return false
		}
		if d.i < len(d.s) && d.s[d.i] == ']' {
			break
		}
		start := d.i
		s, ok := d.str()
		if !ok {
			return false
		}
		d.key(t.itemPath(j, len(vals)), start)
		vals = append(vals, s)
		if !d.skipBlank() || d.i >= len(d.s) {
			return false
		}
		if c := d.s[d.i]; c == ']' {
			break
		} else if c != ',' {
			return false
		}
		d.i++
	}
	d.i++ // ']'
	// As BurntSushi/toml: a new slice, len == cap, not nil when empty.
	if p, ok := fv.Addr().Interface().(*[]string); ok {
		*p = append(make([]string, 0, len(vals)), vals...)
		return true
	}
	out := reflect.MakeSlice(fv.Type(), len(vals), len(vals))
	for i, s := range vals {
		out.Index(i).SetString(s)
	}
	fv.Set(out)
	return true
}

// value reads a scalar or, if table, a one-line inline table of scalars,
// as the Go value BurntSushi/toml would hand an Unmarshaler.
func (d *fastDecoder) value(table bool) (any, bool) {
	if d.i >= len(d.s) {
		return nil, false
	}
	switch d.s[d.i] {
	case '"', '\'':
		return d.str()
	case '[':
		return nil, false
	case '{':
		if !table {
			return nil, false
		}
		return d.inlineTable()
	}
	tok := d.token()
	switch tok {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	if t, ok := localDate(tok); ok {
		return t, true
	}
	if n, ok := integer(tok); ok {
		return n, true
	}
	return nil, false
}

// inlineTable reads { key = scalar, … } on one line.
func (d *fastDecoder) inlineTable() (any, bool) {
	d.i++ // '{'
	m := map[string]any{}
	d.skipSpace()
	if d.i < len(d.s) && d.s[d.i] == '}' {
		d.i++
		return m, true
	}
	for {
		d.skipSpace()
		key := d.bareKey()
		d.skipSpace()
		if key == "" || d.i >= len(d.s) || d.s[d.i] != '=' {
			return nil, false
		}
		if _, dup := m[key]; dup {
			return nil, false
		}
		d.i++
		d.skipSpace()
		v, ok := d.value(false)
		if !ok {
			return nil, false
		}
		m[key] = v
		d.skipSpace()
		if d.i >= len(d.s) {
			return nil, false
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case '}':
			d.i++
			return m, true
		default:
			return nil, false
		}
	}
}
