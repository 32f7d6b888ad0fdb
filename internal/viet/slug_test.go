package viet

import (
	"regexp"
	"testing"
)

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"---", ""},
		{"!!!", ""},
		{"Hội nghị giao ban năm 2025!", "hoi-nghi-giao-ban-nam-2025"},
		{nfd("Hội nghị giao ban năm 2025!"), "hoi-nghi-giao-ban-nam-2025"},
		{"Đồng bằng sông Hồng", "dong-bang-song-hong"},
		{"Thanh Hoá", "thanh-hoa"},
		{"Thanh Hóa", "thanh-hoa"},
		{"Bà Rịa – Vũng Tàu", "ba-ria-vung-tau"},
		{"TP. Hồ Chí Minh", "tp-ho-chi-minh"},
		{"  --Khánh Hoà--  ", "khanh-hoa"},
		{"Quỹ 1.290.040.892 đồng", "quy-1-290-040-892-dong"},
		{"Báo cáo 6 tháng đầu năm (2024)", "bao-cao-6-thang-dau-nam-2024"},
		{"a_b", "a-b"},
		{"already-a-slug", "already-a-slug"},
		{"UPPER Case", "upper-case"},
		{"日本語", ""},
		{"Tết 日本 2025", "tet-2025"},
		{"Đắk Lắk & Đắk Nông", "dak-lak-dak-nong"},
		{"café", "cafe"},
	}
	for _, tt := range tests {
		got := Slug(tt.in)
		if got != tt.want {
			t.Errorf("Slug(%+q) = %q, want %q", tt.in, got, tt.want)
		}
		if got != "" && !slugRE.MatchString(got) {
			t.Errorf("Slug(%+q) = %q: not a valid slug", tt.in, got)
		}
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"", "Hội nghị giao ban năm 2025!", "--", "a--b", "日本語", "\xff", "İ-ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got != "" && !slugRE.MatchString(got) {
			t.Fatalf("Slug(%+q) = %q: not a valid slug", s, got)
		}
		if again := Slug(got); again != got {
			t.Fatalf("Slug not idempotent: Slug(%+q) = %q, Slug of that = %q", s, got, again)
		}
	})
}

func BenchmarkSlug(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Slug(benchText)
	}
}
