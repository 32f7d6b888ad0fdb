package viet

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestFormatInt(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0"},
		{7, "7"},
		{999, "999"},
		{1000, "1.000"},
		{-1200, "-1.200"},
		{12345, "12.345"},
		{123456, "123.456"},
		{3007923, "3.007.923"},
		{1290040892, "1.290.040.892"},
		{-999, "-999"},
		{math.MaxInt64, "9.223.372.036.854.775.807"},
		{math.MinInt64, "-9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		if got := FormatInt(tt.in); got != tt.want {
			t.Errorf("FormatInt(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatDecimal(t *testing.T) {
	tests := []struct {
		f      float64
		places int
		want   string
	}{
		{29.14, 2, "29,14"},
		{2.0, 1, "2"},
		{95.5, 1, "95,5"},
		{95.5, 2, "95,5"},
		{0, 2, "0"},
		{0.5, 2, "0,5"},
		{1234.5, 2, "1.234,5"},
		{1234567.891, 2, "1.234.567,89"},
		{-1234.5, 1, "-1.234,5"},
		{-0.001, 2, "0"},
		{99.999, 2, "100"},
		{29.145, 2, "29,14"}, // binary 29.145 is just below the half
		{1.25, 0, "1"},
		{0.1, -1, "0,1"},
		{math.Inf(1), 2, "+Inf"},
		{math.NaN(), 2, "NaN"},
	}
	for _, tt := range tests {
		if got := FormatDecimal(tt.f, tt.places); got != tt.want {
			t.Errorf("FormatDecimal(%v, %d) = %q, want %q", tt.f, tt.places, got, tt.want)
		}
	}
}

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{29.14, "29,14%"},
		{99.81, "99,81%"},
		{100, "100%"},
		{12.5, "12,5%"},
		{0, "0%"},
		{33.3333, "33,33%"},
	}
	for _, tt := range tests {
		if got := FormatPercent(tt.in); got != tt.want {
			t.Errorf("FormatPercent(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"0", 0},
		{"3007923", 3007923},
		{"3.007.923", 3007923},
		{"3 007 923", 3007923},
		{"3\u00a0007\u00a0923", 3007923}, // NBSP from word processors
		{"3\u202f007\u202f923", 3007923}, // narrow NBSP
		{"  1.290  ", 1290},
		{"1.290", 1290},
		{"-1.200", -1200},
		{"−1.200", -1200},
		{"+42", 42},
		{"007", 7},
		{"9.223.372.036.854.775.807", math.MaxInt64},
		{"-9223372036854775808", math.MinInt64},
	}
	for _, tt := range tests {
		got, err := ParseInt(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseInt(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestParseIntErrors(t *testing.T) {
	tests := []struct {
		in      string
		kind    error
		mention string // the message must contain this
	}{
		{"", ErrSyntax, "no number"},
		{"-", ErrSyntax, "no number"},
		{"abc", ErrSyntax, "unexpected"},
		{"12a", ErrSyntax, "unexpected"},
		{"95,5", ErrAmbiguous, "95,5 tỷ"},
		{"1,290", ErrAmbiguous, "English"},
		{"1.29.0", ErrAmbiguous, "1.290"},
		{"1.29", ErrAmbiguous, "1,29"},
		{"1.2900", ErrAmbiguous, "decimal"},
		{"12.34.567", ErrAmbiguous, "grouping"},
		{"1234.567", ErrAmbiguous, "grouping"},
		{"1..290", ErrAmbiguous, "grouping"},
		{"1.290.", ErrAmbiguous, `"1.290"`},
		{".290", ErrSyntax, ""},
		{"1 290.000", ErrSyntax, "mixes"},
		{"1,2,3", ErrAmbiguous, "more than one"},
		{"1,234.5", ErrAmbiguous, "English"},
		{"9.223.372.036.854.775.808", ErrRange, "large"},
		{"0.125", ErrAmbiguous, "decimal"},
		{"--5", ErrSyntax, "unexpected"},
	}
	for _, tt := range tests {
		got, err := ParseInt(tt.in)
		if err == nil {
			t.Errorf("ParseInt(%q) = %d, want error", tt.in, got)
			continue
		}
		checkParseError(t, "ParseInt", tt.in, err, tt.kind, tt.mention)
	}
}

func checkParseError(t *testing.T, fn, in string, err, kind error, mention string) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Errorf("%s(%q): error %T is not *ParseError", fn, in, err)
		return
	}
	if pe.Input != in || pe.Func != fn {
		t.Errorf("%s(%q): ParseError has Func %q Input %q", fn, in, pe.Func, pe.Input)
	}
	if !errors.Is(err, kind) {
		t.Errorf("%s(%q) error = %v, want kind %v", fn, in, err, kind)
	}
	if !strings.Contains(err.Error(), mention) {
		t.Errorf("%s(%q) error = %q, want it to mention %q", fn, in, err, mention)
	}
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"29,14", 29.14},
		{"29.14", 29.14},
		{"99,81%", 99.81},
		{"99,81 %", 99.81},
		{"100%", 100},
		{"95.5", 95.5},
		{"95,5", 95.5},
		{"1.290", 1290}, // dot + exactly three digits: grouping
		{"1.290.000", 1290000},
		{"1.234,5", 1234.5},
		{"1 234,5", 1234.5},
		{"0.125", 0.125}, // a leading 0 cannot start a group
		{"0,5", 0.5},
		{"12.3456", 12.3456},
		{"-2,5", -2.5},
		{"7", 7},
		{" 3,0 ", 3},
	}
	for _, tt := range tests {
		got, err := ParseDecimal(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseDecimalErrors(t *testing.T) {
	tests := []struct {
		in      string
		kind    error
		mention string
	}{
		{"", ErrSyntax, "no number"},
		{"%", ErrSyntax, "no number"},
		{"abc", ErrSyntax, "unexpected"},
		{"1,234.5", ErrAmbiguous, "English"},
		{"1,2,3", ErrAmbiguous, "more than one"},
		{"1.29.0", ErrAmbiguous, "grouping"},
		{"12.34,5", ErrAmbiguous, "grouping"},
		{",5", ErrSyntax, "both sides"},
		{"5,", ErrSyntax, "both sides"},
		{"29,14%%", ErrSyntax, "unexpected"},
	}
	for _, tt := range tests {
		got, err := ParseDecimal(tt.in)
		if err == nil {
			t.Errorf("ParseDecimal(%q) = %v, want error", tt.in, got)
			continue
		}
		checkParseError(t, "ParseDecimal", tt.in, err, tt.kind, tt.mention)
	}
}

func TestFormatParseRoundTrip(t *testing.T) {
	for _, n := range []int64{0, 1, 999, 1000, 3007923, -1200, math.MaxInt64, math.MinInt64} {
		if got, err := ParseInt(FormatInt(n)); err != nil || got != n {
			t.Errorf("ParseInt(FormatInt(%d)) = %d, %v", n, got, err)
		}
	}
	for _, f := range []float64{0, 0.5, 29.14, 1234.5, 99.81, -2.25} {
		if got, err := ParseDecimal(FormatDecimal(f, 2)); err != nil || got != f {
			t.Errorf("ParseDecimal(FormatDecimal(%v, 2)) = %v, %v", f, got, err)
		}
	}
}
