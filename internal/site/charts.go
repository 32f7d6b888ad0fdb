package site

import (
	"cmp"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strconv"

	"github.com/khuyenhoc/khuyenhoc/internal/chart"
	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/data"
	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// ChartView is a chart with the table behind it and its data download.
type ChartView struct {
	ID      string
	Title   string
	Snippet template.HTML
	Table   template.HTML
	Sources []SourceView
	// MoreSources is how many sources are not in Sources ("" for none),
	// written for readers ("245"); DatasetURL is the dataset page that
	// names the source of every figure, "" when the chart mixes datasets.
	MoreSources string
	DatasetURL  string
	CSVURL      string

	// chart is what Snippet and Table are made from (filled), and the
	// CSV download (csv).
	chart *chart.Chart
}

// filled returns the chart with its snippet and table made, as layouts
// show it.
func (cv ChartView) filled() ChartView {
	snippet, err := chart.Snippet(*cv.chart)
	if err != nil {
		panic(fmt.Sprintf("chart %s: %v", cv.ID, err))
	}
	cv.Snippet, cv.Table = snippet, cv.chart.Table().HTML()
	return cv
}

// csv is the chart's data download, made only when it is written.
func (cv ChartView) csv() []byte { return cv.chart.CSV() }

func filledAll(cs []ChartView) []ChartView {
	for i := range cs {
		cs[i] = cs[i].filled()
	}
	return cs
}

func chartCSVURL(id string) string { return "/du-lieu/bieu-do/" + id + ".csv" }

// plot gathers figures into a chart: each figure lands in one category and
// one series. Figures for different periods are never added up; where two
// figures fall in one cell, the later (newer) one is kept.
type plot struct {
	chart.Chart
	scale   float64 // divide values by this (1e9 for tỷ đồng)
	figs    []figure
	catKey  func(figure) string
	serKey  func(figure) string
	sortCat func(a, b string) int
}

func (s *Site) render(p plot) (ChartView, bool) {
	if len(p.figs) == 0 {
		return ChartView{}, false
	}
	var cats, sers []string
	cell := map[[2]string]figure{}
	for _, f := range p.figs {
		c, se := p.catKey(f), p.serKey(f)
		if !slices.Contains(cats, c) {
			cats = append(cats, c)
		}
		if !slices.Contains(sers, se) {
			sers = append(sers, se)
		}
		cell[[2]string{c, se}] = f
	}
	if p.sortCat != nil {
		slices.SortStableFunc(cats, p.sortCat)
	}
	// A chart of one number says nothing the figures table does not.
	if len(cell) < 2 {
		return ChartView{}, false
	}
	c := p.Chart
	c.Categories = cats
	var sourceIDs []string
	for _, se := range sers {
		series := chart.Series{Name: se}
		for _, cat := range cats {
			f, ok := cell[[2]string{cat, se}]
			if !ok {
				series.Values = append(series.Values, chart.Value{})
				continue
			}
			series.Values = append(series.Values, chart.Value{V: f.N / p.scale, OK: true, Approx: string(f.Q)})
			if f.Source != "" && !slices.Contains(sourceIDs, f.Source) {
				sourceIDs = append(sourceIDs, f.Source)
			}
		}
		c.Series = append(c.Series, series)
	}
	if c.Description == "" {
		c.Description = describe(c)
	}
	more := max(0, len(sourceIDs)-maxChartSources)
	sourceIDs = sourceIDs[:len(sourceIDs)-more]
	var views []SourceView
	for _, id := range sourceIDs {
		sv := s.sourceView(id)
		views = append(views, sv)
		src := chart.Source{Label: sv.Label(), URL: sv.URL}
		if sv.Article != nil {
			src.URL = s.Config.RelURL(sv.Article.URL)
		}
		c.Sources = append(c.Sources, src)
	}
	c.MoreSources = more
	cv := chartView(c, views)
	if more > 0 {
		cv.MoreSources = viet.FormatInt(int64(more))
		cv.DatasetURL = datasetOf(p.figs)
	}
	return cv, true
}

// maxChartSources is how many sources a chart names under it; a chart of
// a large site can cite hundreds, each named again beside its figure in
// the dataset.
const maxChartSources = 5

// datasetOf returns the page of the dataset all the figures come from, or
// "" when they come from several.
func datasetOf(figs []figure) string {
	for _, f := range figs {
		if f.Table != figs[0].Table {
			return ""
		}
	}
	return datasetURL(figs[0].Table)
}

// describe says in words what a chart shows, for screen readers and the
// table caption: how many figures, and the largest.
func describe(c chart.Chart) string {
	n, best, bc, bs := 0, -1.0, 0, 0
	for si, s := range c.Series {
		for ci, v := range s.Values {
			if v.OK {
				n++
				if v.V > best {
					best, bc, bs = v.V, ci, si
				}
			}
		}
	}
	text := fmt.Sprintf("%s: %d số liệu", c.Title, n)
	if n > 0 {
		who := c.Categories[bc]
		if len(c.Series) > 1 {
			who = c.Series[bs].Name + ", " + who
		}
		v := c.Series[bs].Values[bc]
		num := viet.FormatDecimal(v.V, 2)
		if v.Approx != "" {
			num = v.Approx + " " + num
		}
		text += fmt.Sprintf("; lớn nhất là %s với %s %s", who, num, c.Unit)
	}
	return text + "."
}

func byYear(a, b string) int { return cmp.Compare(a, b) }

func yearOf(f figure) string { return strconv.Itoa(f.Year) }

func unitWithPeriod(f figure) string { return f.Unit.Name() + " (" + f.PeriodLabel() + ")" }

func keep(figs []figure, ok func(figure) bool) []figure {
	var out []figure
	for _, f := range figs {
		if ok(f) {
			out = append(out, f)
		}
	}
	return out
}

// latestPer keeps, per key, the figure with the latest reference date.
func latestPer(figs []figure, key func(figure) string) []figure {
	best := map[string]figure{}
	var order []string
	for _, f := range figs {
		k := key(f)
		b, ok := best[k]
		if !ok {
			order = append(order, k)
		}
		if !ok || !f.RefDate().Before(b.RefDate()) {
			best[k] = f
		}
	}
	out := make([]figure, len(order))
	for i, k := range order {
		out[i] = best[k]
	}
	return out
}

// fundRanking ranks the money raised for the fund, one bar per reported
// figure, labelled with its period: figures for different periods cannot
// be added up.
func (s *Site) fundRanking(id, title string, figs []figure) (ChartView, bool) {
	return s.render(plot{
		Chart: chart.Chart{ID: id, Title: title, Unit: "tỷ đồng", Kind: chart.RankedBar, CategoryLabel: "Đơn vị, thời kỳ"},
		scale: 1e9, figs: keep(figs, isFund),
		catKey: unitWithPeriod, serKey: func(figure) string { return "Vận động được" },
	})
}

// clusterFunds shows a cluster's fund year by year, stacked by the
// provinces that were its members at the time; a year the cluster reported
// as a whole shows that total instead.
func (s *Site) clusterFunds(c *ClusterView, figs []figure) (ChartView, bool) {
	funds := keep(figs, isFund)
	whole := map[int]bool{}
	for _, f := range funds {
		if f.Unit.Cluster != nil {
			whole[f.Year] = true
		}
	}
	funds = keep(funds, func(f figure) bool { return f.Unit.Cluster != nil || !whole[f.Year] })
	return s.render(plot{
		Chart: chart.Chart{ID: "cum-" + c.ID + "-quy-theo-nam", Title: "Quỹ khuyến học theo năm, " + c.Label(),
			Unit: "tỷ đồng", Kind: chart.StackedBar, CategoryLabel: "Năm"},
		scale: 1e9, figs: funds, catKey: yearOf, sortCat: byYear,
		serKey: func(f figure) string {
			if f.Unit.Cluster != nil {
				return "Toàn cụm"
			}
			return f.Unit.Name()
		},
	})
}

// countsChart groups several count fields of one table by unit.
func (s *Site) countsChart(id, title, unit, table string, fields []string, figs []figure) (ChartView, bool) {
	sel := keep(figs, func(f figure) bool { return f.Table == table && slices.Contains(fields, f.Field) })
	return s.render(plot{
		Chart: chart.Chart{ID: id, Title: title, Unit: unit, Kind: chart.Bar, CategoryLabel: "Đơn vị, thời kỳ"},
		scale: 1, figs: sel, catKey: unitWithPeriod, serKey: func(f figure) string { return f.Label },
	})
}

// learningChart shows learning-model achievement rates by model.
func (s *Site) learningChart(id, title string, figs []figure) (ChartView, bool) {
	sel := keep(figs, func(f figure) bool { return f.Table == "learning_models" && f.Field == "rate" })
	order := data.LearningModels
	return s.render(plot{
		Chart: chart.Chart{ID: id, Title: title, Unit: "%", Kind: chart.Bar, CategoryLabel: "Mô hình"},
		scale: 1, figs: sel, catKey: func(f figure) string { return f.Sub },
		serKey:  unitWithPeriod,
		sortCat: func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) },
	})
}

