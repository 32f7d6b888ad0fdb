package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// Option returns the ECharts option for c, byte-identical for equal charts,
// indented for readable golden files.
//
// The result is the JavaScript object literal that Snippet passes to
// setOption: JSON, except that the formatter entries (tooltip.valueFormatter,
// axisLabel.formatter, series tooltip.valueFormatter) are JavaScript function
// expressions, because vi-VN number formatting needs Intl.NumberFormat.
// Evaluate it as JavaScript, not with JSON.parse. All strings from c are
// JSON-encoded with <, > and & escaped, so the text is safe inside a
// <script> element.
func Option(c Chart) ([]byte, error) {
	return option(c, true)
}

func option(c Chart, indent bool) ([]byte, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	b := newBuilder(c.ordered())
	obj := b.build()
	var out []byte
	var err error
	if indent {
		out, err = json.MarshalIndent(obj, "", "  ")
	} else {
		out, err = json.Marshal(obj)
	}
	if err != nil {
		return nil, fmt.Errorf("chart %q: encoding option: %w", c.ID, err)
	}
	return b.inlineFuncs(out)
}

// builder assembles the go-echarts chart and remembers the JavaScript
// functions it used, so they can be turned from JSON strings into code.
type builder struct {
	c     Chart
	funcs []string // JavaScript sources, as given to opts.FuncOpts
}

func newBuilder(c Chart) *builder { return &builder{c: c} }

// fn registers a JavaScript function expression (no newlines or tabs) and
// returns it as a go-echarts function option.
func (b *builder) fn(js string) types.FuncStr {
	b.funcs = append(b.funcs, js)
	return funcOpts(js)
}

// funcOpts is opts.FuncOpts for a function without newlines or tabs,
// which that removes with a regular expression, a fifth of building an
// option (TestFuncOptsMatchesGoEcharts).
func funcOpts(js string) types.FuncStr {
	return types.FuncStr(funcMarker + js + funcMarker)
}

// funcMarker is what go-echarts puts around a function in its JSON.
const funcMarker = "__f__"

// inlineFuncs replaces each registered function's JSON string (go-echarts
// marks it "__f__...__f__") with the function source itself. Only exact,
// complete string values are replaced, so text in the chart that happens to
// contain the marker stays a string.
func (b *builder) inlineFuncs(out []byte) ([]byte, error) {
	done := map[string]bool{}
	for _, js := range b.funcs {
		if done[js] {
			continue
		}
		done[js] = true
		quoted, err := json.Marshal(string(funcOpts(js)))
		if err != nil {
			return nil, err
		}
		if !bytes.Contains(out, quoted) {
			return nil, fmt.Errorf("chart %q: internal error: formatter not found in option", b.c.ID)
		}
		out = bytes.ReplaceAll(out, quoted, []byte(js))
	}
	return out, nil
}

// jsString returns s as a JavaScript string literal that is also safe inside
// a <script> element (json.Marshal escapes <, >, &, U+2028 and U+2029).
func jsString(s string) string {
	q, _ := json.Marshal(s) // marshalling a string cannot fail
	return string(q)
}

// The formatters. They avoid <, > and & so the option never contains markup
// characters outside JSON-escaped strings; a value that is not a finite
// number (ECharts passes '-' for gaps) is shown as "—".
const (
	jsNumberFormat = `new Intl.NumberFormat('vi-VN')`
	jsNotNumber    = `typeof v !== 'number' || !isFinite(v)`
)

// axisFormatter formats value-axis labels: "450 tỷ đồng", "45%", and, when
// the data reach millions, "3,5 triệu hội viên" (see axisScale); 0 is
// always "0" plus the unit.
func (b *builder) axisFormatter() types.FuncStr {
	unit := jsString(b.c.unitSuffix())
	div, word := b.axisScale()
	if div == 1 {
		return b.fn(fmt.Sprintf(`function (v) { return %s.format(v) + %s; }`, jsNumberFormat, unit))
	}
	return b.fn(fmt.Sprintf(`function (v) { if (v === 0) { return '0' + %s; } return %s.format(v / %d) + %s; }`,
		unit, jsNumberFormat, div, jsString(" "+word+b.c.unitSuffix())))
}

