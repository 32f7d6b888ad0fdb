package viet

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var nfd = norm.NFD.String

func TestNFC(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc", "abc"},
		{nfd("Hòa Bình"), "Hòa Bình"},
		{"Hòa Bình", "Hòa Bình"},
		{nfd("Đồng Tháp"), "Đồng Tháp"},
		{"o\u0302\u0301", "ố"},       // ô + sắc
		{"o\u0301\u0302", "ó\u0302"}, // same combining class: order kept, not repaired
	}
	for _, tt := range tests {
		if got := NFC(tt.in); got != tt.want {
			t.Errorf("NFC(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc", "abc"},
		{"ABC xyz", "abc xyz"},
		{"Đồng bằng sông Hồng", "dong bang song hong"},
		{nfd("Đồng bằng sông Hồng"), "dong bang song hong"},
		{"đ", "d"},
		{"Đ", "d"},
		{"ĐĐđđ", "dddd"},
		{"Ð", "d"}, // U+00D0 eth, a look-alike of Đ from legacy encodings
		{"hoà", "hoa"},
		{"hòa", "hoa"},
		{nfd("hoà"), "hoa"},
		{nfd("hòa"), "hoa"},
		{"HÒA BÌNH", "hoa binh"},
		{"Thanh Hoá", "thanh hoa"},
		{"ă â ê ô ơ ư", "a a e o o u"},
		{"Ă Â Ê Ô Ơ Ư", "a a e o o u"},
		{"àảãáạ", "aaaaa"},
		{"ằẳẵắặ ầẩẫấậ", "aaaaa aaaaa"},
		{"ỀỂỄẾỆ", "eeeee"},
		{"ờởỡớợ ừửữứự", "ooooo uuuuu"},
		{"ỳỷỹýỵ", "yyyyy"},
		{"Nguyễn Thị Minh Khai", "nguyen thi minh khai"},
		{"Hội Khuyến học Việt Nam", "hoi khuyen hoc viet nam"},
		{"Quỹ khuyến học: 1.290.040.892 đồng!", "quy khuyen hoc: 1.290.040.892 dong!"},
		{"Năm 2025 (lần thứ 3)", "nam 2025 (lan thu 3)"},
		{"Đắk Lắk", "dak lak"},
		{"Bà Rịa – Vũng Tàu", "ba ria – vung tau"},
		{"TP. Hồ Chí Minh", "tp. ho chi minh"},
		{"Khánh Hoà, Phú Yên", "khanh hoa, phu yen"},
		{"Cà phê café naïve", "ca phe cafe naive"},
		{"İstanbul", "istanbul"}, // lower-casing İ adds a combining dot, which goes too
		{"ẞ straße", "ß straße"}, // no diacritic: left as a letter
		{"Ελληνικά", "ελληνικα"},
		{"한국어", "한국어"}, // Hangul decomposes without marks and must come back whole
		{"日本語", "日本語"},
		{"a\xffb", "a\ufffdb"},
		{"  spaces\tand\nlines ", "  spaces\tand\nlines "},
		{"Hà Nội 36 phố phường", "ha noi 36 pho phuong"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
		if got := Fold(Fold(tt.in)); got != tt.want {
			t.Errorf("Fold(Fold(%+q)) = %+q, want %+q", tt.in, got, tt.want)
		}
	}
}

func TestFoldFastPathMatchesDefinition(t *testing.T) {
	// Fold's table-driven fast path must agree with foldSlow on every
	// rune, alone and after a Vietnamese letter and an NFD mark.
	for r := rune(0); r < 0x3000; r++ {
		for _, s := range []string{string(r), "Đạ" + string(r) + "\u0301x"} {
			if got, want := Fold(s), foldSlow(s); got != want {
				t.Errorf("Fold(%+q) = %+q, foldSlow = %+q", s, got, want)
			}
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"!?.,", nil},
		{"Hội nghị (lần 2)", []string{"Hội", "nghị", "lần", "2"}},
		{"Hội nghị giao ban năm 2025!", []string{"Hội", "nghị", "giao", "ban", "năm", "2025"}},
		{nfd("Hòa Bình"), []string{nfd("Hòa"), nfd("Bình")}},
		{"Bà Rịa-Vũng Tàu", []string{"Bà", "Rịa", "Vũng", "Tàu"}},
		{"TP.Hồ Chí Minh", []string{"TP", "Hồ", "Chí", "Minh"}},
		{"1.290.040.892 đồng", []string{"1", "290", "040", "892", "đồng"}},
		{"H2O", []string{"H2O"}},
		{"ĐẮK LẮK", []string{"ĐẮK", "LẮK"}},
		{"Ia H'Drai", []string{"Ia", "H", "Drai"}},
		{"a\u0301b", []string{"a\u0301b"}},
		{"\u0301a", []string{"a"}}, // a stray leading mark is not a token
		{"x \u0301 y", []string{"x", "y"}},
		{"tab\tnew\nline", []string{"tab", "new", "line"}},
		{"Ελληνικά 日本語", []string{"Ελληνικά", "日本語"}},
		{"số 1/2024", []string{"số", "1", "2024"}},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Đồng bằng sông Hồng", nfd("Hòa Bình"), "İ", "ǅ", "한국어", "\u0301", "a\xff", "Ω", "K"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%+q) = %+q: invalid UTF-8", s, got)
		}
		if again := Fold(got); again != got {
			t.Fatalf("Fold not idempotent: Fold(%+q) = %+q, Fold of that = %+q", s, got, again)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Fatalf("Fold(%+q) = %+q: not NFC", s, got)
		}
		if strings.ContainsAny(got, "đĐ") {
			t.Fatalf("Fold(%+q) = %+q: still has đ", s, got)
		}
		if slow := foldSlow(s); slow != got {
			t.Fatalf("Fold(%+q) = %+q, foldSlow = %+q", s, got, slow)
		}
		if Fold(nfd(s)) != got && utf8.ValidString(s) {
			t.Fatalf("Fold(NFD(%+q)) = %+q, want %+q", s, Fold(nfd(s)), got)
		}
	})
}

