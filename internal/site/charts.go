package site

import (
	"html/template"
	"slices"

	"github.com/khuyenhoc/khuyenhoc/internal/chart"
	"github.com/khuyenhoc/khuyenhoc/internal/data"
)

// ChartView is a chart with the table behind it and its data download.
type ChartView struct {
	ID      string
	Title   string
	Snippet template.HTML
	Table   template.HTML
	CSVURL  string
	CSV     []byte
}

func chartCSVURL(id string) string { return "/du-lieu/bieu-do/" + id + ".csv" }

// fundChart ranks the money raised for study promotion by unit, over the
// figures kept by keep. Each bar is one reported figure, labelled with its
// period, because figures for different periods cannot be added up.
func fundChart(id, title string, figs []figure, keep func(f figure) bool, s *Site) (ChartView, bool) {
	var rows []figure
	for _, f := range figs {
		if f.Table == "funds" && f.Amount.Set && f.Label == "Quỹ khuyến học vận động được" && keep(f) {
			rows = append(rows, f)
		}
	}
	if len(rows) == 0 {
		return ChartView{}, false
	}
	c := chart.Chart{
		ID:            id,
		Title:         title,
		Unit:          "tỷ đồng",
		Kind:          chart.RankedBar,
		CategoryLabel: "Đơn vị, thời kỳ",
		Series:        []chart.Series{{Name: "Vận động được"}},
	}
	var sources []string
	for _, f := range rows {
		c.Categories = append(c.Categories, f.Unit.Name()+" ("+f.PeriodLabel()+")")
		c.Series[0].Values = append(c.Series[0].Values, chart.Value{
			V: float64(f.Amount.VND) / 1e9, OK: true, Approx: string(f.Amount.Qual)})
		if !slices.Contains(sources, f.Source) {
			sources = append(sources, f.Source)
		}
	}
	c.Description = describeRanked(c)
	for _, id := range sources {
		sv := s.sourceView(id)
		src := chart.Source{Label: sv.Label(), URL: sv.URL}
		if sv.Article != nil {
			src.URL = s.Config.RelURL(sv.Article.URL)
		}
		c.Sources = append(c.Sources, src)
	}
	return renderChart(c)
}

// describeRanked says in words what a ranked chart shows, for screen
// readers and the table caption.
func describeRanked(c chart.Chart) string {
	best, bi := -1.0, -1
	for i, v := range c.Series[0].Values {
		if v.OK && v.V > best {
			best, bi = v.V, i
		}
	}
	text := c.Title + ": " + itoa(len(c.Categories)) + " số liệu được công bố"
	if bi >= 0 {
		text += "; lớn nhất là " + c.Categories[bi] + " với " + data.Amount{VND: int64(best * 1e9), Qual: qual(c.Series[0].Values[bi].Approx), Set: true}.String()
	}
	return text + "."
}

func renderChart(c chart.Chart) (ChartView, bool) {
	snippet, err := chart.Snippet(c)
	if err != nil {
		// The chart is built from checked data; a failure here is a bug.
		panic(err)
	}
	return ChartView{ID: c.ID, Title: c.Title, Snippet: snippet, Table: c.Table().HTML(),
		CSVURL: chartCSVURL(c.ID), CSV: c.CSV()}, true
}
