package viet

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"unicode/utf8"
)

// Qualifier is the word in front of an approximate figure ("hơn 450 tỷ
// đồng"). Its value is the word as printed.
type Qualifier string

// Qualifiers as written in house style. ParseAmount and ParseQualifier also
// accept them without diacritics ("hon", "gan", "khoang", "tren"), and
// "ước", "ước tính", "xấp xỉ" (→ About) and "ít nhất" (→ AtLeast).
const (
	Exact   Qualifier = ""
	Over    Qualifier = "hơn"
	Nearly  Qualifier = "gần"
	About   Qualifier = "khoảng"
	AtLeast Qualifier = "trên"
)

// qualifierWords maps folded qualifier phrases to qualifiers. Multi-word
// phrases come first so that they win over a single-word prefix ("ước
// tính" over "ước").
var qualifierWords = []struct {
	words []string
	q     Qualifier
}{
	{[]string{"it", "nhat"}, AtLeast},
	{[]string{"uoc", "tinh"}, About},
	{[]string{"xap", "xi"}, About},
	{[]string{"hon"}, Over},
	{[]string{"gan"}, Nearly},
	{[]string{"khoang"}, About},
	{[]string{"tren"}, AtLeast},
	{[]string{"uoc"}, About},
}

// ParseQualifier recognises a qualifier word or phrase on its own, in any
// case, normalisation form, with or without diacritics. The empty string is
// Exact.
func ParseQualifier(s string) (Qualifier, bool) {
	words := strings.Fields(Fold(s))
	if len(words) == 0 {
		return Exact, true
	}
	for _, qw := range qualifierWords {
		if equalWords(words, qw.words) {
			return qw.q, true
		}
	}
	return Exact, false
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// FormatVND formats a whole amount in full: 1290040892 → "1.290.040.892 đồng".
func FormatVND(n int64) string {
	return FormatInt(n) + " đồng"
}

// FormatVNDShort formats an amount at a readable magnitude, as news copy
// does: from 1 tỷ (10⁹) in tỷ, from 1 triệu (10⁶) in triệu, below that in
// full. Tỷ and triệu figures are rounded half-up to one decimal, and a
// ",0" is dropped:
//
//	120_000_000_000 → "120 tỷ đồng"      107_773_000_000 → "107,8 tỷ đồng"
//	3_500_000       → "3,5 triệu đồng"   500_000         → "500.000 đồng"
//
// A value that rounds up to 1.000 triệu is written "1 tỷ".
func FormatVNDShort(n int64) string {
	return ShortUnit(n) + " đồng"
}

// ShortUnit is FormatVNDShort without " đồng", for chart axes and table
// headers that name the currency once: 450e9 → "450 tỷ".
func ShortUnit(n int64) string {
	sign := ""
	u := uint64(n)
	if n < 0 {
		sign = "-"
		u = uint64(-(n + 1)) + 1 // no overflow for math.MinInt64
	}
	const (
		million = 1_000_000
		billion = 1_000_000_000
	)
	if u < million {
		return FormatInt(n)
	}
	unit, name := uint64(million), "triệu"
	if u >= billion {
		unit, name = billion, "tỷ"
	}
	tenths := (u + unit/20) / (unit / 10)
	if unit == million && tenths >= 10_000 {
		unit, name = billion, "tỷ"
		tenths = (u + unit/20) / (unit / 10)
	}
	s := groupDigits(fmt.Sprint(tenths / 10))
	if d := tenths % 10; d != 0 {
		s += fmt.Sprintf(",%d", d)
	}
	return sign + s + " " + name
}

// FormatAmount renders an amount with its qualifier, using FormatVNDShort:
// (450e9, Over) → "hơn 450 tỷ đồng", (120e9, Exact) → "120 tỷ đồng".
func FormatAmount(vnd int64, q Qualifier) string {
	if q == Exact {
		return FormatVNDShort(vnd)
	}
	return string(q) + " " + FormatVNDShort(vnd)
}

// Scale words, by folded spelling.
var scaleWords = map[string]int64{
	"ty":    1_000_000_000, // tỷ, tỉ: both spellings are standard
	"ti":    1_000_000_000,
	"trieu": 1_000_000,
	"nghin": 1_000, // nghìn (North), ngàn (South)
	"ngan":  1_000,
}

// Currency words, by folded spelling: đồng, đ, VND, VNĐ (and ₫, handled by
// the lexer).
var currencyWords = map[string]bool{"dong": true, "d": true, "vnd": true}

// ParseAmount parses a VND amount the way Vietnamese news and reports
// write it and returns it in whole đồng with its qualifier:
//
//	"1.290.040.892", "1.290.040.892 đồng", "2.189.200.000đ", "120.000.000 VND",
//	"120 tỉ đồng", "120 tỷ", "5,3 tỉ", "96 triệu", "500 nghìn", "1,2 nghìn tỷ",
//	"107 tỉ 773 triệu đồng", "gần 95,5 tỉ đồng", "hơn 450 tỉ",
//	"khoảng 120.000.000 đồng", "ước tính 3 triệu ₫"
//
// Grammar: [qualifier] number [scale] {number scale} [currency], where
// scale is tỷ/tỉ (10⁹), triệu (10⁶), nghìn/ngàn (10³) or nghìn tỷ (10¹²)
// and currency is đồng, đ, ₫, VND or VNĐ. Numbers follow ParseDecimal's
// rules. Input may be in any case and normalisation form, with or without
// diacritics.
//
// Errors (all *ParseError) say what to write instead. Notably: a decimal
// without a unit ("95,5") is rejected because news copy drops the unit
// ("95,5" meaning 95,5 tỷ) and guessing it is how wrong figures get
// published; so are negative amounts, ranges, a bare number after a scaled
// one ("2 tỷ 5"), scales out of order, and fractions of a đồng.
func ParseAmount(s string) (vnd int64, q Qualifier, err error) {
	fail := func(kind error, format string, args ...any) (int64, Qualifier, error) {
		return 0, Exact, &ParseError{"ParseAmount", s, kind, fmt.Sprintf(format, args...)}
	}
	toks, lerr := lexAmount(cleanSpaces(Fold(s)))
	if lerr != nil {
		return 0, Exact, &ParseError{"ParseAmount", s, lerr.kind, lerr.msg}
	}
	i := 0
	// Qualifier.
	for _, qw := range qualifierWords {
		if i+len(qw.words) > len(toks) {
			continue
		}
		ok := true
		for j, w := range qw.words {
			if toks[i+j].kind != tokWord || toks[i+j].text != w {
				ok = false
				break
			}
		}
		if ok {
			q = qw.q
			i += len(qw.words)
			break
		}
	}
	// Components: number [scale].
	type component struct {
		num   string
		scale int64
	}
	var comps []component
	for i < len(toks) && toks[i].kind == tokNum {
		c := component{num: toks[i].text, scale: 1}
		i++
		if i < len(toks) && toks[i].kind == tokWord {
			if sc, ok := scaleWords[toks[i].text]; ok {
				c.scale = sc
				i++
				// "nghìn tỷ": a thousand billion.
				if sc == 1_000 && i < len(toks) && toks[i].kind == tokWord && scaleWords[toks[i].text] == 1_000_000_000 {
					c.scale = 1_000_000_000_000
					i++
				}
			}
		}
		comps = append(comps, c)
	}
	// Currency.
	if i < len(toks) && (toks[i].kind == tokDong || toks[i].kind == tokWord && currencyWords[toks[i].text]) {
		i++
	}
	if len(comps) == 0 {
		if i < len(toks) {
			return fail(ErrSyntax, "expected a number, found %q; write e.g. \"hơn 450 tỷ đồng\" or \"1.290.040.892 đồng\"", toks[i].text)
		}
		return fail(ErrSyntax, "no number given")
	}
	if i < len(toks) {
		return fail(ErrSyntax, "unexpected %q; write e.g. \"gần 95,5 tỷ đồng\" (qualifier, number, unit, đồng)", toks[i].text)
	}

	total := new(big.Int)
	for k, c := range comps {
		ip, fp, nerr := splitNumeral(c.num, true)
		if nerr != nil {
			return 0, Exact, &ParseError{"ParseAmount", s, nerr.kind, nerr.msg}
		}
		if c.scale == 1 {
			if k > 0 {
				prev := comps[k-1]
				return fail(ErrAmbiguous, "%q after %q has no unit (\"2 tỷ 5\" could be 2,5 tỷ or 2 tỷ 5 triệu); write a unit after every number, e.g. \"2 tỷ 500 triệu\", or one decimal figure, e.g. \"2,5 tỷ\"",
					c.num, prev.num+" "+scaleName(prev.scale))
			}
			if fp != "" {
				return fail(ErrAmbiguous, "%q has no unit, so its size is a guess; write it with a unit (%q, %q) or in full đồng",
					c.num, c.num+" tỷ", c.num+" triệu")
			}
		}
		if k > 0 && c.scale >= comps[k-1].scale {
			return fail(ErrSyntax, "%q comes after %q; put larger units first, e.g. \"107 tỷ 773 triệu\"",
				c.num+" "+scaleName(c.scale), comps[k-1].num+" "+scaleName(comps[k-1].scale))
		}
		// Bound the digits before exact arithmetic so that absurd input
		// stays cheap: 20 significant integer digits exceed int64 at any
		// scale, and more than 12 significant decimals (nghìn tỷ) cannot
		// be whole đồng.
		ip, fp = trimZeros(ip), strings.TrimRight(fp, "0")
		if len(ip) > 19 {
			return fail(ErrRange, "the amount is too large (at most %s đồng)", FormatInt(math.MaxInt64))
		}
		if len(fp) > 12 {
			return fail(ErrSyntax, "%q is not a whole number of đồng", c.num+" "+scaleName(c.scale))
		}
		// value = ip.fp × scale, exactly.
		v, ok := new(big.Int).SetString(ip+fp, 10)
		if !ok {
			return fail(ErrSyntax, "%q is not a number", c.num)
		}
		v.Mul(v, big.NewInt(c.scale))
		den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(len(fp))), nil)
		v, rem := v.QuoRem(v, den, new(big.Int))
		if rem.Sign() != 0 {
			return fail(ErrSyntax, "%q is not a whole number of đồng", c.num+" "+scaleName(c.scale))
		}
		if k > 0 && v.Cmp(big.NewInt(comps[k-1].scale)) >= 0 {
			return fail(ErrSyntax, "%q is not less than 1 %s; write the total in one unit, e.g. \"107,8 tỷ\"",
				c.num+" "+scaleName(c.scale), scaleName(comps[k-1].scale))
		}
		total.Add(total, v)
	}
	if !total.IsInt64() {
		return fail(ErrRange, "the amount is too large (at most %s đồng)", FormatInt(math.MaxInt64))
	}
	return total.Int64(), q, nil
}