// A timeline of one series per cluster is read at a glance for a few
// clusters and a few years of meetings. Past these bounds (a national site
// of hundreds of clusters and thousands of meetings) it would be an
// unreadable tangle and a table of dates × clusters, megabytes of HTML on
// the home page, so the meetings are counted by year and kind instead.
const (
	timelineMaxClusters = 12
	timelineMaxDates    = 200
)

// meetingChart shows when the meetings were held: a timeline per cluster
// while that stays readable, else the number of meetings each year.
func (s *Site) meetingChart(id string, meetings []*MeetingView) (ChartView, bool) {
	clusters, dates := map[string]bool{}, map[civil.Date]bool{}
	for _, m := range meetings {
		clusters[m.Cluster.Text], dates[m.Date] = true, true
	}
	if len(clusters) <= timelineMaxClusters && len(dates) <= timelineMaxDates {
		return s.meetingTimeline(id, meetings)
	}
	return s.meetingsByYear(id, meetings, len(clusters))
}

// meetingsByYear counts the meetings of each year, stacked by kind (giao
// ban, sơ kết, tổng kết).
func (s *Site) meetingsByYear(id string, meetings []*MeetingView, clusters int) (ChartView, bool) {
	if len(meetings) == 0 {
		return ChartView{}, false
	}
	count := map[int]map[string]int{}
	first, last := meetings[0].Year, meetings[0].Year
	for _, m := range meetings {
		if count[m.Year] == nil {
			count[m.Year] = map[string]int{}
		}
		count[m.Year][m.Kind]++
		first, last = min(first, m.Year), max(last, m.Year)
	}
	c := chart.Chart{ID: id, Title: "Số hội nghị theo năm", Unit: "hội nghị", Kind: chart.StackedBar, CategoryLabel: "Năm"}
	years := slices.Sorted(maps.Keys(count))
	for _, y := range years {
		c.Categories = append(c.Categories, strconv.Itoa(y))
	}
	for _, kind := range data.MeetingKinds {
		se := chart.Series{Name: "Hội nghị " + kind, Values: make([]chart.Value, len(years))}
		held := false
		for i, y := range years {
			if n := count[y][kind]; n > 0 {
				se.Values[i], held = chart.Value{V: float64(n), OK: true}, true
			}
		}
		if held {
			c.Series = append(c.Series, se)
		}
	}
	c.Description = fmt.Sprintf("%s hội nghị của %s cụm thi đua, từ năm %d đến năm %d, đếm theo năm và theo loại hội nghị.",
		viet.FormatInt(int64(len(meetings))), viet.FormatInt(int64(clusters)), first, last)
	return chartView(c, nil), true
}

