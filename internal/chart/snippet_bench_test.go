package chart

import (
	"fmt"
	"testing"
)

// benchChart is a ranked bar chart the size of a cluster's fund chart on a
// large site: one bar per reported figure.
func benchChart(n int) Chart {
	c := Chart{
		ID: "cum-bench", Title: "Quỹ khuyến học trong cụm", Unit: "tỷ đồng", Kind: RankedBar,
		Description:   "Quỹ khuyến học vận động được theo số liệu công bố.",
		CategoryLabel: "Đơn vị, thời kỳ",
		Series:        []Series{{Name: "Vận động được"}},
		Sources:       []Source{{Label: "Báo Giáo dục và Thời đại, 18/8/2022", URL: "/tin-tuc/a/"}},
	}
	for i := range n {
		c.Categories = append(c.Categories, fmt.Sprintf("Tỉnh %d (năm %d)", i, 2016+i%9))
		v := Value{V: float64(i*37%500) + 0.5, OK: true}
		if i%4 == 0 {
			v.Approx = "hơn"
		}
		c.Series[0].Values = append(c.Series[0].Values, v)
	}
	return c
}

// BenchmarkChartSnippet builds what a page shows for one chart: the
// ECharts snippet, the accessible table and the CSV download.
func BenchmarkChartSnippet(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			c := benchChart(n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Snippet(c); err != nil {
					b.Fatal(err)
				}
				_ = c.Table().HTML()
				_ = c.CSV()
			}
		})
	}
}
