package decode

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// Doc is a decoded TOML document: its source and where each key is written.
type Doc struct {
	Src  *diag.Source
	keys keyIndex
}

// Pos returns where the key path ("meeting[2].date") is written. For a path
// that is not written (a missing key) it returns the nearest enclosing table,
// and for the document itself line 1.
func (d *Doc) Pos(path string) diag.Pos {
	if d == nil {
		return diag.Pos{}
	}
	for p := path; p != ""; p = parent(p) {
		if pos, ok := d.keys[p]; ok {
			return pos
		}
	}
	return diag.Pos{File: d.Src.Name, Line: 1, Col: 1}
}

// Parsed reports whether the document could be read as TOML at all. When
// it could not (a syntax error, bytes that are not UTF-8), the value holds
// nothing from the file and checks of its content would only report
// consequences of that one error.
func (d *Doc) Parsed() bool { return d != nil && d.keys != nil }

// Errorf reports an error at the key path, with its source line.
func (d *Doc) Errorf(l *diag.List, path string, format string, args ...any) *diag.Diagnostic {
	return d.Src.Errorf(l, d.Pos(path), format, args...)
}

// Warnf reports a warning at the key path, with its source line.
func (d *Doc) Warnf(l *diag.List, path string, format string, args ...any) *diag.Diagnostic {
	return d.Src.Warnf(l, d.Pos(path), format, args...)
}

// parent strips the last segment or index of a key path.
func parent(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

// CheckUTF8 reports a file that is not UTF-8 and says how to fix it.
func CheckUTF8(src *diag.Source, l *diag.List) bool {
	if utf8.Valid(src.Data) {
		return true
	}
	off := 0
	for off < len(src.Data) {
		r, size := utf8.DecodeRune(src.Data[off:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		off += size
	}
	d := l.Errorf(src.Pos(off), "file is not UTF-8 text")
	d.Hint = "save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\"; in an editor: encoding UTF-8); Vietnamese legacy encodings such as TCVN3 or VNI are not read"
	return false
}

// TOML decodes src into v, a pointer to a struct, and reports every problem
// into l. ok is false when anything was reported as an error; v then holds
// whatever could be decoded. Hand it a zero struct and set other fields
// afterwards: the fast path (fast.go), ten times quicker, starts only from
// a zero struct.
func TOML(src *diag.Source, v any, l *diag.List) (doc *Doc, ok bool) {
	return decodeTOML(src, v, l, true)
}

// decodeTOML is TOML, trying the fast path (fast.go) first if fast; tests
// turn it off to compare.
func decodeTOML(src *diag.Source, v any, l *diag.List, fast bool) (doc *Doc, ok bool) {
	doc = &Doc{Src: src}
	// What the fast path reads is UTF-8 (it checks), nests one level and
	// has one-part keys, so CheckUTF8 and tooDeep would let it pass: they
	// are asked only when it gives up, saving half its time.
	if fast {
		if keys, ok := fastTOML(src, v); ok {
			doc.keys = keys
			return doc, true
		}
	}
	if !CheckUTF8(src, l) {
		return doc, false
	}
	data := bytes.TrimPrefix(src.Data, []byte("\uFEFF"))
	if off, what := tooDeep(data); off >= 0 {
		d := src.Errorf(l, src.Pos(off+len(src.Data)-len(data)), "TOML: %s", what)
		d.Hint = "khuyenhoc's files nest four levels at most, as in [[cluster.member]]; check the brackets and dots on this line"
		return doc, false
	}
	return doc, fullTOML(src, data, v, doc, l)
}

// fullTOML decodes data, src.Data without its byte order mark, with
// BurntSushi/toml and the walker.
func fullTOML(src *diag.Source, data []byte, v any, doc *Doc, l *diag.List) bool {
	var top map[string]toml.Primitive
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&top)
	if err != nil {
		reportSyntax(src, err, l)
		return false
	}
	doc.keys = indexKeys(src)
	before, _ := l.Count()
	w := walker{md: &md, doc: doc, l: l}
	w.table(top, reflect.ValueOf(v).Elem(), "")
	after, _ := l.Count()
	return after == before
}

func reportSyntax(src *diag.Source, err error, l *diag.List) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		l.Errorf(diag.Pos{File: src.Name}, "%v", err)
		return
	}
	pos := src.At(pe.Position.Line, pe.Position.Col)
	d := src.Errorf(l, pos, "TOML syntax: %s", pe.Message)
	msg := strings.ToLower(pe.Message)
	switch {
	case strings.Contains(msg, "datetime") || strings.Contains(msg, "date"):
		d.Hint = civil.ErrFormat.Error() + ", and the day must exist"
	case strings.Contains(msg, "duplicate") || strings.Contains(msg, "already been defined"):
		d.Hint = "each key may appear once per table; to add another record use a new [[…]] header"
	case strings.Contains(msg, "expected value"), strings.Contains(msg, "bare"):
		d.Hint = "text values need double quotes: name = \"Hòa Bình\""
	default:
		d.Hint = "check quotes and brackets on this line; see docs/data-format.md"
	}
}

