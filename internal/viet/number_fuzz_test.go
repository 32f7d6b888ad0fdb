package viet

import (
	"errors"
	"math"
	"testing"
)

// FuzzParseNumber reads any text as a whole number and as a decimal:
// errors are *ParseError, and a number that is read formats back to text
// that reads as the same number.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"3007923", "3.007.923", "3 007 923", "-5", "95,5", "1,290", "1.29.0", "29.14", "1.290", "0.125", "99,81%", "1,234.5", "9223372036854775808", "+", "\xff", "1e9", "NaN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var pe *ParseError
		if n, err := ParseInt(s); err != nil {
			if !errors.As(err, &pe) {
				t.Fatalf("ParseInt(%q): error %T is not *ParseError", s, err)
			}
		} else if back, err := ParseInt(FormatInt(n)); err != nil || back != n {
			t.Fatalf("ParseInt(%q) = %d, but ParseInt(FormatInt) = %d, %v", s, n, back, err)
		}
		if x, err := ParseDecimal(s); err != nil {
			if !errors.As(err, &pe) {
				t.Fatalf("ParseDecimal(%q): error %T is not *ParseError", s, err)
			}
		} else if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Fatalf("ParseDecimal(%q) = %v", s, x)
		}
	})
}
