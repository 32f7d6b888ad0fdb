package viet

import (
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 9, 0, 0, 0, time.UTC)
}

func TestDates(t *testing.T) {
	tests := []struct {
		t                               time.Time
		weekday, date, short, monthYear string
	}{
		{day(2024, 12, 4), "Thứ Tư", "Thứ Tư, 4/12/2024", "4/12/2024", "tháng 12/2024"},
		{day(2025, 12, 13), "Thứ Bảy", "Thứ Bảy, 13/12/2025", "13/12/2025", "tháng 12/2025"},
		{day(2022, 8, 18), "Thứ Năm", "Thứ Năm, 18/8/2022", "18/8/2022", "tháng 8/2022"},
		{day(2023, 11, 24), "Thứ Sáu", "Thứ Sáu, 24/11/2023", "24/11/2023", "tháng 11/2023"},
		{day(2024, 12, 1), "Chủ Nhật", "Chủ Nhật, 1/12/2024", "1/12/2024", "tháng 12/2024"},
		{day(2024, 12, 2), "Thứ Hai", "Thứ Hai, 2/12/2024", "2/12/2024", "tháng 12/2024"},
		{day(2024, 12, 3), "Thứ Ba", "Thứ Ba, 3/12/2024", "3/12/2024", "tháng 12/2024"},
		{day(2025, 1, 1), "Thứ Tư", "Thứ Tư, 1/1/2025", "1/1/2025", "tháng 1/2025"},
		{day(2024, 2, 29), "Thứ Năm", "Thứ Năm, 29/2/2024", "29/2/2024", "tháng 2/2024"},
	}
	for _, tt := range tests {
		if got := Weekday(tt.t); got != tt.weekday {
			t.Errorf("Weekday(%v) = %q, want %q", tt.t, got, tt.weekday)
		}
		if got := FormatDate(tt.t); got != tt.date {
			t.Errorf("FormatDate(%v) = %q, want %q", tt.t, got, tt.date)
		}
		if got := FormatShortDate(tt.t); got != tt.short {
			t.Errorf("FormatShortDate(%v) = %q, want %q", tt.t, got, tt.short)
		}
		if got := FormatMonthYear(tt.t); got != tt.monthYear {
			t.Errorf("FormatMonthYear(%v) = %q, want %q", tt.t, got, tt.monthYear)
		}
	}
}

func TestDateUsesOwnLocation(t *testing.T) {
	// 20:00 UTC on 3 December is already 4 December in Vietnam.
	ict := time.FixedZone("ICT", 7*3600)
	utc := time.Date(2024, 12, 3, 20, 0, 0, 0, time.UTC)
	if got := FormatDate(utc); got != "Thứ Ba, 3/12/2024" {
		t.Errorf("FormatDate(UTC) = %q", got)
	}
	if got := FormatDate(utc.In(ict)); got != "Thứ Tư, 4/12/2024" {
		t.Errorf("FormatDate(ICT) = %q", got)
	}
}
