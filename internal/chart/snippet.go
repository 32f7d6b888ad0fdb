package chart

import (
	"fmt"
	"html/template"
	"strings"
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
// Long category names on a vertical category axis (ranked bars) wrap
// within about a third of the width, so a 360 px phone keeps room for bars.
function fit(w) {
var timeline = [].concat(option.xAxis || []).some(function (a) { return a && a.type === "time"; });
[].concat(option.yAxis || []).forEach(function (a) {
// A timeline counts events: no fractions of a meeting on its axis.
if (a && timeline && a.type === "value") { a.minInterval = 1; }
if (a && a.type === "category") {
a.axisLabel = Object.assign({}, a.axisLabel, {width: Math.max(80, Math.round(w * 0.35)), overflow: "break", lineHeight: 14});
}
});
}
function draw() {
var el = document.getElementById(%[1]s);
if (!el || typeof echarts === "undefined") { return; }
var chart = echarts.getInstanceByDom(el) || echarts.init(el, null, {renderer: "svg", locale: "VI"});
fit(el.clientWidth);
chart.setOption(option);
window.addEventListener("resize", function () { fit(el.clientWidth); chart.setOption(option); chart.resize(); });
}
if (document.readyState === "loading") {
document.addEventListener("DOMContentLoaded", draw);
} else {
draw();
}
})();`

var snippetTmpl = template.Must(template.New("snippet").Parse(
	`<figure class="chart-figure">
<div id="{{.DOMID}}" class="chart" role="img" aria-label="{{.Label}}" style="width: 100%; height: {{.Height}}px;"></div>
{{- if or .Title .Unit .Sources}}
<figcaption>
{{- with .Title}}<span class="chart-title">{{.}}</span>{{end}}
{{- with .Unit}} <span class="chart-unit">(Đơn vị: {{.}})</span>{{end}}
{{- with .Sources}} <span class="chart-sources">Nguồn:
{{- range $i, $s := .}}{{if $i}};{{end}} {{if $s.URL}}<a href="{{$s.URL}}">{{$s.Label}}</a>{{else}}{{$s.Label}}{{end}}{{end -}}
</span>{{end -}}
</figcaption>
{{- end}}
<script>{{.Script}}</script>
</figure>`))

// Snippet returns the chart as HTML to place in a page body: a
// <figure class="chart-figure"> with the container
// <div id="chart-ID" class="chart" role="img" aria-label="Description">
// (width 100%, fixed height), a figcaption with the title, unit and sources
// (links as given: site-relative or absolute), and an inline <script> that
// calls echarts.init(el, null, {renderer: 'svg', locale: 'VI'}), sets the
// option and resizes the chart with the window.
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
	if l := strings.ToLower(js); strings.Contains(l, "</script") || strings.Contains(l, "<!--") {
		return "", fmt.Errorf("chart %q: internal error: script would not be inert HTML", c.ID)
	}
	data := struct {
		DOMID, Label, Title, Unit string
		Height                    int
		Sources                   []Source
		Script                    template.JS
	}{
		DOMID:   c.DOMID(),
		Label:   strings.TrimSpace(c.Description),
		Title:   strings.TrimSpace(c.Title),
		Unit:    strings.TrimSpace(c.Unit),
		Height:  c.height(),
		Sources: c.Sources,
		Script:  template.JS(js),
	}
	var b strings.Builder
	if err := snippetTmpl.Execute(&b, data); err != nil {
		return "", fmt.Errorf("chart %q: %w", c.ID, err)
	}
	return template.HTML(b.String()), nil
}
