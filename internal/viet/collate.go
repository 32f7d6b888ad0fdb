package viet

import (
	"bytes"
	"slices"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collators hands out Vietnamese collators: a collate.Collator keeps
// scratch state and must not be shared between goroutines, and building one
// per call is comparatively slow.
var collators = sync.Pool{
	New: func() any { return collate.New(language.Vietnamese) },
}

// Compare compares a and b in Vietnamese dictionary order (CLDR, via
// golang.org/x/text/collate): base letters first, with ă, â after a, đ
// after d, ê after e, ô, ơ after o, ư after u; then tones in the order
// none, huyền, hỏi, ngã, sắc, nặng; then case. It returns -1, 0 or +1.
// Canonically equivalent strings (NFC and NFD spellings) compare equal.
// Safe for concurrent use.
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(a, b)
}

// SortStrings sorts s in Vietnamese order (see Compare). The sort is
// stable, so strings that compare equal keep their order.
func SortStrings(s []string) {
	SortFunc(s, func(x string) string { return x })
}

// SortFunc sorts s stably in Vietnamese order of key(x). key is called
// once per element.
func SortFunc[T any](s []T, key func(T) string) {
	if len(s) < 2 {
		return
	}
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	// Compute each collation key once rather than on every comparison.
	var buf collate.Buffer
	type item struct {
		key []byte
		v   T
	}
	items := make([]item, len(s))
	for i, v := range s {
		items[i] = item{c.KeyFromString(&buf, key(v)), v}
	}
	slices.SortStableFunc(items, func(a, b item) int { return bytes.Compare(a.key, b.key) })
	for i := range items {
		s[i] = items[i].v
	}
}