// chartView is a chart built from checked data, to be filled before a
// layout shows it: its CSV is made only for the download, its snippet
// (go-echarts, by reflection) only for the page. Filling cannot fail but
// for a bug.
func chartView(c chart.Chart, sources []SourceView) ChartView {
	return ChartView{ID: c.ID, Title: c.Title, Sources: sources, CSVURL: chartCSVURL(c.ID), chart: &c}
}

// meetingTimeline puts every meeting on a time axis, one series per
// cluster, counting the cluster's meetings so far.
func (s *Site) meetingTimeline(id string, meetings []*MeetingView) (ChartView, bool) {
	if len(meetings) == 0 {
		return ChartView{}, false
	}
	c := chart.Chart{ID: id, Title: "Các hội nghị theo thời gian", Unit: "hội nghị", Kind: chart.Timeline,
		CategoryLabel: "Ngày"}
	ordered := slices.Clone(meetings)
	slices.SortStableFunc(ordered, func(a, b *MeetingView) int { return a.Date.Compare(b.Date) })
	var clusters []string
	for _, m := range ordered {
		if !slices.Contains(clusters, m.Cluster.Text) {
			clusters = append(clusters, m.Cluster.Text)
		}
		if d := m.Date.String(); !slices.Contains(c.Categories, d) {
			c.Categories = append(c.Categories, d)
		}
	}
	for _, name := range clusters {
		se := chart.Series{Name: name, Values: make([]chart.Value, len(c.Categories))}
		n := 0
		for _, m := range ordered {
			if m.Cluster.Text == name {
				n++
				se.Values[slices.Index(c.Categories, m.Date.String())] = chart.Value{V: float64(n), OK: true}
			}
		}
		c.Series = append(c.Series, se)
	}
	c.Description = fmt.Sprintf("%s hội nghị của %s cụm thi đua, từ %s đến %s; trục dọc đếm số hội nghị của mỗi cụm tính đến ngày đó.",
		viet.FormatInt(int64(len(ordered))), viet.FormatInt(int64(len(clusters))), ordered[0].DateText, ordered[len(ordered)-1].DateText)
	return chartView(c, nil), true
}

