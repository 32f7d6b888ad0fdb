package decode

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strconv"
	"sync"
	"time"
)

// A plan says, once per struct type, how the fast path (fast.go) fills
// each field, so that decoding a document walks no struct tags and builds
// no key path strings for the common case.

// fastKind is the one kind of TOML value a field takes on the fast path.
// Any other field type leaves the document to BurntSushi/toml.
type fastKind uint8

const (
	fastNone        fastKind = iota // not decoded fast: a key for it gives up
	fastString                      // string kinds: a one-line string
	fastBool                        // bool: true or false
	fastInt                         // int kinds: a decimal integer in range
	fastStrings                     // []string kinds: an array of one-line strings
	fastTables                      // []struct: [[name]] sections
	fastUnmarshaler                 // toml.Unmarshaler: a scalar or an inline table of scalars
	fastStruct                      // struct: a [name] section, or a one-line inline table of scalars
	fastStructPtr                   // *struct: a [name] section, which makes the struct
)

// plan is how the fast path decodes one struct type.
type plan struct {
	fields []fieldPlan
	// names are the fields' key paths at the document's top level.
	names []string
	// required has bit j set when fields[j] is required.
	required uint64
	// ok is false when the type is never decoded fast: a key name used by
	// two fields (the walker's handling of the second is subtle), or more
	// fields than a uint64 has bits.
	ok bool
}

// fieldPlan is one key of a plan.
type fieldPlan struct {
	name  string
	index []int
	kind  fastKind
	// elem is the element type of a fastTables or fastStructPtr field and
	// the type of a fastStruct one, whose plan is looked up when its
	// section is met (a type may contain itself).
	elem reflect.Type
	// items are the key paths of the first elements written at the top
	// level: "provinces[0]", "image[0]".
	items []string
	// keyPaths[i][j] is the key path of key j in element i of a fastTables
	// field: "image[0].src".
	keyPaths [][]string
}

// Paths of this many first elements are made once per type; later ones
// are built when met.
const (
	planItems  = 8
	planTables = 4
)

var (
	plans = sync.Map{} // reflect.Type → *plan

	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonNumberType      = reflect.TypeFor[json.Number]()
	durationType        = reflect.TypeFor[time.Duration]()
)

// planFor returns the plan of the struct type t.
func planFor(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	p, _ := plans.LoadOrStore(t, newPlan(t))
	return p.(*plan)
}

func newPlan(t reflect.Type) *plan {
	fields := structFields(t)
	p := &plan{ok: len(fields) <= 64}
	seen := map[string]bool{}
	for j, f := range fields {
		if seen[f.name] {
			p.ok = false
		}
		seen[f.name] = true
		ft := t.FieldByIndex(f.index).Type
		fp := fieldPlan{name: f.name, index: f.index, kind: kindOf(ft)}
		if f.required && j < 64 {
			p.required |= 1 << j
		}
		switch fp.kind {
		case fastStruct:
			fp.elem = ft
		case fastStructPtr:
			fp.elem = ft.Elem()
		case fastStrings:
			fp.items = itemPaths(f.name, planItems)
		case fastTables:
			fp.elem = ft.Elem()
			fp.items = itemPaths(f.name, planTables)
			for _, item := range fp.items {
				var keys []string
				for _, sub := range structFields(fp.elem) {
					keys = append(keys, item+"."+sub.name)
				}
				fp.keyPaths = append(fp.keyPaths, keys)
			}
		}
		p.fields = append(p.fields, fp)
		p.names = append(p.names, f.name)
	}
	return p
}

func itemPaths(name string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = name + "[" + strconv.Itoa(i) + "]"
	}
	return out
}

// kindOf says how the fast path fills a field of type t. It keeps to the
// cases where BurntSushi/toml's unify and the walker do the plain thing:
// types with their own decoding (encoding.TextUnmarshaler, json.Number,
// time.Duration), pointers, maps, floats and unsigned integers are left
// to them.
func kindOf(t reflect.Type) fastKind {
	pt := reflect.PointerTo(t)
	if pt.Implements(unmarshalerType) {
		if t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface {
			return fastNone
		}
		return fastUnmarshaler
	}
	if pt.Implements(textUnmarshalerType) {
		return fastNone
	}
	switch t.Kind() {
	case reflect.String:
		if t == jsonNumberType {
			return fastNone
		}
		return fastString
	case reflect.Bool:
		return fastBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if t == durationType {
			return fastNone
		}
		return fastInt
	case reflect.Struct:
		// The walker decodes such a field as a table of its own: unknown
		// keys and required ones reported.
		if t != primitiveType {
			return fastStruct
		}
	case reflect.Pointer:
		if kindOf(t.Elem()) == fastStruct {
			return fastStructPtr
		}
	case reflect.Slice:
		e := t.Elem()
		if e.Kind() == reflect.Struct && e != primitiveType && !isScalar(e) {
			return fastTables
		}
		if kindOf(e) == fastString {
			return fastStrings
		}
	}
	return fastNone
}

// lookup returns the index of the field for key, or -1. Keys are mostly
// written in the struct's order, so the field after the last one found,
// hint, is tried first.
func (p *plan) lookup(key string, hint int) int {
	if hint < len(p.fields) && p.fields[hint].name == key {
		return hint
	}
	for j := range p.fields {
		if p.fields[j].name == key {
			return j
		}
	}
	return -1
}