var benchText = "Hội Khuyến học tỉnh Thanh Hoá tổ chức Hội nghị giao ban năm 2025, trao 1.290 suất học bổng."

func BenchmarkFold(b *testing.B) {
	b.Run("vietnamese", func(b *testing.B) {
		b.SetBytes(int64(len(benchText)))
		for b.Loop() {
			Fold(benchText)
		}
	})
	b.Run("ascii", func(b *testing.B) {
		s := Fold(benchText)
		b.SetBytes(int64(len(s)))
		for b.Loop() {
			Fold(s)
		}
	})
}

// TestNFCFastPathAgreesWithNorm: the fast path must never call a string
// NFC that norm would change.
func TestNFCFastPathAgreesWithNorm(t *testing.T) {
	runes := []rune{'a', 'Z', ' ', '.', 'đ', 'Đ', 'ơ', 'ư', 'ă', 'â', 'ê', 'ô', 'à', 'ạ', 'ả', 'ã', 'á', 'ố', 'ờ', 'ự', 'ỳ', 'Ỵ',
		0x300, 0x301, 0x303, 0x309, 0x323, 0x306, 0x302, 0x31B, 0x2000, 0x2001, 0x2013, 0x2026, 0x212B, 0x1E9B, 0x1EF9, 0xA0, 0x2FF, 0xFFFD}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			b.WriteRune(runes[rng.IntN(len(runes))])
		}
		s := b.String()
		if KnownNFC(s) && (!norm.NFC.IsNormalString(s) || !utf8.ValidString(s)) {
			t.Fatalf("fast path calls %+q valid NFC; norm or utf8 does not", s)
		}
		if NFC(s) != norm.NFC.String(s) {
			t.Fatalf("NFC(%+q) differs from norm", s)
		}
	}
	// Invalid UTF-8 goes to norm, which replaces nothing but must agree.
	if s := "a\xffb"; NFC(s) != norm.NFC.String(s) {
		t.Errorf("NFC(%q) differs from norm", s)
	}
}

// nfcVietnameseByRunes is KnownNFC as it was first written,
// decoding rune by rune: the byte-level one must agree with it exactly.
func nfcVietnameseByRunes(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r < 0x300 && r != utf8.RuneError,
			0x1E00 <= r && r <= 0x1EFF,
			r == 0x2013 || r == 0x2014 || r == 0x2018 || r == 0x2019 || r == 0x201C || r == 0x201D || r == 0x2026:
		default:
			return false
		}
		i += n
	}
	return true
}

// TestNFCFastPathReadsBytesAsRunes: on Vietnamese text, other scripts,
// cut-off sequences and random bytes, the byte-level fast path says what
// decoding each rune says.
func TestNFCFastPathReadsBytesAsRunes(t *testing.T) {
	cases := []string{"", "Hội Khuyến học tỉnh Hà Tĩnh – “quỹ” đạt… ĐỒNG", "Hoà Bình", "\u00a0\u02ff\u1e00\u1eff",
		"\u0300", "\u1dff", "\u1f00", "\u2012", "\u2015", "\u2027", "\u201a", "Ǆ", "中文", "😀", "\xc3", "\xe1\xbb", "\xe2\x80", "a\xffb", "\xc3(", "\xe1\xbb(", "\xc0\xaf", "\xed\xa0\x80"}
	for _, c := range cases {
		if got, want := KnownNFC(c), nfcVietnameseByRunes(c); got != want {
			t.Errorf("KnownNFC(%+q) = %v, decoding runes says %v", c, got, want)
		}
	}
	if !KnownNFC(cases[1]) {
		t.Errorf("Vietnamese text in NFC is not taken by the fast path")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("aZ .\x80\x93\x94\x98\xa6\xb8\xbb\xbc\xbf\xc2\xc3\xcb\xcc\xcd\xe1\xe2\xe3\xf0")
	for range 300000 {
		b := make([]byte, 1+rng.IntN(8))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		got := KnownNFC(string(b))
		if want := nfcVietnameseByRunes(string(b)); got != want {
			t.Fatalf("KnownNFC(%+q) = %v, decoding runes says %v", b, got, want)
		}
		if got && !utf8.Valid(b) {
			t.Fatalf("KnownNFC(%+q) takes invalid UTF-8", b)
		}
	}
}

func BenchmarkNFC(b *testing.B) {
	text := strings.Repeat("Hội Khuyến học tỉnh Hà Tĩnh tổng kết năm 2023 – “quỹ khuyến học” đạt hơn 15 tỷ đồng… ", 80)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		NFC(text)
	}
}

// BenchmarkNFCNorm is BenchmarkNFC without the fast path, for comparison.
func BenchmarkNFCNorm(b *testing.B) {
	text := strings.Repeat("Hội Khuyến học tỉnh Hà Tĩnh tổng kết năm 2023 – “quỹ khuyến học” đạt hơn 15 tỷ đồng… ", 80)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		norm.NFC.String(text)
	}
}