// The charts of a meeting, cluster or province are made when a page
// showing it renders, not kept in its view: at 100 000 articles the
// snippets, tables and CSV files of 5 000 meetings' charts were about
// 100 MB held for the whole build. Each is built once more for its CSV
// download (allCharts), which does not make its snippet.

func (s *Site) meetingCharts(m *MeetingView) []ChartView {
	v := s.views
	return s.chartsFor("hoi-nghi-"+m.ID, v.figuresAt(v.figByMeeting[m.ID]))
}

func (s *Site) clusterCharts(c *ClusterView) []ChartView {
	figs := s.views.clusterFigures(c.Cluster)
	var out []ChartView
	if ch, ok := s.clusterFunds(c, figs); ok {
		out = append(out, ch)
	}
	return append(out, s.chartsFor("cum-"+c.ID, figs)...)
}

func (s *Site) provinceCharts(p *ProvinceView) []ChartView {
	v := s.views
	return s.chartsFor("tinh-"+p.ID, v.figuresAt(v.figByProvince[p.Province]))
}

// withCharts returns p, or when it shows a meeting, cluster or province,
// a copy whose view of it has its charts.
func (s *Site) withCharts(p *Page) *Page {
	if p.PageParts == nil || p.Meeting == nil && p.Cluster == nil && p.Province == nil {
		return p
	}
	pc := *p
	parts := pc.own()
	if p.Meeting != nil {
		m := *p.Meeting
		m.Charts = filledAll(s.meetingCharts(p.Meeting))
		parts.Meeting = &m
	}
	if p.Cluster != nil {
		c := *p.Cluster
		c.Charts = filledAll(s.clusterCharts(p.Cluster))
		parts.Cluster = &c
	}
	if p.Province != nil {
		pr := *p.Province
		pr.Charts = filledAll(s.provinceCharts(p.Province))
		parts.Province = &pr
	}
	return &pc
}

