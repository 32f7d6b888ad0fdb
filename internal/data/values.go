package data

import (
	"fmt"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// Amount is a sum of Vietnamese đồng as reported, approximate or exact.
// "gần 95,5 tỷ" is stored as 95_500_000_000 with Qual "gần": the word is
// part of the fact and is shown, never dropped.
type Amount struct {
	VND  int64
	Qual viet.Qualifier
	Set  bool
	// Full is set when the source gave every digit ("1.290.040.892"): it is
	// shown in full, while "120 tỷ" stays in its rounder form.
	Full bool
}

// ParseAmount reads a cell such as "1.290.040.892", "120 tỷ", "hơn 450 tỉ đồng".
func ParseAmount(s string) (Amount, error) {
	if strings.TrimSpace(s) == "" {
		return Amount{}, nil
	}
	v, q, err := viet.ParseAmount(s)
	if err != nil {
		return Amount{}, err
	}
	return Amount{VND: v, Qual: q, Set: true, Full: !hasScaleWord(s)}, nil
}

// hasScaleWord reports whether an amount was written with "tỷ", "triệu"
// or "nghìn" rather than in digits.
func hasScaleWord(s string) bool {
	for _, w := range strings.Fields(viet.Fold(s)) {
		switch strings.TrimRight(w, ".,") {
		case "ty", "ti", "trieu", "nghin", "ngan":
			return true
		}
	}
	return false
}

// String renders the amount in house style: "hơn 450 tỷ đồng".
func (a Amount) String() string {
	if !a.Set {
		return ""
	}
	if a.Full {
		return withQual(a.Qual, viet.FormatVND(a.VND))
	}
	return viet.FormatAmount(a.VND, a.Qual)
}

// Count is a whole number of people, associations, scholarships…, possibly
// approximate ("hơn 2,4 triệu hội viên").
type Count struct {
	N    int64
	Qual viet.Qualifier
	Set  bool
}

// ParseCount reads "3.007.923", "hơn 2,4 triệu", "443".
func ParseCount(s string) (Count, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Count{}, nil
	}
	q, rest := splitQualifier(s)
	if n, err := viet.ParseInt(rest); err == nil {
		if n < 0 {
			return Count{}, fmt.Errorf("%q is negative; counts are 0 or more", s)
		}
		return Count{N: n, Qual: q, Set: true}, nil
	}
	// "2,4 triệu" reads like an amount without the currency.
	v, q2, err := viet.ParseAmount(s)
	if err != nil {
		return Count{}, fmt.Errorf("%q is not a count: write digits with '.' grouping (3.007.923), or \"hơn 2,4 triệu\"", s)
	}
	if q == viet.Exact {
		q = q2
	}
	return Count{N: v, Qual: q, Set: true}, nil
}

// String renders the count: "3.007.923", "hơn 2.400.000".
func (c Count) String() string {
	if !c.Set {
		return ""
	}
	return withQual(c.Qual, viet.FormatInt(c.N))
}

// Percent is a rate in percent, 0–100.
type Percent struct {
	V    float64
	Qual viet.Qualifier
	Set  bool
}

// ParsePercent reads "29,14", "29,14%", "99.81".
func ParsePercent(s string) (Percent, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Percent{}, nil
	}
	q, rest := splitQualifier(s)
	v, err := viet.ParseDecimal(rest)
	if err != nil {
		return Percent{}, err
	}
	if v < 0 || v > 100 {
		return Percent{}, fmt.Errorf("%s%% is outside 0–100%%", viet.FormatDecimal(v, 2))
	}
	return Percent{V: v, Qual: q, Set: true}, nil
}

// String renders the rate: "29,14%".
func (p Percent) String() string {
	if !p.Set {
		return ""
	}
	return withQual(p.Qual, viet.FormatPercent(p.V))
}

func withQual(q viet.Qualifier, s string) string {
	if q == viet.Exact {
		return s
	}
	return string(q) + " " + s
}

// splitQualifier separates a leading "hơn", "gần", "khoảng", "trên".
func splitQualifier(s string) (viet.Qualifier, string) {
	s = viet.NFC(s)
	f := viet.Fold(s)
	for _, q := range []struct {
		word string
		q    viet.Qualifier
	}{{"hon ", viet.Over}, {"gan ", viet.Nearly}, {"khoang ", viet.About}, {"tren ", viet.AtLeast}, {"uoc ", viet.About}} {
		if strings.HasPrefix(f, q.word) {
			// Folding keeps one rune per rune, so the prefix length in
			// runes is the same in the original.
			r := []rune(s)
			return q.q, strings.TrimSpace(string(r[len([]rune(q.word)):]))
		}
	}
	return viet.Exact, s
}