func scaleName(scale int64) string {
	switch scale {
	case 1_000_000_000_000:
		return "nghìn tỷ"
	case 1_000_000_000:
		return "tỷ"
	case 1_000_000:
		return "triệu"
	case 1_000:
		return "nghìn"
	}
	return "đồng"
}

type tokKind int

const (
	tokNum  tokKind = iota // digits with their '.', ',', ' ' separators
	tokWord                // a run of letters, folded
	tokDong                // ₫
)

type token struct {
	kind tokKind
	text string
}

// lexAmount splits folded, space-cleaned amount text into tokens.
func lexAmount(f string) ([]token, *numError) {
	var toks []token
	isDigit := func(i int) bool { return i < len(f) && '0' <= f[i] && f[i] <= '9' }
	for i := 0; i < len(f); {
		r, size := utf8.DecodeRuneInString(f[i:])
		switch {
		case r == ' ':
			i++
		case isDigit(i):
			j := i
			for j < len(f) && (isDigit(j) || (f[j] == '.' || f[j] == ',' || f[j] == ' ') && isDigit(j+1)) {
				j++
			}
			toks = append(toks, token{tokNum, f[i:j]})
			i = j
		case 'a' <= r && r <= 'z':
			j := i
			for j < len(f) && 'a' <= f[j] && f[j] <= 'z' {
				j++
			}
			toks = append(toks, token{tokWord, f[i:j]})
			i = j
		case r == '₫':
			toks = append(toks, token{tokDong, "₫"})
			i += size
		case r == '-' || r == '−' || r == '–':
			return nil, &numError{ErrSyntax, "\"-\" is not allowed: amounts are never negative, and a range (\"120-130 tỷ\") must be entered as one figure with a qualifier, e.g. \"khoảng 125 tỷ\""}
		default:
			return nil, &numError{ErrSyntax, fmt.Sprintf("unexpected %q; write e.g. \"hơn 450 tỷ đồng\" or \"1.290.040.892 đồng\"", r)}
		}
	}
	return toks, nil
}
