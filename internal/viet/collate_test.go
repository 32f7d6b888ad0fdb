package viet

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

// provinces are the 63 provinces and centrally governed cities (before the
// 2025 mergers) in Vietnamese dictionary order, as golang.org/x/text's
// CLDR collation orders them: ă, â after a; đ after d; ô, ơ after o; ư
// after u.
var provinces = []string{
	"An Giang", "Bà Rịa – Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh",
	"Bến Tre", "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau",
	"Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
	"Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
	"Hải Phòng", "Hậu Giang", "Hòa Bình", "Hồ Chí Minh", "Hưng Yên", "Khánh Hòa",
	"Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An",
	"Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên",
	"Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng",
	"Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế",
	"Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
}

func TestSortStringsProvinces(t *testing.T) {
	if len(provinces) != 63 {
		t.Fatalf("%d provinces", len(provinces))
	}
	for seed := range uint64(5) {
		s := slices.Clone(provinces)
		r := rand.New(rand.NewPCG(seed, 1))
		r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
		SortStrings(s)
		if !slices.Equal(s, provinces) {
			t.Fatalf("SortStrings:\n got %q\nwant %q", s, provinces)
		}
	}
	// Compare agrees with the sort, pair by pair.
	for i := 1; i < len(provinces); i++ {
		if c := Compare(provinces[i-1], provinces[i]); c != -1 {
			t.Errorf("Compare(%q, %q) = %d, want -1", provinces[i-1], provinces[i], c)
		}
	}
	// A byte sort gets it wrong: every Đ after Z.
	b := slices.Clone(provinces)
	slices.Sort(b)
	if slices.Equal(b, provinces) {
		t.Error("byte order equals Vietnamese order; the test list proves nothing")
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"D", "Đ", -1},
		{"Dương", "Đà Nẵng", -1},
		{"Đ", "E", -1},
		{"Az", "Ă", -1},
		{"Ăz", "Â", -1},
		{"Âz", "B", -1},
		{"Ez", "Ê", -1},
		{"Oz", "Ô", -1},
		{"Ôz", "Ơ", -1},
		{"Ơz", "P", -1},
		{"Uz", "Ư", -1},
		{"Ưz", "V", -1},
		// Tones: none, huyền, hỏi, ngã, sắc, nặng.
		{"a", "à", -1},
		{"à", "ả", -1},
		{"ả", "ã", -1},
		{"ã", "á", -1},
		{"á", "ạ", -1},
		// Base letters outrank tones.
		{"bá", "bac", -1},
		// Case after everything else.
		{"a", "A", -1},
		{"Hà Nội", "Hà Nội", 0},
		{"Hòa Bình", nfd("Hòa Bình"), 0},
		{"", "a", -1},
		{"b", "a", 1},
	}
	for _, tt := range tests {
		if got := Compare(tt.a, tt.b); got != tt.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Compare(tt.b, tt.a); got != -tt.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

func TestSortFuncStable(t *testing.T) {
	type branch struct {
		province string
		id       int
	}
	in := []branch{
		{"Đồng Nai", 1}, {"Hà Nội", 2}, {"Dak Lak", 3}, {"Hà Nội", 4},
		{"An Giang", 5}, {nfd("Hà Nội"), 6}, {"Đắk Lắk", 7}, {"Hà Nội", 8},
	}
	SortFunc(in, func(b branch) string { return b.province })
	var ids []int
	for _, b := range in {
		ids = append(ids, b.id)
	}
	// NFC and NFD "Hà Nội" collate equal, so all four keep their order.
	want := []int{5, 3, 7, 1, 2, 4, 6, 8}
	if !slices.Equal(ids, want) {
		t.Errorf("SortFunc order %v, want %v", ids, want)
	}
	SortFunc([]branch(nil), func(b branch) string { return b.province }) // no panic
}

func TestCollateConcurrent(t *testing.T) {
	// Run with -race: the pooled collators must not be shared.
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				a, b := provinces[(g+i)%63], provinces[(g+i+1)%63]
				if Compare(a, b) == 0 {
					t.Errorf("Compare(%q, %q) = 0", a, b)
				}
				s := slices.Clone(provinces[:10])
				slices.Reverse(s)
				SortStrings(s)
				if !slices.Equal(s, provinces[:10]) {
					t.Errorf("concurrent SortStrings: %q", s)
				}
			}
		})
	}
	wg.Wait()
}
