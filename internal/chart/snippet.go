package chart

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/tmplexec"
)

// Default container heights in CSS pixels.
const (
	defaultHeight = 360
	minRankHeight = 360
	rankBarHeight = 28 // per category and series in a RankedBar
	rankChrome    = 80 // legend and axis of a RankedBar
)

// height returns the container height in CSS pixels.
func (c Chart) height() int {
	if c.Height > 0 {
		return c.Height
	}
	if c.Kind == RankedBar {
		return max(minRankHeight, rankChrome+rankBarHeight*len(c.Categories)*max(1, len(c.Series)))
	}
	return defaultHeight
}

// DOMID returns the id of the chart's container element, "chart-"+ID.
func (c Chart) DOMID() string { return "chart-" + c.ID }

// script initialises the chart. It runs wherever it is placed in the body:
// if the document is still loading it waits for DOMContentLoaded, by which
// time the page's (non-async) echarts.min.js and langVI.js have run, even if
// they come after the snippet. %[1]s is the container id as a JS string,
// %[2]s the option.
const script = `(function () {
"use strict";
var option = %[2]s;
var legend0 = option.legend && !Array.isArray(option.legend) && Object.assign({}, option.legend);
var grid0 = [].concat(option.grid || []).map(function (g) { return Object.assign({}, g); });
// fit lays the option out for a container w px wide.
function fit(w) {
var timeline = [].concat(option.xAxis || []).some(function (a) { return a && a.type === "time"; });
[].concat(option.yAxis || []).forEach(function (a) {
// A timeline counts events: no fractions of a meeting on its axis.
if (a && timeline && a.type === "value") { a.minInterval = 1; }
// Long category names on a vertical category axis (ranked bars) wrap
// within about a third of the width, so a 360 px phone keeps room for bars.
if (a && a.type === "category") {
a.axisLabel = Object.assign({}, a.axisLabel, {width: Math.max(80, Math.round(w * 0.35)), overflow: "break", lineHeight: 14});
}
});
// Every name of a short horizontal category axis is shown, wrapped to the
// width of its slot (the value axis's labels take up to 40%% of a phone's
// width), rather than hidden when names would overlap.
[].concat(option.xAxis || []).forEach(function (a) {
var n = a && a.type === "category" && a.data ? a.data.length : 0;
if (n > 0 && n <= 12) {
a.axisLabel = Object.assign({}, a.axisLabel, {interval: 0, hideOverlap: false, width: Math.max(40, Math.floor(w * 0.6 / n) - 8), overflow: "break", lineHeight: 14});
}
});
// A legend too long for one line wraps onto up to four lines, and the
// plot makes room for them; a longer one pages.
if (legend0 && legend0.show !== false && Array.isArray(option.series)) {
var names = option.series.reduce(function (sum, s) { return sum + 40 + 7 * String(s.name || "").length; }, 0);
var lines = Math.ceil(names / Math.max(1, w - 24));
var wrap = lines > 1 && lines <= 4;
option.legend = Object.assign({}, legend0, wrap ? {type: "plain"} : {});
option.grid = grid0.map(function (g) {
var b = parseInt(g.bottom, 10);
return wrap && isFinite(b) ? Object.assign({}, g, {bottom: String(b + 22 * (lines - 1))}) : g;
});
}
}
function draw() {
var el = document.getElementById(%[1]s);
if (!el || typeof echarts === "undefined") { return; }
// In dark mode ECharts' dark theme keeps the axis labels, legend and grid
// lines readable on the page's dark background; the page shows through.
var dark = typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches;
if (dark) { option.backgroundColor = "transparent"; }
var chart = echarts.getInstanceByDom(el) || echarts.init(el, dark ? "dark" : null, {renderer: "svg", locale: "VI"});
fit(el.clientWidth);
// notMerge: fit may change the legend's type, which a merge would keep.
chart.setOption(option, true);
// Phones resize the window as the address bar slides: refit only when the
// width changes.
var fitted = el.clientWidth;
window.addEventListener("resize", function () {
chart.resize();
if (el.clientWidth !== fitted) { fitted = el.clientWidth; fit(fitted); chart.setOption(option, true); }
});
}
if (document.readyState === "loading") {
document.addEventListener("DOMContentLoaded", draw);
} else {
draw();
}
})();`

