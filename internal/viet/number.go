package viet

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Errors wrapped by *ParseError, for errors.Is.
var (
	// ErrSyntax: the text is not a number (or amount) at all.
	ErrSyntax = errors.New("invalid syntax")
	// ErrAmbiguous: the text could be read as more than one number, e.g.
	// "1,290" (1290 in English, 1.29 in Vietnamese).
	ErrAmbiguous = errors.New("ambiguous")
	// ErrRange: the value does not fit.
	ErrRange = errors.New("out of range")
)

// ParseError reports why a number or amount typed by an editor was
// rejected. Its message names the input and says how to write it instead,
// so it can be shown to the editor unchanged.
type ParseError struct {
	Func  string // "ParseInt", "ParseDecimal", "ParseAmount"
	Input string // the text as given
	Err   error  // ErrSyntax, ErrAmbiguous or ErrRange
	Msg   string // explanation and suggestion
}

// Error is written for the editor who typed the value: it quotes the input
// and says what to write instead, without naming Go functions.
func (e *ParseError) Error() string {
	if e.Msg != "" {
		return e.Msg
	}
	return fmt.Sprintf("%q: %v", e.Input, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// FormatInt formats n with "." between groups of three digits, as vi-VN
// does: 3007923 → "3.007.923", -1200 → "-1.200".
func FormatInt(n int64) string {
	if n < 0 {
		// Via uint64 so that math.MinInt64 has a magnitude.
		return "-" + groupDigits(strconv.FormatUint(uint64(-(n+1))+1, 10))
	}
	return groupDigits(strconv.FormatUint(uint64(n), 10))
}

// groupDigits inserts "." every three digits from the right of a string of
// ASCII digits.
func groupDigits(d string) string {
	if len(d) <= 3 {
		return d
	}
	var b strings.Builder
	b.Grow(len(d) + len(d)/3)
	head := len(d) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(d[:head])
	for i := head; i < len(d); i += 3 {
		b.WriteByte('.')
		b.WriteString(d[i : i+3])
	}
	return b.String()
}

// FormatDecimal formats f rounded to places decimals, with "." grouping and
// "," as the decimal separator, trailing zeros (and a bare ",") removed:
// (29.14, 2) → "29,14", (2.0, 1) → "2", (1234.5, 2) → "1.234,5".
// A negative places means as many as needed to round-trip, as in
// strconv.FormatFloat. Rounding is of f's exact binary value, so 29.145
// (stored as 29.14499…) gives "29,14". NaN and infinities are formatted as
// by strconv.
func FormatDecimal(f float64, places int) string {
	if places < 0 {
		places = -1
	}
	s := strconv.FormatFloat(f, 'f', places, 64)
	if s == "NaN" || strings.HasSuffix(s, "Inf") {
		return s
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	ip, fp, _ := strings.Cut(s, ".")
	fp = strings.TrimRight(fp, "0")
	out := groupDigits(ip)
	if fp != "" {
		out += "," + fp
	}
	// "-0" after rounding (-0.001 to 2 places) is just 0.
	if neg && out != "0" {
		out = "-" + out
	}
	return out
}

// FormatPercent formats f, already in percent, with at most two decimals:
// 29.14 → "29,14%", 100 → "100%".
func FormatPercent(f float64) string {
	return FormatDecimal(f, 2) + "%"
}

// ParseInt parses a whole number as editors type it: "3007923",
// "3.007.923", "3 007 923", with an optional sign. Groups must be clean
// (1–3 digits, then groups of exactly 3, one kind of separator).
// A comma ("95,5", "1,290") or sloppy grouping ("1.29.0") is an error whose
// message explains the ambiguity and suggests what to write instead.
func ParseInt(s string) (int64, error) {
	neg, body := splitSign(cleanSpaces(s))
	ip, fp, err := splitNumeral(body, false)
	if err != nil {
		return 0, &ParseError{"ParseInt", s, err.kind, err.msg}
	}
	if fp != "" {
		return 0, &ParseError{"ParseInt", s, ErrAmbiguous, fmt.Sprintf(
			"a whole number was expected but %q reads as a decimal; write the full number, or %q with a unit (%q) where an amount is accepted",
			body, strings.Replace(body, ".", ",", 1), strings.Replace(body, ".", ",", 1)+" tỷ")}
	}
	if neg {
		ip = "-" + ip
	}
	n, perr := strconv.ParseInt(ip, 10, 64)
	if perr != nil {
		return 0, &ParseError{"ParseInt", s, ErrRange, "the number is too large"}
	}
	return n, nil
}

// ParseDecimal parses a decimal number as editors type it: "29,14",
// "29.14", "1.234,5", "99,81%" (a trailing percent sign is allowed and
// dropped, the value is not divided by 100).
//
// "," is always the decimal separator. A single "." is read as a decimal
// point unless exactly three digits follow it and the part before it does
// not start with 0: "1.290" is 1290, but "29.14", "95.5" and "0.125" are
// decimals. Several dots are grouping ("1.290.000"). English-style
// "1,234.5" is rejected as ambiguous.
func ParseDecimal(s string) (float64, error) {
	t := cleanSpaces(s)
	if u, ok := strings.CutSuffix(t, "%"); ok {
		t = strings.TrimSpace(u)
	}
	neg, body := splitSign(t)
	ip, fp, err := splitNumeral(body, true)
	if err != nil {
		return 0, &ParseError{"ParseDecimal", s, err.kind, err.msg}
	}
	num := ip
	if fp != "" {
		num += "." + fp
	}
	if neg {
		num = "-" + num
	}
	f, perr := strconv.ParseFloat(num, 64)
	if perr != nil {
		return 0, &ParseError{"ParseDecimal", s, ErrRange, "the number is too large"}
	}
	return f, nil
}

// cleanSpaces trims s and turns every Unicode space (NBSP, thin space,
// narrow NBSP — what word processors put between digit groups) into ' '.
func cleanSpaces(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s))
}

func splitSign(s string) (neg bool, rest string) {
	switch {
	case strings.HasPrefix(s, "-"):
		return true, s[1:]
	case strings.HasPrefix(s, "−"): // U+2212, what typographers use
		return true, s[len("−"):]
	case strings.HasPrefix(s, "+"):
		return false, s[1:]
	}
	return false, s
}

type numError struct {
	kind error
	msg  string
}

// splitNumeral checks the digit grouping of s (digits, '.', ',' and ' ')
// and returns the integer digits without separators and the fraction
// digits. decimalDot says whether a lone '.' not followed by exactly three
// digits is a decimal point; when false such a dot makes a fraction only
// so that the caller can complain precisely.
func splitNumeral(s string, decimalDot bool) (ip, fp string, err *numError) {
	if s == "" {
		return "", "", &numError{ErrSyntax, "no number given"}
	}
	for _, r := range s {
		if !('0' <= r && r <= '9' || r == '.' || r == ',' || r == ' ') {
			return "", "", &numError{ErrSyntax, fmt.Sprintf("unexpected %q; only digits, \".\" between thousands and \",\" before decimals are allowed", r)}
		}
	}
	if strings.Count(s, ",") > 1 {
		return "", "", &numError{ErrAmbiguous, "more than one \",\"; in Vietnamese \",\" is the decimal separator and \".\" separates thousands, e.g. \"1.290.040.892\" or \"95,5\""}
	}
	if left, right, ok := strings.Cut(s, ","); ok {
		if strings.ContainsAny(right, ". ") {
			return "", "", &numError{ErrAmbiguous, "\",\" before \".\" is English style; in Vietnamese write \"1.234,5\" (\".\" separates thousands, \",\" marks decimals)"}
		}
		if right == "" || left == "" {
			return "", "", &numError{ErrSyntax, "\",\" must have digits on both sides, e.g. \"0,5\""}
		}
		ip, err := ungroup(left)
		if err != nil {
			return "", "", err
		}
		if !decimalDot {
			// The caller wants a whole number: say why a comma is a problem.
			if len(right) == 3 {
				vi := groupDigits(ip)
				if f := strings.TrimRight(right, "0"); f != "" {
					vi += "," + f
				}
				return "", "", &numError{ErrAmbiguous, fmt.Sprintf(
					"%q could be %s (English thousands separator) or %s (Vietnamese decimal comma); write %q for the whole number, or the amount with a unit (%q)",
					s, groupDigits(ip+right), vi, groupDigits(ip+right), s+" tỷ")}
			}
			return "", "", &numError{ErrAmbiguous, fmt.Sprintf(
				"%q has a decimal comma but a whole number is expected; write the full number, or the amount with a unit (%q)", s, s+" tỷ")}
		}
		return ip, right, nil
	}
	if strings.Count(s, ".") == 1 && !strings.Contains(s, " ") {
		left, right, _ := strings.Cut(s, ".")
		if left == "" || right == "" {
			return "", "", &numError{ErrSyntax, "\".\" must have digits on both sides"}
		}
		if len(right) != 3 || left[0] == '0' {
			if !decimalDot {
				return left, right, nil // caller reports a decimal
			}
			ip, err := ungroup(left)
			return ip, right, err
		}
	}
	ip, err = ungroup(s)
	return ip, "", err
}

// ungroup validates digit grouping with '.' or ' ' and returns the bare
// digits.
func ungroup(s string) (string, *numError) {
	sep := ""
	switch {
	case strings.Contains(s, ".") && strings.Contains(s, " "):
		return "", &numError{ErrSyntax, fmt.Sprintf("%q mixes \".\" and spaces between digit groups; use one, e.g. \"1.290.040\"", s)}
	case strings.Contains(s, "."):
		sep = "."
	case strings.Contains(s, " "):
		sep = " "
	default:
		return s, nil
	}
	groups := strings.Split(s, sep)
	bad := len(groups[0]) == 0 || len(groups[0]) > 3 || groups[0][0] == '0'
	for _, g := range groups[1:] {
		if len(g) != 3 {
			bad = true
		}
	}
	if bad {
		return "", &numError{ErrAmbiguous, fmt.Sprintf(
			"%q is not clean digit grouping (groups of three after the first); write the full number, e.g. %q, or a decimal with \",\" and a unit, e.g. \"95,5 tỷ\"",
			s, groupDigits(trimZeros(strings.ReplaceAll(s, sep, ""))))}
	}
	return strings.Join(groups, ""), nil
}

// trimZeros drops leading zeros of a digit string, keeping at least one.
func trimZeros(d string) string {
	t := strings.TrimLeft(d, "0")
	if t == "" && d != "" {
		return "0"
	}
	return t
}
