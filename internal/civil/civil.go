// Package civil holds calendar dates and periods as editors write them.
//
// A [Date] is a day with no time zone: a meeting happened "on 3/12/2024",
// not at an instant. In TOML it may be written as a local date
// (date = 2024-12-03), a quoted ISO date ("2024-12-03"), or a full datetime
// whose time is dropped. Impossible days such as 2025-02-30 are rejected with
// a message saying so.
//
// A [Period] is a closed range of days with an open end allowed: a province
// exists from its founding until the day before a merger; a province belongs
// to a cluster for a term.
package civil

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day. The zero Date means "not set".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Of returns the date of t in t's location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ErrFormat explains the accepted date spelling.
var ErrFormat = errors.New("dates are written YYYY-MM-DD, e.g. 2024-12-03")

// Parse reads an ISO date "2024-12-03".
func Parse(s string) (Date, error) {
	s = strings.TrimSpace(s)
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) != 2 || len(parts[2]) != 2 {
		return Date{}, fmt.Errorf("%q is not a date: %w", s, ErrFormat)
	}
	y, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	d, err3 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || err3 != nil {
		return Date{}, fmt.Errorf("%q is not a date: %w", s, ErrFormat)
	}
	return Make(y, time.Month(m), d)
}

// Make validates and builds a date.
func Make(y int, m time.Month, d int) (Date, error) {
	if m < 1 || m > 12 {
		return Date{}, fmt.Errorf("%04d-%02d-%02d has no month %d", y, m, d, m)
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || d < 1 {
		return Date{}, fmt.Errorf("%04d-%02d-%02d does not exist: %s %d has %d days",
			y, m, d, m, y, daysIn(y, m))
	}
	return Date{y, m, d}, nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// MustParse is Parse for constants in tests and tables.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String returns the ISO form.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Compare returns -1, 0 or +1.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	}
	return cmpInt(d.Day, o.Day)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return Of(d.Time().AddDate(0, 0, n)) }

// UnmarshalTOML accepts a TOML local date or datetime, or a quoted ISO date.
func (d *Date) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case time.Time:
		*d = Of(v)
		return nil
	case string:
		p, err := Parse(v)
		if err != nil {
			return err
		}
		*d = p
		return nil
	}
	return fmt.Errorf("expected a date, found %s: %w", describe(v), ErrFormat)
}

// describe names a TOML value's type in words, for editors.
func describe(v any) string {
	switch v := v.(type) {
	case int64, float64:
		return fmt.Sprintf("the number %v", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// Guess reads a date written day first, the way Vietnamese text writes it
// ("15/12/2025", "15-12-2025", "15.12.2025"), or as eight digits
// ("20251215"), so an error can suggest the ISO spelling. It never
// replaces Parse: a guessed date is only ever shown as a suggestion.
func Guess(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	if len(s) == 8 && strings.Trim(s, "0123456789") == "" {
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[4:6])
		d, _ := strconv.Atoi(s[6:])
		date, err := Make(y, time.Month(m), d)
		return date, err == nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 || len(parts[2]) != 4 || len(parts[0]) > 2 || len(parts[1]) > 2 {
		return Date{}, false
	}
	d, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	y, err3 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || err3 != nil {
		return Date{}, false
	}
	date, err := Make(y, time.Month(m), d)
	return date, err == nil
}

// MarshalText writes the ISO form (for JSON and TOML output).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Period is the closed range [From, To]; a zero bound is open.
type Period struct {
	From Date `toml:"from"`
	To   Date `toml:"to"`
}

// Contains reports whether day falls within p.
func (p Period) Contains(day Date) bool {
	if !p.From.IsZero() && day.Before(p.From) {
		return false
	}
	if !p.To.IsZero() && day.After(p.To) {
		return false
	}
	return true
}

// Overlaps reports whether p and o share at least one day.
func (p Period) Overlaps(o Period) bool {
	if !p.To.IsZero() && !o.From.IsZero() && p.To.Before(o.From) {
		return false
	}
	if !o.To.IsZero() && !p.From.IsZero() && o.To.Before(p.From) {
		return false
	}
	return true
}

// ContainsYear reports whether any day of year y falls within p.
func (p Period) ContainsYear(y int) bool {
	return p.Overlaps(Period{From: Date{y, 1, 1}, To: Date{y, 12, 31}})
}

// String renders the period as "2021-01-01 – 2026-12-31", open ends blank.
func (p Period) String() string {
	return strings.TrimSpace(p.From.String() + " – " + p.To.String())
}
