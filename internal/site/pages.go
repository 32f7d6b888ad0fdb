package site

import (
	"fmt"
	"html/template"
	"iter"
	"strconv"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/config"
	"github.com/khuyenhoc/khuyenhoc/internal/data"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/history"
)

// Page is one output page: its kind (which layout renders it), its path, and
// whatever that layout needs. Exactly the fields of its kind are set.
type Page struct {
	Kind        string
	Path        string // site path: "/tin-tuc/x/"
	Title       string
	Description string
	Crumbs      []Link
	// Origin is the file the page comes from, for error messages.
	Origin string

	Site *config.Config

	Article   *ArticleView
	Body      template.HTML // the article's rendered Markdown
	Articles  []*ArticleView
	Meeting   *MeetingView
	Meetings  []*MeetingView
	Years     []YearGroup
	ByCluster []ClusterGroup
	Year      int
	Cluster   *ClusterView
	Clusters  []*ClusterView
	Province  *ProvinceView
	Provinces []*ProvinceView
	Former    []*ProvinceView
	Datasets  []DatasetView
	Dataset   *DatasetView
	Headline  []FigureRow
	Charts    []ChartView
	Pager     *Pager
	Feeds     []Feed
	Taxonomy  *Taxonomy
	Term      *Term
	// Image is the picture for link previews (OpenGraph), a site path.
	Image string
}

// HasCharts tells the layout to load ECharts.
func (p *Page) HasCharts() bool {
	switch {
	case len(p.Charts) > 0:
		return true
	case p.Meeting != nil:
		return len(p.Meeting.Charts) > 0
	case p.Cluster != nil:
		return len(p.Cluster.Charts) > 0
	case p.Province != nil:
		return len(p.Province.Charts) > 0
	}
	return false
}

// YearGroup is the meetings of one year.
type YearGroup struct {
	Year     int
	URL      string
	Meetings []*MeetingView
}

// ClusterGroup is the meetings of one cluster.
type ClusterGroup struct {
	Cluster  *ClusterView
	Meetings []*MeetingView
}

// Pager links the pages of a paginated list.
type Pager struct {
	Page, Pages int
	Prev, Next  string
	// Links yields (number−1, link) for the page numbers worth showing:
	// every page of a short list; of a long one the first, the last and
	// those near the current page. Linking every page from every page
	// makes a list of n pages cost n² links: 10⁸ for 100 000 articles.
	Links iter.Seq2[int, Link]
}

// A list of up to pagerAll pages links them all; a longer one links the
// pages within pagerNear of the current one, and the first and last.
const (
	pagerAll  = 10
	pagerNear = 3
)

// DatasetView is one published table.
type DatasetView struct {
	data.PublishedTable
	URL         string
	CSVURL      string
	JSONURL     string
	OriginalURL string // the editors' file, for tables kept as CSV
	History     history.History
	LastChanged *history.Revision
	Header      []string
	Cells       [][]string
}

const homeItems = 5

