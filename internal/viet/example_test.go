package viet_test

import (
	"errors"
	"fmt"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

func ExampleNormalizeTone() {
	fmt.Println(viet.NormalizeTone("Hội Khuyến học tỉnh Thanh Hoá, Khánh Hoà"))
	fmt.Println(viet.NormalizeTone("hoàng, quý, quỳnh")) // nothing to move
	// Output:
	// Hội Khuyến học tỉnh Thanh Hóa, Khánh Hòa
	// hoàng, quý, quỳnh
}

func ExampleFold() {
	fmt.Println(viet.Fold("Đồng bằng sông Hồng"))
	// Output: dong bang song hong
}

func ExampleSlug() {
	fmt.Println(viet.Slug("Hội nghị giao ban năm 2025!"))
	// Output: hoi-nghi-giao-ban-nam-2025
}

func ExampleNameKey() {
	fmt.Println(viet.NameKey("TỈNH Thanh Hoá") == viet.NameKey("thanh hóa"))
	fmt.Println(viet.NameKey("Hội Khuyến học TP. Hà Nội"))
	// Output:
	// true
	// hà nội
}

func ExampleParseAmount() {
	vnd, q, _ := viet.ParseAmount("gần 95,5 tỉ đồng")
	fmt.Println(vnd, q == viet.Nearly)
	fmt.Println(viet.FormatAmount(vnd, q))

	_, _, err := viet.ParseAmount("95,5")
	fmt.Println(errors.Is(err, viet.ErrAmbiguous))
	// Output:
	// 95500000000 true
	// gần 95,5 tỷ đồng
	// true
}

func ExampleFormatVNDShort() {
	fmt.Println(viet.FormatVNDShort(107_773_000_000))
	fmt.Println(viet.FormatVND(107_773_000_000))
	fmt.Println(viet.ShortUnit(450_000_000_000))
	// Output:
	// 107,8 tỷ đồng
	// 107.773.000.000 đồng
	// 450 tỷ
}

func ExampleParseInt() {
	n, _ := viet.ParseInt("3.007.923")
	fmt.Println(n)
	_, err := viet.ParseInt("1,290")
	fmt.Println(err)
	// Output:
	// 3007923
	// "1,290" could be 1.290 (English thousands separator) or 1,29 (Vietnamese decimal comma); write "1.290" for the whole number, or the amount with a unit ("1,290 tỷ")
}

func ExampleSortStrings() {
	s := []string{"Đà Nẵng", "Dương Kinh", "Bắc Ninh", "Bạc Liêu", "An Giang"}
	viet.SortStrings(s)
	fmt.Println(s)
	// Output: [An Giang Bạc Liêu Bắc Ninh Dương Kinh Đà Nẵng]
}