// axisScale picks the Vietnamese scale word for value-axis labels from the
// largest bar, stack or point, so that long numbers do not eat a narrow
// screen: tỷ from 10⁹, triệu from 10⁶, else none. Units that already carry
// a scale ("tỷ đồng", "triệu đồng") are never scaled again.
func (b *builder) axisScale() (int, string) {
	unit := strings.ToLower(strings.TrimSpace(b.c.Unit))
	for _, w := range []string{"nghìn", "ngàn", "triệu", "tỷ", "tỉ"} {
		if strings.HasPrefix(unit, w) {
			return 1, ""
		}
	}
	var top float64
	for i := range b.c.Categories {
		var pos, neg float64
		for _, s := range b.c.Series {
			if i >= len(s.Values) || !s.Values[i].OK {
				continue
			}
			x := s.Values[i].V
			if b.c.Kind != StackedBar {
				top = max(top, x, -x)
				continue
			}
			if x > 0 {
				pos += x
			} else {
				neg -= x
			}
		}
		top = max(top, pos, neg)
	}
	switch {
	case top >= 1e9:
		return 1e9, "tỷ"
	case top >= 1e6:
		return 1e6, "triệu"
	}
	return 1, ""
}

// valueFormatter formats tooltip values. approx, if not nil, holds the
// qualifier of each data item of one series, by raw data index.
func (b *builder) valueFormatter(approx []string) types.FuncStr {
	if approx == nil {
		return b.fn(fmt.Sprintf(`function (v) { if (%s) { return '—'; } return %s.format(v) + %s; }`,
			jsNotNumber, jsNumberFormat, jsString(b.c.unitSuffix())))
	}
	list, _ := json.Marshal(approx) // []string cannot fail
	return b.fn(fmt.Sprintf(`function (v, i) { var q = %s; if (%s) { return '—'; } return (q[i] ? q[i] + ' ' : '') + %s.format(v) + %s; }`,
		list, jsNotNumber, jsNumberFormat, jsString(b.c.unitSuffix())))
}

// seriesOpts returns the series options shared by all kinds: a per-series
// tooltip formatter when some values of s are approximate.
func (b *builder) seriesOpts(approx []string) []charts.SeriesOpts {
	if approx == nil {
		return nil
	}
	return []charts.SeriesOpts{charts.WithSeriesTooltipOpts(opts.SeriesTooltip{
		ValueFormatter: b.valueFormatter(approx),
	})}
}

// approxList returns the qualifiers of vals (only those kept by keep), or
// nil if none is approximate.
func approxList(vals []Value, keep func(Value) bool) []string {
	var out []string
	some := false
	for _, v := range vals {
		if !keep(v) {
			continue
		}
		q := ""
		if v.OK {
			q = strings.TrimSpace(v.Approx)
		}
		some = some || q != ""
		out = append(out, q)
	}
	if !some {
		return nil
	}
	return out
}

func all(Value) bool       { return true }
func present(v Value) bool { return v.OK }

// cell is the data value ECharts gets for v: the number, or '-' for a gap.
func cell(v Value) any {
	if v.OK {
		return v.V
	}
	return "-"
}

// globalOpts are the options every kind shares.
func (b *builder) globalOpts(trigger string) []charts.GlobalOpts {
	c := b.c
	tooltip := opts.Tooltip{
		Show:           opts.Bool(true),
		Trigger:        trigger,
		ValueFormatter: b.valueFormatter(nil),
	}
	if trigger == "axis" {
		ptr := "line"
		if c.Kind != Line {
			ptr = "shadow"
		}
		tooltip.AxisPointer = &opts.AxisPointer{Type: ptr}
	}
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: "chart-" + c.ID}),
		charts.WithAnimation(false),
		charts.WithAriaOpts(&opts.Aria{
			Enabled: opts.Bool(true),
			Label:   &opts.AriaLabel{Description: strings.TrimSpace(c.Description)},
		}),
		charts.WithTooltipOpts(tooltip),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "40", Top: "20", Bottom: "40", ContainLabel: opts.Bool(true)}),
	}
}

func (b *builder) valueAxisLabel() *opts.AxisLabel {
	return &opts.AxisLabel{Formatter: b.axisFormatter(), HideOverlap: opts.Bool(true)}
}

func categoryAxisLabel() *opts.AxisLabel {
	return &opts.AxisLabel{HideOverlap: opts.Bool(true)}
}

