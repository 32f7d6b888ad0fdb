// Package chart turns a typed chart description into HTML for the site's own
// pages: an Apache ECharts chart, the same numbers as an accessible table, and
// a CSV download.
//
// # Describing a chart
//
// A Chart has a stable ID ([a-z0-9-], used as the DOM id "chart-"+ID), a
// Title, a Description that says in words what the chart shows (used for the
// screen-reader label and the table caption; required), a Unit ("tỷ đồng",
// "người", "%"), a Kind, the Categories along the category axis, and one
// Series per line/bar colour with exactly one Value per category. A Value
// with OK == false is a gap (no data); Approx carries the qualifier of an
// approximate figure ("hơn", "gần") and is shown in front of the number.
//
//	c := chart.Chart{
//		ID:          "quy-khuyen-hoc",
//		Title:       "Quỹ khuyến học toàn quốc",
//		Description: "Tổng quỹ khuyến học tăng từ 300 tỷ đồng năm 2020 lên hơn 450 tỷ đồng năm 2023.",
//		Unit:        "tỷ đồng",
//		Kind:        chart.Bar,
//		Categories:  []string{"2020", "2021", "2022", "2023"},
//		Series: []chart.Series{{Name: "Tổng quỹ", Values: []chart.Value{
//			{V: 300, OK: true}, {V: 350, OK: true}, {}, {V: 450, OK: true, Approx: "hơn"},
//		}}},
//	}
//
// Kinds: Bar (vertical bars, series side by side), StackedBar (series stacked),
// Line, RankedBar (horizontal bars, sorted descending by the first series;
// Table and CSV use the same order) and Timeline (events as points on a time
// axis; Categories must be ISO dates "2006", "2006-01" or "2006-01-02").
//
// # Output
//
// Snippet returns a <figure> holding the chart container, a figcaption
// (title, unit, sources) and an inline <script> that draws the chart once the
// DOM is ready. It references nothing on another origin and does not load
// ECharts itself: every page that contains a chart must include, once and
// before or after the snippets (but not async), the vendored files
//
//	<script src="/vendor/echarts/echarts.min.js"></script>
//	<script src="/vendor/echarts/langVI.js"></script>
//
// (themes/default/static/vendor/echarts/, refreshed by tools/update-echarts.sh).
// Put Table (rendered with Table.HTML or the page's own markup) next to the
// chart for readers who cannot see it, and offer CSV as a download.
//
// Option returns the ECharts option alone, deterministically, for golden
// tests and for callers that initialise ECharts themselves (it is a
// JavaScript object literal: JSON plus formatter functions).
//
// Numbers are formatted vi-VN with the unit appended. Tooltips show the
// exact figure with its qualifier ("hơn 3.007.923 hội viên", a gap is "—");
// value-axis labels switch to "triệu"/"tỷ" once the data reach millions
// ("3,5 triệu hội viên", "450 tỷ đồng"), unless the unit already has a scale
// word. Table uses FormatNumber, which matches the tooltips digit for digit.
//
// The package does no file or network I/O; all output is a pure function of
// the Chart value.
package chart

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strings"
)

// Kind selects the chart type.
type Kind int

const (
	Bar        Kind = iota // vertical bars, series side by side
	StackedBar             // vertical bars, series stacked
	Line                   // lines over the categories
	RankedBar              // horizontal bars sorted descending by the first series
	Timeline               // scatter of events over time: categories are ISO dates
)

var kindNames = [...]string{
	Bar:        "bar",
	StackedBar: "stacked-bar",
	Line:       "line",
	RankedBar:  "ranked-bar",
	Timeline:   "timeline",
}

