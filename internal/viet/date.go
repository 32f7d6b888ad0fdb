package viet

import (
	"strconv"
	"time"
)

// weekdays in house style: capitalised, "Chủ Nhật" for Sunday.
var weekdays = [...]string{
	time.Sunday:    "Chủ Nhật",
	time.Monday:    "Thứ Hai",
	time.Tuesday:   "Thứ Ba",
	time.Wednesday: "Thứ Tư",
	time.Thursday:  "Thứ Năm",
	time.Friday:    "Thứ Sáu",
	time.Saturday:  "Thứ Bảy",
}

// The date functions use t's date in t's own location; convert with
// t.In(loc) first if t may come from another zone (Vietnam is UTC+7, so a
// UTC midnight timestamp is already 07:00 the same day, but a late-evening
// one is the next day).

// Weekday returns the day of the week: "Thứ Hai" … "Thứ Bảy", "Chủ Nhật".
func Weekday(t time.Time) string {
	return weekdays[t.Weekday()]
}

// FormatDate returns the weekday and day/month/year, no zero padding:
// "Thứ Tư, 4/12/2024".
func FormatDate(t time.Time) string {
	return Weekday(t) + ", " + FormatShortDate(t)
}

// FormatShortDate returns day/month/year with no zero padding: "4/12/2024".
func FormatShortDate(t time.Time) string {
	y, m, d := t.Date()
	return strconv.Itoa(d) + "/" + strconv.Itoa(int(m)) + "/" + strconv.Itoa(y)
}

// FormatMonthYear returns "tháng 12/2024" (lower case, for running text;
// capitalise at the start of a sentence).
func FormatMonthYear(t time.Time) string {
	y, m, _ := t.Date()
	return "tháng " + strconv.Itoa(int(m)) + "/" + strconv.Itoa(y)
}