// layoutPages builds every page, checking that no two write the same path.
func (s *Site) layoutPages(l *diag.List) []*Page {
	v := s.views
	var pages []*Page
	siteFeeds := s.feedSets()[0].links()
	add := func(p *Page) {
		p.Site = s.Config
		if p.Feeds == nil {
			p.Feeds = siteFeeds
		}
		pages = append(pages, p)
	}
	home := &Page{Kind: "home", Path: "/", Title: s.Config.Title, Description: s.Config.Description}
	home.Articles = v.articles[:min(homeItems, len(v.articles))]
	home.Meetings = v.meetings[:min(homeItems, len(v.meetings))]
	for _, m := range v.meetings {
		if len(m.Figures) > 0 {
			home.Headline = m.Figures
			home.Meeting = m
			break
		}
	}
	for _, c := range []func() (ChartView, bool){
		func() (ChartView, bool) { return s.fundsByCluster("trang-chu-quy-theo-cum", v.clusters, v.figures) },
		func() (ChartView, bool) {
			return s.fundRanking("trang-chu-quy-theo-tinh", "Quỹ khuyến học của các tỉnh, thành phố (số liệu mới nhất)",
				latestPer(keep(v.figures, func(f figure) bool { return f.Unit.Province != nil && isFund(f) }), func(f figure) string { return f.Unit.ID() }))
		},
		func() (ChartView, bool) { return s.meetingTimeline("trang-chu-hoi-nghi", v.meetings) },
	} {
		if cv, ok := c(); ok {
			home.Charts = append(home.Charts, cv)
		}
	}
	add(home)

	per := s.Config.PerPage
	nPages := max(1, (len(v.articles)+per-1)/per)
	for i := range nPages {
		n := i + 1
		p := &Page{Kind: "news", Path: newsURL(n), Title: "Tin tức", Description: "Tin về hoạt động của các cụm thi đua khuyến học.",
			Crumbs: []Link{{Text: "Tin tức", URL: newsURL(1)}}}
		if n > 1 {
			p.Title = fmt.Sprintf("Tin tức – trang %d", n)
		}
		p.Articles = v.articles[i*per : min((i+1)*per, len(v.articles))]
		p.Pager = pager(n, nPages, newsURL)
		add(p)
	}
	for _, a := range v.articles {
		var img string
		if len(a.Images) > 0 {
			img = a.Images[0].Src
		}
		add(&Page{Kind: "article", Image: img, Path: a.URL, Title: a.Title, Description: a.Summary, Article: a, Origin: a.File,
			Crumbs: []Link{{Text: "Tin tức", URL: newsURL(1)}, {Text: a.Title, URL: a.URL}}})
	}

	archive := &Page{Kind: "meetings", Path: meetingsURL, Title: "Hội nghị", Meetings: v.meetings,
		Description: "Kho lưu trữ các hội nghị giao ban, sơ kết, tổng kết của các cụm thi đua khuyến học.",
		Crumbs:      []Link{{Text: "Hội nghị", URL: meetingsURL}}}
	for _, m := range v.meetings {
		if len(archive.Years) == 0 || archive.Years[len(archive.Years)-1].Year != m.Year {
			archive.Years = append(archive.Years, YearGroup{Year: m.Year, URL: meetingYearURL(m.Year)})
		}
		g := &archive.Years[len(archive.Years)-1]
		g.Meetings = append(g.Meetings, m)
	}
	for _, c := range v.clusters {
		if len(c.Meetings) > 0 {
			archive.ByCluster = append(archive.ByCluster, ClusterGroup{Cluster: c, Meetings: c.Meetings})
		}
	}
	add(archive)
	for _, g := range archive.Years {
		add(&Page{Kind: "meetings", Path: g.URL, Title: fmt.Sprintf("Hội nghị năm %d", g.Year), Year: g.Year,
			Meetings: g.Meetings, Years: archive.Years,
			Description: fmt.Sprintf("Các hội nghị của cụm thi đua khuyến học năm %d.", g.Year),
			Crumbs:      []Link{{Text: "Hội nghị", URL: meetingsURL}, {Text: fmt.Sprint(g.Year), URL: g.URL}}})
	}
	for _, m := range v.meetings {
		add(&Page{Kind: "meeting", Path: m.URL, Title: m.Title + " – " + m.Cluster.Text, Description: m.Summary, Meeting: m, Origin: m.File,
			Crumbs: []Link{{Text: "Hội nghị", URL: meetingsURL}, {Text: fmt.Sprint(m.Year), URL: meetingYearURL(m.Year)}, {Text: m.Cluster.Text, URL: m.URL}}})
	}

	add(&Page{Kind: "clusters", Path: clustersURL, Title: "Cụm thi đua", Clusters: v.clusters,
		Description: "Các cụm thi đua khuyến học, thành viên qua các thời kỳ và các hội nghị.",
		Crumbs:      []Link{{Text: "Cụm thi đua", URL: clustersURL}}})
	for _, c := range v.clusters {
		var feeds []Feed
		if len(c.Articles) > 0 {
			feeds = append(feeds, feedSet{title: s.Config.Title + " – " + c.Label(), prefix: c.URL}.links()...)
		}
		add(&Page{Kind: "cluster", Path: c.URL, Title: c.Name, Description: c.Description, Cluster: c, Origin: "data/clusters.toml", Feeds: append(feeds, siteFeeds...),
			Crumbs: []Link{{Text: "Cụm thi đua", URL: clustersURL}, {Text: c.Label(), URL: c.URL}}})
	}

	plist := &Page{Kind: "provinces", Path: provincesURL, Title: "Tỉnh, thành phố",
		Description: "Các tỉnh, thành phố trước và sau sắp xếp đơn vị hành chính ngày 1/7/2025.",
		Crumbs:      []Link{{Text: "Tỉnh, thành phố", URL: provincesURL}}}
	for _, p := range v.provinces {
		if p.Until.IsZero() {
			plist.Provinces = append(plist.Provinces, p)
		} else {
			plist.Former = append(plist.Former, p)
		}
	}
	add(plist)
	for _, p := range v.provinces {
		add(&Page{Kind: "province", Path: p.URL, Title: p.Name, Description: p.LifeText, Province: p, Origin: "data/provinces.toml",
			Crumbs: []Link{{Text: "Tỉnh, thành phố", URL: provincesURL}, {Text: p.Name, URL: p.URL}}})
	}

	s.termPages(v.tags, add)
	s.termPages(v.people, add)

	dp := &Page{Kind: "data", Path: dataURL, Title: "Dữ liệu",
		Description: "Mọi bảng số liệu của cổng thông tin, kèm nguồn, tải về dạng CSV.",
		Crumbs:      []Link{{Text: "Dữ liệu", URL: dataURL}}}
	for i, t := range s.tables {
		dv := datasetView(t)
		dv.History = s.histories[i]
		if len(dv.History.Revisions) > 0 {
			dv.LastChanged = &dv.History.Revisions[0]
		}
		dp.Datasets = append(dp.Datasets, dv)
		add(&Page{Kind: "dataset", Path: dv.URL, Title: t.Title, Description: t.Description, Dataset: &dv,
			Crumbs: []Link{{Text: "Dữ liệu", URL: dataURL}, {Text: t.Title, URL: dv.URL}}})
	}
	add(dp)
	add(&Page{Kind: "search", Path: searchURL, Title: "Tìm kiếm",
		Description: "Tìm tin tức, hội nghị, cụm thi đua và tỉnh, thành phố; gõ có dấu hay không dấu đều được.",
		Crumbs:      []Link{{Text: "Tìm kiếm", URL: searchURL}}})
	add(&Page{Kind: "404", Path: "/404.html", Title: "Không tìm thấy trang"})

	seen := map[string]*Page{}
	for _, p := range pages {
		if prev, dup := seen[p.Path]; dup {
			e := l.Errorf(diag.Pos{File: p.Origin}, "two pages write %s", p.Path)
			e.Hint = fmt.Sprintf("the other comes from %s (%s); give one of them another id or slug", prev.Origin, prev.Kind)
		}
		seen[p.Path] = p
	}
	return pages
}

