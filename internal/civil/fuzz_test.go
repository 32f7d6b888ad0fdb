package civil

import (
	"testing"
)

// FuzzParse reads any text as a date: a date Parse accepts is a real day
// and reads back from its own spelling; Guess never fails either, and what
// it guesses is a real day.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"2024-12-03", "2025-02-30", "2024-02-29", "0000-01-01", "+202-01-01", "-001-01-01", " 2024-12-03 ", "15/12/2025", "20251215", "2024-1-1", "9999-99-99", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := Parse(s); err == nil {
			if d.IsZero() && s != "0000-00-00" {
				// Make refuses day 0 and month 0, so a zero date is never
				// parsed.
				t.Fatalf("Parse(%q) = zero date", s)
			}
			if back, err := Parse(d.String()); err != nil || back != d {
				t.Fatalf("Parse(%q) = %v, but Parse(%q) = %v, %v", s, d, d.String(), back, err)
			}
		}
		if d, ok := Guess(s); ok {
			if _, err := Make(d.Year, d.Month, d.Day); err != nil {
				t.Fatalf("Guess(%q) = %v, not a day: %v", s, d, err)
			}
		}
	})
}