// build returns the option as go-echarts' JSON map.
func (b *builder) build() map[string]any {
	c := b.c
	var base *charts.BaseConfiguration
	switch c.Kind {
	case Bar, StackedBar, RankedBar:
		bar := charts.NewBar()
		g := b.globalOpts("axis")
		if c.Kind == RankedBar {
			g = append(g,
				charts.WithXAxisOpts(opts.XAxis{Type: "value", AxisLabel: b.valueAxisLabel()}),
				// inverse: the first (largest) category at the top.
				charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: categoryAxisLabel()}),
			)
			bar.XYReversal()
		} else {
			g = append(g,
				charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: categoryAxisLabel()}),
				charts.WithYAxisOpts(opts.YAxis{Type: "value", AxisLabel: b.valueAxisLabel()}),
			)
		}
		bar.SetGlobalOptions(g...)
		bar.SetXAxis(c.Categories)
		for _, s := range c.Series {
			data := make([]opts.BarData, len(s.Values))
			for i, v := range s.Values {
				data[i] = opts.BarData{Value: cell(v)}
			}
			so := b.seriesOpts(approxList(s.Values, all))
			if c.Kind == StackedBar {
				so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
			}
			bar.AddSeries(s.Name, data, so...)
		}
		bar.Validate()
		base = &bar.BaseConfiguration

	case Line:
		line := charts.NewLine()
		g := append(b.globalOpts("axis"),
			charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: categoryAxisLabel()}),
			charts.WithYAxisOpts(opts.YAxis{Type: "value", AxisLabel: b.valueAxisLabel()}),
		)
		line.SetGlobalOptions(g...)
		line.SetXAxis(c.Categories)
		for _, s := range c.Series {
			data := make([]opts.LineData, len(s.Values))
			for i, v := range s.Values {
				data[i] = opts.LineData{Value: cell(v)}
			}
			// Symbols on every point so single points between gaps show.
			so := append(b.seriesOpts(approxList(s.Values, all)),
				charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true)}))
			line.AddSeries(s.Name, data, so...)
		}
		line.Validate()
		base = &line.BaseConfiguration

	case Timeline:
		sc := charts.NewScatter()
		g := append(b.globalOpts("item"),
			charts.WithXAxisOpts(opts.XAxis{Type: "time", AxisLabel: categoryAxisLabel()}),
			charts.WithYAxisOpts(opts.YAxis{Type: "value", AxisLabel: b.valueAxisLabel()}),
		)
		sc.SetGlobalOptions(g...)
		for _, s := range c.Series {
			var data []opts.ScatterData
			for i, v := range s.Values {
				if !v.OK {
					continue // no point for a gap
				}
				data = append(data, opts.ScatterData{
					Name:  c.categoryLabel(c.Categories[i]),
					Value: []any{c.Categories[i], v.V},
				})
			}
			so := append(b.seriesOpts(approxList(s.Values, present)),
				// Tooltip shows the value only; the date is the item name.
				charts.WithEncodeOpts(opts.Encode{X: 0, Y: 1, Tooltip: 1}),
				charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 12}))
			sc.AddSeries(s.Name, data, so...)
		}
		sc.Validate()
		base = &sc.BaseConfiguration

	default:
		panic("chart: unreachable kind " + c.Kind.String())
	}
	base.Accept(visitor{kind: c.Kind})
	return base.JSON()
}

// visitor trims go-echarts' output to what the site uses and adds the
// options go-echarts has no field for.
type visitor struct {
	charts.BaseConfigurationVisitor
	kind Kind
}

func (visitor) Visit(obj map[string]any) {
	delete(obj, "title")   // the <figure> has the title
	delete(obj, "toolbox") // unused
}

// VisitTooltipOpt adds confine: keep the tooltip inside the chart on
// narrow (360 px) screens.
func (visitor) VisitTooltipOpt(t opts.Tooltip) any {
	return struct {
		opts.Tooltip
		Confine bool `json:"confine"`
	}{t, true}
}

// VisitXAxis pads the Timeline's time axis so the first and last events
// are not cut in half at the edges.
func (v visitor) VisitXAxis(axes []opts.XAxis) any {
	if v.kind != Timeline {
		return axes
	}
	type padded struct {
		opts.XAxis
		BoundaryGap []string `json:"boundaryGap"`
	}
	out := make([]padded, len(axes))
	for i, a := range axes {
		out[i] = padded{a, []string{"5%", "5%"}}
	}
	return out
}