func pager(n, total int, url func(int) string) *Pager {
	if total <= 1 {
		return nil
	}
	p := &Pager{Page: n, Pages: total}
	if n > 1 {
		p.Prev = url(n - 1)
	}
	if n < total {
		p.Next = url(n + 1)
	}
	lo, hi := 1, total
	if total > pagerAll {
		lo, hi = max(1, n-pagerNear), min(total, n+pagerNear)
	}
	p.Links = func(yield func(int, Link) bool) {
		link := func(i int) bool { return yield(i-1, Link{Text: strconv.Itoa(i), URL: url(i)}) }
		if lo > 1 && !link(1) {
			return
		}
		for i := lo; i <= hi; i++ {
			if !link(i) {
				return
			}
		}
		if hi < total {
			link(total)
		}
	}
	return p
}

// datasetView shows a published table with its cells as readers read them.
func datasetView(t data.PublishedTable) DatasetView {
	dv := DatasetView{PublishedTable: t, URL: datasetURL(t.Name), CSVURL: tableCSVURL(t.Name), JSONURL: tableJSONURL(t.Name)}
	if strings.HasSuffix(t.Source, ".csv") {
		dv.OriginalURL = originalCSVURL(t.Name)
	}
	for _, f := range t.Fields {
		dv.Header = append(dv.Header, f.Name)
	}
	for _, r := range t.Rows {
		row := make([]string, len(r))
		for i, v := range r {
			row[i] = displayCell(t.Fields[i], v)
		}
		dv.Cells = append(dv.Cells, row)
	}
	return dv
}
