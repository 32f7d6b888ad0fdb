package chart

import (
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// The templates snippetData.html and Table.HTML replaced, kept as their
// oracles: html/template escapes each value for where it stands.
var snippetTmpl = template.Must(template.New("snippet").Parse(
	`<figure class="chart-figure">
<div id="{{.DOMID}}" class="chart" role="img" aria-label="{{.Label}}" style="width: 100%; height: {{.Height}}px;"></div>
<script>{{.Script}}</script>
{{- if or .Title .Unit .Sources}}
<figcaption>
{{- with .Title}}<span class="chart-title">{{.}}</span>{{end}}
{{- with .Unit}} <span class="chart-unit">(Đơn vị: {{.}})</span>{{end}}
{{- with .Sources}} <span class="chart-sources">Nguồn:
{{- range $i, $s := .}}{{if $i}};{{end}} {{if $s.URL}}<a href="{{$s.URL}}">{{$s.Label}}</a>{{else}}{{$s.Label}}{{end}}{{end -}}
{{- with $.MoreSources}} và {{.}} nguồn khác{{end -}}
</span>{{end -}}
</figcaption>
{{- end}}
</figure>`))

var tableTmpl = template.Must(template.New("table").Parse(
	`<table class="chart-table">
{{- with .Caption}}<caption>{{.}}</caption>{{end}}
<thead><tr>{{range .Header}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Rows}}
<tr>{{range $i, $c := .}}{{if eq $i 0}}<th scope="row">{{$c}}</th>{{else}}<td class="num">{{$c}}</td>{{end}}{{end}}</tr>
{{- end}}
</tbody></table>`))

func templateSnippet(t *testing.T, d snippetData) string {
	t.Helper()
	data := struct {
		DOMID, Label, Title, Unit string
		Height                    int
		Sources                   []Source
		MoreSources               string
		Script                    template.JS
	}{d.DOMID, d.Label, d.Title, d.Unit, d.Height, d.Sources, d.MoreSources, template.JS(d.Script)}
	var b strings.Builder
	if err := snippetTmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func templateTable(t *testing.T, tb Table) string {
	t.Helper()
	var b strings.Builder
	if err := tableTmpl.Execute(&b, tb); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// hostileText returns a short string of the characters html/template
// escapes or percent-encodes, Vietnamese, bad UTF-8 and URL schemes.
func hostileText(rng *rand.Rand) string {
	pieces := []string{"", "a", "Hòa Bình", "đ", "\x00", "\"", "'", "&", "&amp;", "+", "<", ">", "<b>", " ", "%", "%41", "%zz",
		"%4", "/", ":", "http:", "https://a.b/c?d=1&e=2#f", "javascript:alert(1)", "JaVaScRiPt:", "mailto:x@y", "data:x", "//x",
		"/tin-tuc/a/", "\xff", "\xe1\xbb", "\ufdd0", "\ufffe", "(", ")", "#", "?", "=", "~", "\t", "\n", "\u2028"}
	var b strings.Builder
	for range rng.IntN(5) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

func TestSnippetHTMLMatchesTemplate(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var ds []snippetData
	for _, c := range fixtures() {
		ds = append(ds, snippetData{DOMID: c.DOMID(), Label: c.Description, Title: c.Title, Unit: c.Unit, Height: c.height(), Sources: c.Sources, Script: "var x = 1;"})
	}
	for range 20000 {
		d := snippetData{DOMID: hostileText(rng), Label: hostileText(rng), Title: hostileText(rng), Unit: hostileText(rng),
			Height: rng.IntN(2000), MoreSources: hostileText(rng), Script: "f(1 < 2);"}
		for range rng.IntN(4) {
			d.Sources = append(d.Sources, Source{Label: hostileText(rng), URL: hostileText(rng)})
		}
		ds = append(ds, d)
	}
	for _, d := range ds {
		if got, want := d.html(), templateSnippet(t, d); got != want {
			t.Fatalf("%+v:\n%q\nhtml/template:\n%q", d, got, want)
		}
	}
}

func TestTableHTMLMatchesTemplate(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var tbs []Table
	for _, c := range fixtures() {
		tbs = append(tbs, c.Table())
	}
	for range 20000 {
		tb := Table{Caption: hostileText(rng)}
		for range rng.IntN(4) {
			tb.Header = append(tb.Header, hostileText(rng))
		}
		for range rng.IntN(4) {
			var row []string
			for range rng.IntN(4) {
				row = append(row, hostileText(rng))
			}
			tb.Rows = append(tb.Rows, row)
		}
		tbs = append(tbs, tb)
	}
	for _, tb := range tbs {
		if got, want := string(tb.HTML()), templateTable(t, tb); got != want {
			t.Fatalf("%+v:\n%q\nhtml/template:\n%q", tb, got, want)
		}
	}
}

func FuzzSnippetHTML(f *testing.F) {
	f.Add("chart-a", "Quỹ <b>", "https://a.b/c d", "Báo & \"x\"", "+1")
	f.Add("x", "", "javascript:1", "", "")
	f.Fuzz(func(t *testing.T, id, title, url, label, more string) {
		d := snippetData{DOMID: id, Label: label, Title: title, Unit: more, Height: 360, MoreSources: more,
			Sources: []Source{{Label: label, URL: url}, {Label: title}}, Script: "f();"}
		if got, want := d.html(), templateSnippet(t, d); got != want {
			t.Fatalf("%+v:\n%q\nhtml/template:\n%q", d, got, want)
		}
	})
}