type walker struct {
	md  *toml.MetaData
	doc *Doc
	l   *diag.List
}

var (
	unmarshalerType = reflect.TypeFor[toml.Unmarshaler]()
	primitiveType   = reflect.TypeFor[toml.Primitive]()
)

func isScalar(t reflect.Type) bool {
	return reflect.PointerTo(t).Implements(unmarshalerType) || t.Kind() != reflect.Struct
}

// table decodes the keys of one TOML table into the struct rv.
func (w *walker) table(m map[string]toml.Primitive, rv reflect.Value, path string) {
	fields := structFields(rv.Type())
	known := make([]string, 0, len(fields))
	for _, f := range fields {
		known = append(known, f.name)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		i := slices.IndexFunc(fields, func(f field) bool { return f.name == k })
		kp := join(path, k)
		if i < 0 {
			d := w.doc.Errorf(w.l, kp, "unknown key %q", k)
			if hint := diag.DidYouMean(k, known); hint != "" {
				d.Hint = hint
			} else {
				d.Hint = "known keys here: " + strings.Join(known, ", ")
			}
			continue
		}
		w.value(m[k], rv.FieldByIndex(fields[i].index), kp, k)
	}
	for _, f := range fields {
		if _, ok := m[f.name]; f.required && ok {
			if fv := rv.FieldByIndex(f.index); fv.Kind() == reflect.String && strings.TrimSpace(fv.String()) == "" {
				d := w.doc.Errorf(w.l, join(path, f.name), "%s is empty; it is required", f.name)
				d.Hint = fmt.Sprintf("write %s = \"…\"", f.name)
			}
		}
		if _, ok := m[f.name]; f.required && !ok {
			where := "the file"
			if path != "" {
				where = "[" + stripIndex(path) + "]"
			}
			d := w.doc.Errorf(w.l, path, "missing required key %q in %s", f.name, where)
			d.Hint = fmt.Sprintf("add a line: %s = …", f.name)
		}
	}
}