// String returns the kind's name as used in data files: "bar",
// "stacked-bar", "line", "ranked-bar", "timeline".
func (k Kind) String() string {
	if k.valid() {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

func (k Kind) valid() bool { return k >= 0 && int(k) < len(kindNames) }

// ParseKind is the inverse of Kind.String.
func ParseKind(s string) (Kind, error) {
	for k, name := range kindNames {
		if s == name {
			return Kind(k), nil
		}
	}
	return 0, fmt.Errorf("chart: unknown kind %q (want one of %s)", s, strings.Join(kindNames[:], ", "))
}

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) {
	if !k.valid() {
		return nil, fmt.Errorf("chart: invalid kind %d", int(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler, so data files can say
// kind = "ranked-bar".
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Value is one cell of a series.
type Value struct {
	V      float64
	OK     bool   // false = no data for this cell (V and Approx are ignored)
	Approx string // qualifier of an approximate figure: "hơn", "gần", or "" (exact)
}

// Series is one named row of values, one per category.
type Series struct {
	Name   string
	Values []Value // len(Values) == len(Categories)
}

// Source names where the numbers come from.
type Source struct {
	Label string
	URL   string // absolute http(s) or site-relative; may be empty
}

// Chart describes one chart.
type Chart struct {
	ID          string // deterministic, [a-z0-9-]; used as the DOM id "chart-"+ID
	Title       string
	Description string // for ECharts aria and the table caption; say what it shows in words
	Unit        string // "tỷ đồng", "người", "%", "hội viên"
	Kind        Kind
	Categories  []string
	Series      []Series
	Sources     []Source
	// MoreSources counts sources left out of Sources, to keep a chart of
	// hundreds of cited figures readable: the caption ends "và N nguồn
	// khác" (and N more).
	MoreSources int

	// CategoryLabel heads the category column of Table ("Năm", "Tỉnh").
	// Empty means "Thời gian" for Timeline and "Hạng mục" otherwise.
	CategoryLabel string
	// Height of the chart container in CSS pixels; 0 picks a default that
	// suits the kind (RankedBar grows with the number of bars).
	Height int
}

// Validate reports structural problems: empty or malformed id, missing
// description, unknown kind, no categories or series, unnamed or duplicate
// series, length mismatches, non-finite numbers, Timeline categories that
// are not ISO dates, sources without a label or with an unsafe URL. All
// problems are reported, joined.
func (c Chart) Validate() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("chart %q: "+format, append([]any{c.ID}, args...)...))
	}
	switch {
	case c.ID == "":
		bad("empty ID")
	case strings.ContainsFunc(c.ID, func(r rune) bool { return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-') }):
		bad("ID must use only a-z, 0-9 and '-'")
	}
	if strings.TrimSpace(c.Description) == "" {
		bad("empty Description: say in words what the chart shows (screen readers read it)")
	}
	if !c.Kind.valid() {
		bad("unknown Kind %d", int(c.Kind))
	}
	if c.Height < 0 {
		bad("negative Height %d", c.Height)
	}
	if len(c.Categories) == 0 {
		bad("no Categories")
	}
	if c.Kind == Timeline {
		for i, cat := range c.Categories {
			if _, ok := parseISODate(cat); !ok {
				bad("Timeline category %d is %q, want an ISO date 2006, 2006-01 or 2006-01-02", i, cat)
			}
		}
	}
	if len(c.Series) == 0 {
		bad("no Series")
	}
	seen := map[string]bool{}
	for i, s := range c.Series {
		switch {
		case strings.TrimSpace(s.Name) == "":
			bad("series %d has no Name", i)
		case seen[s.Name]:
			bad("series name %q is used twice", s.Name)
		}
		seen[s.Name] = true
		if len(s.Values) != len(c.Categories) {
			bad("series %q has %d values for %d categories", s.Name, len(s.Values), len(c.Categories))
		}
		for j, v := range s.Values {
			if v.OK && (math.IsNaN(v.V) || math.IsInf(v.V, 0)) {
				bad("series %q value %d is %v", s.Name, j, v.V)
			}
		}
	}
	if c.MoreSources < 0 {
		bad("MoreSources is %d", c.MoreSources)
	}
	for i, src := range c.Sources {
		if strings.TrimSpace(src.Label) == "" {
			bad("source %d has no Label", i)
		}
		if src.URL != "" && !safeURL(src.URL) {
			bad("source %q: URL %q must be http(s) or site-relative", src.Label, src.URL)
		}
	}
	return errors.Join(errs...)
}

// safeURL accepts http, https and scheme-less (site-relative) URLs.
func safeURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
		return true
	}
	return false
}

// ordered returns c with categories in display order: for RankedBar sorted
// descending by the first series (gaps last, ties in input order), otherwise
// c itself. The input slices are not modified.
func (c Chart) ordered() Chart {
	if c.Kind != RankedBar || len(c.Series) == 0 || len(c.Series[0].Values) != len(c.Categories) {
		return c
	}
	idx := make([]int, len(c.Categories))
	for i := range idx {
		idx[i] = i
	}
	key := c.Series[0].Values
	// Insertion sort: stable and fine for the few dozen bars a chart has.
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && before(key[idx[j]], key[idx[j-1]]); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	out := c
	out.Categories = make([]string, len(idx))
	for i, k := range idx {
		out.Categories[i] = c.Categories[k]
	}
	out.Series = make([]Series, len(c.Series))
	for si, s := range c.Series {
		out.Series[si] = Series{Name: s.Name, Values: make([]Value, len(idx))}
		for i, k := range idx {
			if k < len(s.Values) {
				out.Series[si].Values[i] = s.Values[k]
			}
		}
	}
	return out
}

// before reports whether a ranks strictly above b: larger first, gaps last.
func before(a, b Value) bool {
	if a.OK != b.OK {
		return a.OK
	}
	return a.OK && a.V > b.V
}

// unitSuffix is what follows a number: " tỷ đồng", "%" or "".
func (c Chart) unitSuffix() string {
	switch u := strings.TrimSpace(c.Unit); u {
	case "":
		return ""
	case "%":
		return "%"
	default:
		return " " + u
	}
}