// chartsFor builds the set of charts about some figures: funds, members,
// associations, scholarships and learning models, each only when there is
// data for it.
func (s *Site) chartsFor(prefix string, figs []figure) []ChartView {
	var out []ChartView
	add := func(c ChartView, ok bool) {
		if ok {
			out = append(out, c)
		}
	}
	add(s.fundRanking(prefix+"-quy", "Quỹ khuyến học vận động được", figs))
	add(s.countsChart(prefix+"-hoi-vien", "Hội viên", "hội viên", "members", []string{"members"}, figs))
	add(s.countsChart(prefix+"-ty-le-hoi-vien", "Tỷ lệ hội viên trên dân số", "%", "members", []string{"population_ratio"}, figs))
	// One chart per kind of organisation: 443 associations beside 23.128
	// boards on one axis would hide the smaller bar.
	add(s.countsChart(prefix+"-hoi-cap-xa", "Hội khuyến học cấp xã", "hội", "associations", []string{"associations"}, figs))
	add(s.countsChart(prefix+"-chi-hoi", "Chi hội và ban khuyến học", "đơn vị", "associations", []string{"chapters", "boards"}, figs))
	add(s.countsChart(prefix+"-trung-tam", "Trung tâm học tập cộng đồng", "trung tâm", "associations", []string{"learning_centres"}, figs))
	add(s.countsChart(prefix+"-hoc-bong", "Học bổng, phần thưởng", "suất", "scholarships", []string{"count"}, figs))
	add(s.render(plot{
		Chart: chart.Chart{ID: prefix + "-gia-tri-hoc-bong", Title: "Giá trị học bổng, phần thưởng", Unit: "triệu đồng", Kind: chart.Bar, CategoryLabel: "Đơn vị, thời kỳ"},
		scale: 1e6, figs: keep(figs, func(f figure) bool { return f.Table == "scholarships" && f.Field == "amount" }),
		catKey: unitWithPeriod, serKey: func(figure) string { return "Giá trị" },
	}))
	add(s.learningChart(prefix+"-mo-hinh-hoc-tap", "Tỷ lệ đạt danh hiệu mô hình học tập", figs))
	return out
}

// fundsByCluster totals the fund per cluster and year: the figure the
// cluster reported for itself, or else the sum of its member provinces'
// whole-year figures under that year's boundaries, marked "trên" (at
// least) because provinces without figures are missing from it.
func (s *Site) fundsByCluster(id string, clusters []*ClusterView, figs []figure) (ChartView, bool) {
	var synth []figure
	funds := keep(figs, isFund)
	for _, c := range clusters {
		years := map[int][]figure{}
		var order []int
		for _, f := range funds {
			if inCluster(c.Cluster, f) {
				if _, ok := years[f.Year]; !ok {
					order = append(order, f.Year)
				}
				years[f.Year] = append(years[f.Year], f)
			}
		}
		for _, y := range order {
			fs := years[y]
			if i := slices.IndexFunc(fs, func(f figure) bool { return f.Unit.Cluster != nil }); i >= 0 {
				f := fs[i]
				f.Label = c.Label()
				synth = append(synth, f)
				continue
			}
			// Only whole-year figures add up; a running total ("lũy kế")
			// and a year-to-date figure describe different things.
			fs = keep(fs, func(f figure) bool { return f.Period == "" || f.Period == "cả năm" })
			if len(fs) == 0 {
				continue
			}
			sum := fs[0]
			sum.Label, sum.N, sum.Q = c.Label(), 0, viet.AtLeast
			for _, f := range fs {
				sum.N += f.N
			}
			if len(fs) == 1 {
				sum.Q = fs[0].Q
			}
			synth = append(synth, sum)
		}
	}
	return s.render(plot{
		Chart: chart.Chart{ID: id, Title: "Quỹ khuyến học của các cụm theo năm", Unit: "tỷ đồng", Kind: chart.Bar, CategoryLabel: "Năm"},
		scale: 1e9, figs: synth, catKey: yearOf, sortCat: byYear,
		serKey: func(f figure) string { return f.Label },
	})
}
