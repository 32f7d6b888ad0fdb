// Package viet holds pure functions for Vietnamese text: normalising,
// folding and slugging names, formatting and parsing numbers and amounts of
// money in vi-VN style, dates in house style, and sorting in Vietnamese
// order. Nothing here does I/O or keeps state; every function is safe for
// concurrent use.
//
// # Normal forms
//
// The same Vietnamese word can arrive as different bytes:
//
//   - precomposed (NFC, most keyboards) or decomposed (NFD, macOS file
//     names, some forms): "ò" is one code point or "o" + U+0300;
//   - with the tone mark on either vowel of oa, oe, uy: "Hoà"/"Hòa",
//     "thuỷ"/"thủy", both correct, the second being the classic placement
//     used in official names.
//
// Pick the function by what you are doing with the text:
//
//	Display, storage     NormalizeTone(s)  "Thanh Hoá" → "Thanh Hóa" (NFC too)
//	Only NFC             NFC(s)
//	Map key for a name   NameKey(s)        "TỈNH Thanh Hoá" → "thanh hóa"
//	Search, loose match  Fold(s)           "Đồng bằng" → "dong bang"
//	Search tokens        Tokens(s)         then Fold each token
//	URL segment          Slug(s)           "Hội nghị 2025!" → "hoi-nghi-2025"
//
// NameKey keeps diacritics because they distinguish places (across the
// country's communes, many names differ only in their marks); when a lookup
// by NameKey fails, callers may retry with Fold(NameKey(s)) and accept the
// looser match.
//
// # Numbers and money
//
// vi-VN writes "." between thousands and "," before decimals:
// FormatInt(3007923) is "3.007.923", FormatDecimal(29.14, 2) is "29,14".
// FormatVND gives the full amount ("1.290.040.892 đồng"); FormatVNDShort
// and ShortUnit give the magnitude a reader wants ("107,8 tỷ đồng", "450
// tỷ"); FormatAmount adds a Qualifier ("hơn 450 tỷ đồng").
//
// ParseInt, ParseDecimal and ParseAmount read figures as editors and news
// copy write them ("3 007 923", "99,81%", "gần 95,5 tỉ đồng", "107 tỉ 773
// triệu"). They refuse to guess: "1,290", "1.29.0" and a unitless "95,5"
// are errors. Every error is a *ParseError whose message explains the
// problem and suggests a spelling, so it can be shown to the editor as is;
// errors.Is tells ErrSyntax, ErrAmbiguous and ErrRange apart. A lone dot is
// a decimal point unless exactly three digits follow: "1.290" is 1290,
// "29.14" is 29,14.
//
// # Dates
//
// Weekday, FormatDate ("Thứ Tư, 4/12/2024"), FormatShortDate ("4/12/2024")
// and FormatMonthYear ("tháng 12/2024") use the date in the time's own
// location; convert to Asia/Ho_Chi_Minh first if that matters.
//
// # Sorting
//
// Compare, SortStrings and SortFunc use the CLDR Vietnamese collation from
// golang.org/x/text, so "Đà Nẵng" sorts after "Dương" and "Bắc Giang" after
// "Bạc Liêu", where a byte sort would put every Đ after Z.
package viet
