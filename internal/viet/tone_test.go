package viet

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNormalizeTone(t *testing.T) {
	tests := []struct{ in, want string }{
		// Open oa/oe/uy with the mark on the second vowel: moved.
		{"Hoà Bình", "Hòa Bình"},
		{"Thanh Hoá", "Thanh Hóa"},
		{"Khánh Hoà", "Khánh Hòa"},
		{"thuỷ", "thủy"},
		{"Thuý", "Thúy"},
		{"khoẻ", "khỏe"},
		{"hoè", "hòe"},
		{"hoạ", "họa"},
		{"hoả hoạn", "hỏa hoạn"},
		{"Toà án", "Tòa án"},
		{"loã", "lõa"},
		{"uỷ ban", "ủy ban"},
		{"Uỷ ban nhân dân", "Ủy ban nhân dân"},
		{"oà khóc", "òa khóc"},
		{"luỹ tre", "lũy tre"},
		{"tuỳ", "tùy"},
		{"xoè", "xòe"},
		{"loé sáng", "lóe sáng"},
		{"nhoẽ", "nhõe"},
		{"Thuỷ Nguyên", "Thủy Nguyên"},
		{"Hoằng Hoá", "Hoằng Hóa"},
		{"HOÀ BÌNH", "HÒA BÌNH"},
		{"THANH HOÁ", "THANH HÓA"},
		{"THUỶ", "THỦY"},
		{"Thuỵ Khuê", "Thụy Khuê"},
		{nfd("Hoà Bình"), "Hòa Bình"},
		{nfd("Thuỷ"), "Thủy"},
		{"Sở Giáo dục tỉnh Thanh Hoá, Khánh Hoà và Hoà Bình.", "Sở Giáo dục tỉnh Thanh Hóa, Khánh Hòa và Hòa Bình."},
		{"(hoà)", "(hòa)"},
		{"Hoà-Bình", "Hòa-Bình"},

		// Already classic: unchanged.
		{"Hòa Bình", "Hòa Bình"},
		{"Thanh Hóa", "Thanh Hóa"},
		{"thủy", "thủy"},
		{"khỏe", "khỏe"},
		{"họa", "họa"},

		// Closed syllables and triphthongs have one placement: unchanged.
		{"hoàng", "hoàng"},
		{"Hoàng", "Hoàng"},
		{"hoạch", "hoạch"},
		{"toán", "toán"},
		{"quỳnh", "quỳnh"},
		{"Quỳnh", "Quỳnh"},
		{"huỳnh", "huỳnh"},
		{"ngoài", "ngoài"},
		{"khuya", "khuya"},
		{"xoáy", "xoáy"},
		{"khuỷu", "khuỷu"},
		{"thuế", "thuế"},
		{"huệ", "huệ"},
		{"thuở", "thuở"},
		{"Nguyễn", "Nguyễn"},
		{"khuyến", "khuyến"},

		// qu + vowel: u belongs to the consonant.
		{"quý", "quý"},
		{"Quý", "Quý"},
		{"QUÝ", "QUÝ"},
		{"quỹ", "quỹ"},
		{"quà", "quà"},
		{"quạ", "quạ"},

		// Untouched: no tone, ASCII, not Vietnamese.
		{"", ""},
		{"hoa", "hoa"},
		{"Hoa Binh", "Hoa Binh"},
		{"thuy", "thuy"},
		{"Ελληνικά", "Ελληνικά"},
		{"Noël", "Noël"},
		{"hoà\u0301", "hoà\u0301"}, // two tones: malformed, left alone
		{"2025 — năm học mới", "2025 — năm học mới"},
	}
	for _, tt := range tests {
		got := NormalizeTone(tt.in)
		if got != tt.want {
			t.Errorf("NormalizeTone(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Errorf("NormalizeTone(%+q) = %+q: not NFC", tt.in, got)
		}
		if again := NormalizeTone(got); again != got {
			t.Errorf("NormalizeTone not idempotent on %+q: %+q", got, again)
		}
		if Fold(got) != Fold(tt.in) {
			t.Errorf("NormalizeTone(%+q) changed the letters: %+q", tt.in, got)
		}
	}
}

func TestNormalizeToneNoAllocWhenUnchanged(t *testing.T) {
	// NormalizeTone runs over every title and name at build time; text that
	// is already classic NFC should cost no allocations.
	s := "Hội Khuyến học tỉnh Hòa Bình tổng kết năm học"
	if n := testing.AllocsPerRun(100, func() { NormalizeTone(s) }); n != 0 {
		t.Errorf("NormalizeTone allocates %v times on unchanged input", n)
	}
}