// Snippet returns the chart as HTML to place in a page body: a
// <figure class="chart-figure"> with the container
// <div id="chart-ID" class="chart" role="img" aria-label="Description">
// (width 100%, fixed height), an inline <script> that calls
// echarts.init(el, theme, {renderer: 'svg', locale: 'VI'}) (theme "dark"
// when the reader prefers a dark colour scheme, else null), sets the option
// and resizes the chart with the window, and last a figcaption with the
// title, unit and sources (links as given: site-relative or absolute). The
// figcaption is the figure's last child, as HTML requires of a caption that
// does not come first.
//
// The snippet loads nothing: the page must include
// /vendor/echarts/echarts.min.js and /vendor/echarts/langVI.js once (see
// the package documentation). Drawing twice into the same container (the
// snippet included twice) reuses the instance.
func Snippet(c Chart) (template.HTML, error) {
	opt, err := option(c, false)
	if err != nil {
		return "", err
	}
	js := fmt.Sprintf(script, jsString(c.DOMID()), opt)
	// The option escapes '<' in every string and the formatters contain
	// none; make sure nothing can end the script element early.
	if !inertScript(js) {
		return "", fmt.Errorf("chart %q: internal error: script would not be inert HTML", c.ID)
	}
	data := snippetData{
		DOMID:   c.DOMID(),
		Label:   strings.TrimSpace(c.Description),
		Title:   strings.TrimSpace(c.Title),
		Unit:    strings.TrimSpace(c.Unit),
		Height:  c.height(),
		Sources: c.Sources,
		Script:  js,
	}
	if c.MoreSources > 0 {
		data.MoreSources = FormatNumber(float64(c.MoreSources))
	}
	return template.HTML(data.html()), nil
}

// snippetData is what a snippet shows.
type snippetData struct {
	DOMID, Label, Title, Unit string
	Height                    int
	Sources                   []Source
	MoreSources               string
	Script                    string // inert (inertScript)
}

// html writes the snippet as html/template would, escaping as it does in
// each place (TestSnippetHTMLMatchesTemplate): a figure, the chart's
// container and script, and a caption of title, unit and sources.
func (d snippetData) html() string {
	var b bytes.Buffer
	b.Grow(len(d.Script) + 512)
	b.WriteString(`<figure class="chart-figure">` + "\n" + `<div id="`)
	tmplexec.EscapeText(&b, d.DOMID)
	b.WriteString(`" class="chart" role="img" aria-label="`)
	tmplexec.EscapeText(&b, d.Label)
	b.WriteString(`" style="width: 100%; height: `)
	b.WriteString(strconv.Itoa(d.Height))
	b.WriteString(`px;"></div>` + "\n" + `<script>`)
	b.WriteString(d.Script)
	b.WriteString(`</script>`)
	if d.Title != "" || d.Unit != "" || len(d.Sources) > 0 {
		b.WriteString("\n<figcaption>")
		if d.Title != "" {
			b.WriteString(`<span class="chart-title">`)
			tmplexec.EscapeText(&b, d.Title)
			b.WriteString(`</span>`)
		}
		if d.Unit != "" {
			b.WriteString(` <span class="chart-unit">(Đơn vị: `)
			tmplexec.EscapeText(&b, d.Unit)
			b.WriteString(`)</span>`)
		}
		if len(d.Sources) > 0 {
			b.WriteString(` <span class="chart-sources">Nguồn:`)
			for i, s := range d.Sources {
				if i > 0 {
					b.WriteByte(';')
				}
				b.WriteByte(' ')
				if s.URL == "" {
					tmplexec.EscapeText(&b, s.Label)
					continue
				}
				b.WriteString(`<a href="`)
				tmplexec.EscapeText(&b, tmplexec.URLAttr(s.URL))
				b.WriteString(`">`)
				tmplexec.EscapeText(&b, s.Label)
				b.WriteString(`</a>`)
			}
			if d.MoreSources != "" {
				b.WriteString(` và `)
				tmplexec.EscapeText(&b, d.MoreSources)
				b.WriteString(` nguồn khác`)
			}
			b.WriteString(`</span>`)
		}
		b.WriteString(`</figcaption>`)
	}
	b.WriteString("\n</figure>")
	return b.String()
}

// inertScript reports whether js can stand inside a <script> element:
// nothing in it ends the element ("</script" in any ASCII case, as HTML
// compares tag names) or starts the comment in which "<script" would
// nest one ("<!--"). It looks only at each '<', instead of lowering a
// copy of the whole script.
func inertScript(js string) bool {
	for i := 0; ; i++ {
		j := strings.IndexByte(js[i:], '<')
		if j < 0 {
			return true
		}
		i += j
		rest := js[i+1:]
		if strings.HasPrefix(rest, "!--") || hasPrefixASCIIFold(rest, "/script") {
			return false
		}
	}
}

// hasPrefixASCIIFold reports whether s starts with lower, a lower-case
// ASCII string, in any ASCII case.
func hasPrefixASCIIFold(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for i := range len(lower) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
