package decode

import "github.com/khuyenhoc/khuyenhoc/internal/diag"

// For the tests of package decode_test, which compare the fast path with
// the full way on the real front matter struct of package content.

// FastTOML is the fast path alone (fast.go).
var FastTOML = func(src *diag.Source, v any) (map[string]diag.Pos, bool) {
	return fastTOML(src, v)
}

// TOMLFull is TOML without the fast path.
func TOMLFull(src *diag.Source, v any, l *diag.List) (*Doc, bool) {
	return decodeTOML(src, v, l, false)
}

// DocKeys is the key index of a document.
func DocKeys(d *Doc) map[string]diag.Pos { return d.keys }

// TooDeep is tooDeep's offset.
func TooDeep(data []byte) int {
	off, _ := tooDeep(data)
	return off
}

// MeetingsFile is the meetings file of toml_test.go, for the fast path's
// comparisons.
type MeetingsFile = file