func stripIndex(p string) string {
	var b strings.Builder
	skip := false
	for _, r := range p {
		switch {
		case r == '[':
			skip = true
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// value decodes one key's value into fv.
func (w *walker) value(p toml.Primitive, fv reflect.Value, path, key string) {
	t := fv.Type()
	switch {
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && !isScalar(t.Elem()):
		// An optional table, such as a meeting's [handover]: read as a
		// table of its own, so that its unknown and missing keys are
		// reported as anywhere else (BurntSushi/toml ignores them).
		if m, ok := w.subTable(p, path, key); ok {
			fv.Set(reflect.New(t.Elem()))
			w.table(m, fv.Elem(), path)
		}
	case !isScalar(t):
		if m, ok := w.subTable(p, path, key); ok {
			w.table(m, fv, path)
		}
	case t.Kind() == reflect.Slice && t.Elem() != primitiveType && !isScalar(t.Elem()):
		var items []toml.Primitive
		if err := w.md.PrimitiveDecode(p, &items); err != nil {
			w.typeError(path, key, "a list of tables ([["+key+"]])", err)
			return
		}
		fv.Set(reflect.MakeSlice(t, len(items), len(items)))
		for i, item := range items {
			var m map[string]toml.Primitive
			ip := fmt.Sprintf("%s[%d]", path, i)
			if err := w.md.PrimitiveDecode(item, &m); err != nil {
				w.typeError(ip, key, "a table", err)
				continue
			}
			w.table(m, fv.Index(i), ip)
		}
	default:
		if err := w.md.PrimitiveDecode(p, fv.Addr().Interface()); err != nil {
			d := w.typeError(path, key, friendlyType(t), err)
			if t == dateType {
				d.Hint = w.dateHint(p, key)
			}
		}
	}
}

// subTable decodes the value of a key that must be a table. BurntSushi/toml
// decodes any other value into a map as an empty one, without a word.
func (w *walker) subTable(p toml.Primitive, path, key string) (map[string]toml.Primitive, bool) {
	var raw any
	if err := w.md.PrimitiveDecode(p, &raw); err == nil {
		if _, ok := raw.(map[string]any); !ok {
			d := w.doc.Errorf(w.l, path, "%s must be a table", key)
			d.Hint = fmt.Sprintf("write %s = { … } or a [%s] section with its keys below", key, key)
			return nil, false
		}
	}
	var m map[string]toml.Primitive
	if err := w.md.PrimitiveDecode(p, &m); err != nil {
		w.typeError(path, key, "a table", err)
		return nil, false
	}
	return m, true
}

var dateType = reflect.TypeFor[civil.Date]()

// dateHint suggests the ISO spelling of a date written another way
// ("15/12/2025" → date = 2025-12-15).
func (w *walker) dateHint(p toml.Primitive, key string) string {
	var raw any
	if err := w.md.PrimitiveDecode(p, &raw); err == nil {
		if d, ok := civil.Guess(fmt.Sprint(raw)); ok {
			return fmt.Sprintf("write %s = %s (year-month-day, no quotes needed)", key, d)
		}
	}
	return civil.ErrFormat.Error() + ", and the day must exist"
}

func (w *walker) typeError(path, key, want string, err error) *diag.Diagnostic {
	var pe toml.ParseError
	if errors.As(err, &pe) && !strings.Contains(pe.Message, "incompatible types") {
		// An Unmarshaler's own message ("2025-02-30 does not exist …").
		d := w.doc.Errorf(w.l, path, "%s: %s", key, pe.Message)
		if errors.Is(err, civil.ErrFormat) || strings.Contains(pe.Message, "does not exist") {
			d.Hint = civil.ErrFormat.Error()
		}
		return d
	}
	d := w.doc.Errorf(w.l, path, "%s must be %s", key, want)
	d.Hint = exampleFor(want, key)
	return d
}

func friendlyType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text in double quotes"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String {
			return "a list of texts"
		}
		return "a list"
	}
	return "a " + t.Name()
}

func exampleFor(want, key string) string {
	switch want {
	case "text in double quotes":
		return fmt.Sprintf("write %s = \"…\"", key)
	case "a whole number":
		return fmt.Sprintf("write %s = 12 (no quotes, no decimal)", key)
	case "a list of texts":
		return fmt.Sprintf("write %s = [\"…\", \"…\"]", key)
	case "true or false":
		return fmt.Sprintf("write %s = true", key)
	}
	return "see docs/data-format.md for this key"
}

type field struct {
	name     string
	index    []int
	required bool
}

// structFields lists the TOML keys of a struct type, following embedded
// structs, in declaration order.
func structFields(t reflect.Type) []field {
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("toml")
		if tag == "-" {
			continue
		}
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			for _, sub := range structFields(f.Type) {
				sub.index = append([]int{i}, sub.index...)
				out = append(out, sub)
			}
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out = append(out, field{name: name, index: []int{i}, required: f.Tag.Get("required") == "true"})
	}
	return out
}
