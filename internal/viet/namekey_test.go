package viet

import "testing"

func TestNameKeyEquivalence(t *testing.T) {
	groups := []struct {
		want      string
		spellings []string
	}{
		{"hòa bình", []string{
			"Hoà Bình", "Hòa Bình", "tỉnh Hoà Bình", "Tỉnh Hòa Bình", "TỈNH HÒA BÌNH",
			"TỈNH HOÀ BÌNH", nfd("Hòa Bình"), nfd("tỉnh Hoà Bình"), "  Hòa   Bình ",
			"Hội Khuyến học tỉnh Hòa Bình", "Hội khuyến học Hoà Bình",
		}},
		{"thanh hóa", []string{
			"TỈNH Thanh Hoá", "thanh hóa", "Thanh  Hóa", "Thanh Hoá", "THANH HOÁ",
			"tỉnh Thanh Hóa", "Hội Khuyến học tỉnh Thanh Hoá", nfd("Thanh Hoá"),
		}},
		{"khánh hòa", []string{"Khánh Hoà", "Khánh Hòa", "tỉnh Khánh Hoà", "KHÁNH HÒA"}},
		{"hà nội", []string{
			"Hà Nội", "TP. Hà Nội", "TP Hà Nội", "Tp. Hà Nội", "TP.Hà Nội", "T.P. Hà Nội",
			"thành phố Hà Nội", "Thành phố Hà Nội", "THÀNH PHỐ HÀ NỘI",
			"Hội Khuyến học thành phố Hà Nội", "Hội Khuyến học TP. Hà Nội", nfd("Hà Nội"),
		}},
		{"hồ chí minh", []string{"Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "TP Hồ Chí Minh", "Hồ Chí Minh"}},
		{"hải phòng", []string{"Hải Phòng", "thành phố Hải Phòng", "TP. Hải Phòng"}},
		{"bà rịa vũng tàu", []string{"Bà Rịa - Vũng Tàu", "Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "tỉnh Bà Rịa – Vũng Tàu"}},
		{"đắk lắk", []string{"Đắk Lắk", "tỉnh Đắk Lắk", "ĐẮK LẮK"}},
		{"sơn tây", []string{"thị xã Sơn Tây", "Thị xã Sơn Tây", "TX. Sơn Tây", "Sơn Tây"}},
		{"hoằng hóa", []string{"huyện Hoằng Hoá", "Huyện Hoằng Hóa", "Hoằng Hóa"}},
		{"quan hóa", []string{"huyện Quan Hoá", "Quan Hóa"}}, // "Quan" is a name, not "quận"
		{"ba đình", []string{"quận Ba Đình", "Quận Ba Đình", "Ba Đình"}},
		{"phúc xá", []string{"phường Phúc Xá", "Phúc Xá"}},
		{"thủy nguyên", []string{"huyện Thuỷ Nguyên", "Thủy Nguyên", "THUỶ NGUYÊN"}},
		{"ia hdrai", []string{"huyện Ia H'Drai", "Ia H’Drai", "Ia HDrai"}},
		{"yên lạc", []string{"xã Yên Lạc", "Yên Lạc"}},
		{"phố lu", []string{"thị trấn Phố Lu", "Phố Lu"}},
		{"việt nam", []string{"Hội Khuyến học Việt Nam", "Việt Nam"}},
		{"1", []string{"Quận 1", "quận 1"}},
	}
	n := 0
	for _, g := range groups {
		for _, s := range g.spellings {
			n++
			if got := NameKey(s); got != g.want {
				t.Errorf("NameKey(%+q) = %q, want %q", s, got, g.want)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d spellings", n)
	}
}

func TestNameKeyKeepsDistinctions(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Quận", "quận"},           // nothing after the prefix: kept
		{"Thành phố", "thành phố"}, // likewise
		{"Hội Khuyến học", "hội khuyến học"},
		{"Tinh Thanh Hoa", "tinh thanh hoa"}, // unaccented prefixes are not recognised
		{"Hà Nam", "hà nam"},
		{"Thành Phố Hà Nội", "hà nội"},
		{"tỉnh thành phố", "thành phố"}, // only one prefix is removed
	}
	for _, tt := range tests {
		if got := NameKey(tt.in); got != tt.want {
			t.Errorf("NameKey(%+q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if NameKey("Hà Nam") == NameKey("Hà Nội") {
		t.Error("Hà Nam and Hà Nội share a key")
	}
	// The documented loose fallback.
	if Fold(NameKey("tỉnh Thanh Hoá")) != Fold(NameKey("Thanh Hoa")) {
		t.Error("Fold(NameKey) fallback does not match unaccented spelling")
	}
}
