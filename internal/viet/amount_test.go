package viet

import (
	"math"
	"strings"
	"testing"
)

func TestFormatVND(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{1290040892, "1.290.040.892 đồng"},
		{0, "0 đồng"},
		{500, "500 đồng"},
		{-1200, "-1.200 đồng"},
	}
	for _, tt := range tests {
		if got := FormatVND(tt.in); got != tt.want {
			t.Errorf("FormatVND(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatVNDShort(t *testing.T) {
	tests := []struct {
		in         int64
		want, unit string
	}{
		{120_000_000_000, "120 tỷ đồng", "120 tỷ"},
		{107_773_000_000, "107,8 tỷ đồng", "107,8 tỷ"},
		{3_500_000, "3,5 triệu đồng", "3,5 triệu"},
		{95_500_000_000, "95,5 tỷ đồng", "95,5 tỷ"},
		{26_700_000, "26,7 triệu đồng", "26,7 triệu"},
		{500_000, "500.000 đồng", "500.000"},
		{450_000_000_000, "450 tỷ đồng", "450 tỷ"},
		{0, "0 đồng", "0"},
		{999_999, "999.999 đồng", "999.999"},
		{1_000_000, "1 triệu đồng", "1 triệu"},
		{1_040_000, "1 triệu đồng", "1 triệu"},     // rounds down
		{1_050_000, "1,1 triệu đồng", "1,1 triệu"}, // half up
		{96_000_000, "96 triệu đồng", "96 triệu"},
		{999_940_000, "999,9 triệu đồng", "999,9 triệu"},
		{999_950_000, "1 tỷ đồng", "1 tỷ"}, // not "1.000 triệu"
		{1_000_000_000, "1 tỷ đồng", "1 tỷ"},
		{1_290_040_892, "1,3 tỷ đồng", "1,3 tỷ"},
		{2_189_200_000, "2,2 tỷ đồng", "2,2 tỷ"},
		{5_300_000_000, "5,3 tỷ đồng", "5,3 tỷ"},
		{1_234_500_000_000, "1.234,5 tỷ đồng", "1.234,5 tỷ"},
		{-3_500_000, "-3,5 triệu đồng", "-3,5 triệu"},
		{math.MaxInt64, "9.223.372.036,9 tỷ đồng", "9.223.372.036,9 tỷ"},
		{math.MinInt64, "-9.223.372.036,9 tỷ đồng", "-9.223.372.036,9 tỷ"},
	}
	for _, tt := range tests {
		if got := FormatVNDShort(tt.in); got != tt.want {
			t.Errorf("FormatVNDShort(%d) = %q, want %q", tt.in, got, tt.want)
		}
		if got := ShortUnit(tt.in); got != tt.unit {
			t.Errorf("ShortUnit(%d) = %q, want %q", tt.in, got, tt.unit)
		}
	}
}

func TestFormatAmount(t *testing.T) {
	tests := []struct {
		vnd  int64
		q    Qualifier
		want string
	}{
		{450_000_000_000, Over, "hơn 450 tỷ đồng"},
		{95_500_000_000, Nearly, "gần 95,5 tỷ đồng"},
		{120_000_000, About, "khoảng 120 triệu đồng"},
		{15_000_000_000, AtLeast, "trên 15 tỷ đồng"},
		{120_000_000_000, Exact, "120 tỷ đồng"},
		{500_000, Exact, "500.000 đồng"},
	}
	for _, tt := range tests {
		if got := FormatAmount(tt.vnd, tt.q); got != tt.want {
			t.Errorf("FormatAmount(%d, %q) = %q, want %q", tt.vnd, tt.q, got, tt.want)
		}
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in  string
		vnd int64
		q   Qualifier
	}{
		// The spellings news copy uses.
		{"1.290.040.892", 1_290_040_892, Exact},
		{"1.290.040.892 đồng", 1_290_040_892, Exact},
		{"2.189.200.000đ", 2_189_200_000, Exact},
		{"2.189.200.000 đ", 2_189_200_000, Exact},
		{"120 tỉ đồng", 120_000_000_000, Exact},
		{"120 tỷ", 120_000_000_000, Exact},
		{"107 tỉ 773 triệu đồng", 107_773_000_000, Exact},
		{"gần 95,5 tỉ đồng", 95_500_000_000, Nearly},
		{"hơn 450 tỉ", 450_000_000_000, Over},
		{"khoảng 120.000.000 đồng", 120_000_000, About},
		{"hơn 15 tỷ", 15_000_000_000, Over},
		{"96 triệu", 96_000_000, Exact},
		{"5,3 tỉ", 5_300_000_000, Exact},
		{"120.000.000₫", 120_000_000, Exact},
		{"120.000.000 ₫", 120_000_000, Exact},
		{"120.000.000 VND", 120_000_000, Exact},
		{"120.000.000 VNĐ", 120_000_000, Exact},
		{"120.000.000 vnđ", 120_000_000, Exact},
		{"3,5 triệu ₫", 3_500_000, Exact},

		// Qualifiers, with and without diacritics.
		{"trên 15 tỷ đồng", 15_000_000_000, AtLeast},
		{"hon 450 ti", 450_000_000_000, Over},
		{"gan 95,5 ti dong", 95_500_000_000, Nearly},
		{"khoang 3 trieu", 3_000_000, About},
		{"tren 2 ty", 2_000_000_000, AtLeast},
		{"ước 12 tỷ", 12_000_000_000, About},
		{"uoc 12 ty", 12_000_000_000, About},
		{"ước tính 12 tỷ", 12_000_000_000, About},
		{"xấp xỉ 12 tỷ", 12_000_000_000, About},
		{"ít nhất 500 triệu", 500_000_000, AtLeast},
		{"it nhat 500 trieu", 500_000_000, AtLeast},

		// Case and normal form.
		{"GẦN 95,5 TỈ ĐỒNG", 95_500_000_000, Nearly},
		{"Hơn 450 Tỷ Đồng", 450_000_000_000, Over},
		{nfd("gần 95,5 tỉ đồng"), 95_500_000_000, Nearly},
		{nfd("107 tỉ 773 triệu đồng"), 107_773_000_000, Exact},

		// Other units and forms.
		{"500 nghìn", 500_000, Exact},
		{"500 ngàn đồng", 500_000, Exact},
		{"1,2 nghìn tỷ", 1_200_000_000_000, Exact},
		{"2 ngàn tỉ đồng", 2_000_000_000_000, Exact},
		{"1 tỷ 200 triệu 500 nghìn đồng", 1_200_500_000, Exact},
		{"5.3 tỉ", 5_300_000_000, Exact},         // dot + 1 digit: decimal
		{"1.290 tỷ", 1_290_000_000_000, Exact},   // dot + 3 digits: grouping
		{"1,125 tỷ", 1_125_000_000, Exact},       // comma is always decimal
		{"120 000 000 đồng", 120_000_000, Exact}, // space grouping
		{"120\u00a0000\u00a0000 đồng", 120_000_000, Exact},
		{"120tỷ", 120_000_000_000, Exact},
		{"  hơn   450   tỷ  ", 450_000_000_000, Over},
		{"0 đồng", 0, Exact},
		{"95", 95, Exact},
		{"1.290", 1290, Exact},
		{"9.223.372.036.854.775.807", math.MaxInt64, Exact},
	}
	for _, tt := range tests {
		vnd, q, err := ParseAmount(tt.in)
		if err != nil || vnd != tt.vnd || q != tt.q {
			t.Errorf("ParseAmount(%+q) = %d, %q, %v; want %d, %q", tt.in, vnd, q, err, tt.vnd, tt.q)
		}
	}
}

func TestParseAmountErrors(t *testing.T) {
	tests := []struct {
		in      string
		kind    error
		mention string
	}{
		{"", ErrSyntax, "no number"},
		{"đồng", ErrSyntax, "no number"},
		{"hơn", ErrSyntax, "no number"},
		{"tỷ", ErrSyntax, "expected a number"},
		{"95,5", ErrAmbiguous, "95,5 tỷ"},
		{"gần 95,5", ErrAmbiguous, "95,5 tỷ"},
		{"95,5 đồng", ErrAmbiguous, "no unit"},
		{"1.29", ErrAmbiguous, "no unit"},
		{"-5 tỷ", ErrSyntax, "negative"},
		{"−5 tỷ", ErrSyntax, "negative"},
		{"120-130 tỷ", ErrSyntax, "range"},
		{"120–130 tỷ", ErrSyntax, "range"},
		{"2 tỷ 5", ErrAmbiguous, "2,5 tỷ"},
		{"773 triệu 107 tỷ", ErrSyntax, "larger units first"},
		{"1 tỷ 2 tỷ", ErrSyntax, "larger units first"},
		{"1 tỷ 1500 triệu", ErrSyntax, "not less than 1 tỷ"},
		{"1,2345678915 tỷ", ErrSyntax, "whole number of đồng"},
		{"1,5 đồng", ErrAmbiguous, "no unit"},
		{"1,290.5 tỷ", ErrAmbiguous, "English"},
		{"1.29.0 tỷ", ErrAmbiguous, "grouping"},
		{"10.000.000.000 tỷ", ErrRange, "too large"},
		{"9.223.372.036.854.775.808", ErrRange, "too large"},
		{"120 tỷ USD", ErrSyntax, "unexpected \"usd\""},
		{"120 tỷ đồng đồng", ErrSyntax, "unexpected"},
		{"120 đô", ErrSyntax, "unexpected"},
		{"hơn gần 5 tỷ", ErrSyntax, "expected a number"},
		{"$120", ErrSyntax, "unexpected '$'"},
		{"120 tỷ.", ErrSyntax, "unexpected '.'"},
		{"5 nghìn triệu", ErrSyntax, "unexpected"},
	}
	for _, tt := range tests {
		vnd, q, err := ParseAmount(tt.in)
		if err == nil {
			t.Errorf("ParseAmount(%q) = %d, %q, want error", tt.in, vnd, q)
			continue
		}
		checkParseError(t, "ParseAmount", tt.in, err, tt.kind, tt.mention)
	}
}

func TestParseQualifier(t *testing.T) {
	tests := []struct {
		in   string
		want Qualifier
		ok   bool
	}{
		{"", Exact, true},
		{"hơn", Over, true},
		{"Hơn", Over, true},
		{"hon", Over, true},
		{"gần", Nearly, true},
		{"gan", Nearly, true},
		{"khoảng", About, true},
		{"khoang", About, true},
		{"trên", AtLeast, true},
		{"tren", AtLeast, true},
		{"ước", About, true},
		{"uoc", About, true},
		{"ước tính", About, true},
		{"ít nhất", AtLeast, true},
		{nfd("ít  nhất"), AtLeast, true},
		{"xấp xỉ", About, true},
		{"dưới", Exact, false},
		{"hơn nữa", Exact, false},
	}
	for _, tt := range tests {
		got, ok := ParseQualifier(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseQualifier(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAmountRoundTrip(t *testing.T) {
	// What FormatAmount prints, ParseAmount reads back (to the shown precision).
	for _, tt := range []struct {
		vnd int64
		q   Qualifier
	}{
		{450_000_000_000, Over},
		{95_500_000_000, Nearly},
		{3_500_000, About},
		{500_000, Exact},
		{1_234_500_000_000, AtLeast},
	} {
		s := FormatAmount(tt.vnd, tt.q)
		vnd, q, err := ParseAmount(s)
		if err != nil || vnd != tt.vnd || q != tt.q {
			t.Errorf("ParseAmount(FormatAmount(%d, %q) = %q) = %d, %q, %v", tt.vnd, tt.q, s, vnd, q, err)
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{
		"1.290.040.892 đồng", "2.189.200.000đ", "107 tỉ 773 triệu đồng", "gần 95,5 tỉ đồng",
		"hơn 450 tỉ", "1,2 nghìn tỷ", "95,5", "-5", "2 tỷ 5", "₫", "VND", "9.223.372.036.854.775.808",
		"1,2345678915 tỷ", "ít nhất 1 tỷ", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		vnd, q, err := ParseAmount(s)
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("ParseAmount(%+q): error %T is not *ParseError", s, err)
			}
			if vnd != 0 || q != Exact {
				t.Fatalf("ParseAmount(%+q) = %d, %q with error", s, vnd, q)
			}
			return
		}
		if vnd < 0 {
			t.Fatalf("ParseAmount(%+q) = %d: negative", s, vnd)
		}
		switch q {
		case Exact, Over, Nearly, About, AtLeast:
		default:
			t.Fatalf("ParseAmount(%+q): unknown qualifier %q", s, q)
		}
		// The full form must parse back to the same value.
		full := strings.TrimSpace(string(q) + " " + FormatVND(vnd))
		if v2, q2, err := ParseAmount(full); err != nil || v2 != vnd || q2 != q {
			t.Fatalf("ParseAmount(%q) = %d, %q, %v; want %d, %q (from %+q)", full, v2, q2, err, vnd, q, s)
		}
	})
}
