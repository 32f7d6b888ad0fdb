package viet

import "strings"

// Slug returns a URL path segment for s: Fold(s), with every run of
// characters outside [a-z0-9] replaced by a single '-', and no leading or
// trailing '-'.
//
//	Slug("Hội nghị giao ban năm 2025!") == "hoi-nghi-giao-ban-nam-2025"
//
// The result matches ^[a-z0-9]+(-[a-z0-9]+)*$ or is empty (for empty input,
// or input with no Latin letters or digits at all).
func Slug(s string) string {
	f := Fold(s)
	var b strings.Builder
	b.Grow(len(f))
	dash := false
	for i := 0; i < len(f); i++ {
		c := f[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			// Write the pending dash only now, so runs collapse and the
			// result never starts or ends with one.
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteByte(c)
			continue
		}
		// Bytes of multi-byte runes are all >= 0x80, so scanning bytes
		// treats each non-ASCII rune as separator bytes, which is what we
		// want.
		dash = true
	}
	return b.String()
}
