package chart

import (
	"bytes"
	"encoding/csv"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/tmplexec"
)

// Table is the chart's numbers as a table model for an accessible HTML
// <table>: Header is the header row (category column first), Rows hold one
// row per category, the category in the first cell. Cells are formatted
// vi-VN as in the chart ("3.007.923", "12,5", "hơn 450"); a gap is "—".
type Table struct {
	Caption string
	Header  []string
	Rows    [][]string
}

// Missing is the text of a table cell without data.
const Missing = "—"

// Table returns the chart's numbers as a table model. The unit goes into the
// series headers ("Tổng quỹ (tỷ đồng)"), not into the cells; Timeline dates
// are shown Vietnamese-style (12/05/2024, 05/2024, 2024); RankedBar rows are
// in chart order (descending). Table does not validate: call Validate first;
// missing cells of short series are shown as gaps.
func (c Chart) Table() Table {
	c = c.ordered()
	t := Table{Caption: strings.TrimSpace(c.Description)}
	if t.Caption == "" {
		t.Caption = c.Title
	}
	catLabel := c.CategoryLabel
	if catLabel == "" {
		catLabel = "Hạng mục"
		if c.Kind == Timeline {
			catLabel = "Thời gian"
		}
	}
	t.Header = append(t.Header, catLabel)
	unit := strings.TrimSpace(c.Unit)
	for _, s := range c.Series {
		h := s.Name
		// "Học bổng (suất)" already says its unit.
		if unit != "" && !strings.HasSuffix(h, "("+unit+")") {
			h += " (" + unit + ")"
		}
		t.Header = append(t.Header, h)
	}
	for i, cat := range c.Categories {
		row := make([]string, 0, 1+len(c.Series))
		row = append(row, c.categoryLabel(cat))
		for _, s := range c.Series {
			cell := Missing
			if i < len(s.Values) && s.Values[i].OK {
				cell = withApprox(s.Values[i].Approx, FormatNumber(s.Values[i].V))
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// categoryLabel is how a category is shown to readers.
func (c Chart) categoryLabel(cat string) string {
	if c.Kind == Timeline {
		if l, ok := parseISODate(cat); ok {
			return l
		}
	}
	return cat
}

func withApprox(q, num string) string {
	if q = strings.TrimSpace(q); q != "" {
		return q + " " + num
	}
	return num
}

// HTML renders the table as a <table class="chart-table"> with a caption,
// column headers and row headers (the categories); number cells have
// class "num" so CSS can right-align them.
func (t Table) HTML() template.HTML {
	var b bytes.Buffer
	b.WriteString(`<table class="chart-table">`)
	if t.Caption != "" {
		b.WriteString(`<caption>`)
		tmplexec.EscapeText(&b, t.Caption)
		b.WriteString(`</caption>`)
	}
	b.WriteString("\n<thead><tr>")
	for _, h := range t.Header {
		b.WriteString(`<th scope="col">`)
		tmplexec.EscapeText(&b, h)
		b.WriteString(`</th>`)
	}
	b.WriteString("</tr></thead>\n<tbody>")
	for _, row := range t.Rows {
		b.WriteString("\n<tr>")
		for i, c := range row {
			if i == 0 {
				b.WriteString(`<th scope="row">`)
				tmplexec.EscapeText(&b, c)
				b.WriteString(`</th>`)
				continue
			}
			b.WriteString(`<td class="num">`)
			tmplexec.EscapeText(&b, c)
			b.WriteString(`</td>`)
		}
		b.WriteString("</tr>")
	}
	b.WriteString("\n</tbody></table>")
	return template.HTML(b.String()) //nolint:gosec // every text escaped
}

// CSV returns the chart's data as CSV: UTF-8 without BOM, comma-separated,
// "\n" line ends, header "category,<series names...>", one row per category
// (raw category text, e.g. ISO dates; RankedBar in chart order), numbers in
// plain notation with '.' as decimal point, gaps empty. A series with any
// approximate value gets an extra column "<series> (ước lượng)" right after
// it holding the qualifier ("hơn", "gần") or "" for exact values.
func (c Chart) CSV() []byte {
	c = c.ordered()
	approx := make([]bool, len(c.Series))
	header := []string{"category"}
	for si, s := range c.Series {
		header = append(header, s.Name)
		for _, v := range s.Values {
			if v.OK && strings.TrimSpace(v.Approx) != "" {
				approx[si] = true
				header = append(header, s.Name+" (ước lượng)")
				break
			}
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(header) // writes to a bytes.Buffer cannot fail
	for i, cat := range c.Categories {
		row := []string{cat}
		for si, s := range c.Series {
			num, q := "", ""
			if i < len(s.Values) && s.Values[i].OK {
				num = strconv.FormatFloat(s.Values[i].V, 'f', -1, 64)
				q = strings.TrimSpace(s.Values[i].Approx)
			}
			row = append(row, num)
			if approx[si] {
				row = append(row, q)
			}
		}
		_ = w.Write(row)
	}
	w.Flush()
	return buf.Bytes()
}

// FormatNumber formats v like JavaScript's new Intl.NumberFormat('vi-VN')
// does with its defaults, which the chart's tooltips and axis labels use:
// '.' groups thousands, ',' is the decimal mark, at most three decimals,
// rounded half away from zero on the shortest decimal form of v.
// 3007923 → "3.007.923", 12.5 → "12,5", -0.25 → "-0,25".
func FormatNumber(v float64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	ip, fp, _ := strings.Cut(s, ".")
	if len(fp) > 3 {
		up := fp[3] >= '5'
		fp = fp[:3]
		if up {
			ip, fp = roundUp(ip, fp)
		}
	}
	fp = strings.TrimRight(fp, "0")
	out := groupThousands(ip)
	if fp != "" {
		out += "," + fp
	}
	if neg {
		out = "-" + out
	}
	return out
}

// roundUp adds one unit in the last place of the decimal ip.fp.
func roundUp(ip, fp string) (string, string) {
	d := []byte(ip + fp)
	i := len(d) - 1
	for ; i >= 0; i-- {
		if d[i] == '9' {
			d[i] = '0'
			continue
		}
		d[i]++
		break
	}
	if i < 0 {
		d = append([]byte{'1'}, d...)
	}
	n := len(d) - len(fp)
	return string(d[:n]), string(d[n:])
}

func groupThousands(d string) string {
	if len(d) <= 3 {
		return d
	}
	var b bytes.Buffer
	head := len(d) % 3
	if head > 0 {
		b.WriteString(d[:head])
	}
	for i := head; i < len(d); i += 3 {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(d[i : i+3])
	}
	return b.String()
}

// parseISODate accepts "2006", "2006-01" and "2006-01-02" and returns the
// Vietnamese display form "2006", "01/2006", "02/01/2006".
func parseISODate(s string) (string, bool) {
	layouts := []struct{ in, out string }{
		{"2006-01-02", "02/01/2006"},
		{"2006-01", "01/2006"},
		{"2006", "2006"},
	}
	for _, l := range layouts {
		if len(s) != len(l.in) {
			continue
		}
		t, err := time.Parse(l.in, s)
		if err != nil {
			return "", false
		}
		return t.Format(l.out), true
	}
	return "", false
}
