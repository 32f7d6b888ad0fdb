package site

import (
	"fmt"
	"html/template"
	"slices"
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

	Article  *ArticleView
	Body     template.HTML // the article's rendered Markdown
	Articles []*ArticleView
	Pager    *Pager
	Feeds    []Feed
	Term     *Term
	// Image is the picture for link previews (OpenGraph), a site path.
	Image string

	*PageParts
}

// PageParts are the fields of the pages about meetings, clusters,
// provinces, datasets and taxonomies, and of the home page. Layouts read
// them as the page's own (.Meetings, .Charts). They are behind a pointer
// because nine in ten pages of a large site, the articles and the lists
// of them, have none: as fields of every Page they were ~50 MB at 100 000
// articles. Every page has parts, which pages may share, so they are
// never changed in place: code that sets one sets it on the page's own
// copy (own).
type PageParts struct {
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
	Taxonomy  *Taxonomy
}

// noParts are the parts of the pages that have none.
var noParts PageParts

// own gives p a copy of its parts of its own, to set.
func (p *Page) own() *PageParts {
	c := PageParts{}
	if p.PageParts != nil {
		c = *p.PageParts
	}
	p.PageParts = &c
	return p.PageParts
}

// HasCharts tells the layout to load ECharts.
func (p *Page) HasCharts() bool {
	switch {
	case p.PageParts == nil:
		return false
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

// YearGroup is the meetings of one year: how many, and on the archive's
// landing page the latest few; URL is the year's own paginated list.
type YearGroup struct {
	Year     int
	URL      string
	Count    int
	Meetings []*MeetingView
}

// ClusterGroup is the meetings of one cluster: how many and the latest
// few. URL is the cluster's paginated list of meetings, "" when the few
// are all of them.
type ClusterGroup struct {
	Cluster  *ClusterView
	Count    int
	URL      string
	Meetings []*MeetingView
}

// latestItems is how many articles or meetings a page shows of a list that
// has pages of its own (a cluster's, a province's, a year's on the
// archive's landing page). A page listing everything a cluster ever did is
// megabytes on a large site.
const latestItems = 5

// latest returns the first latestItems of a list, newest first.
func latest[T any](l []T) []T { return l[:min(latestItems, len(l))] }

// ownPages reports whether a list of n items has pages of its own, linked
// as "Xem tất cả": only when a page shows just the latest few of it.
func ownPages(n int) bool { return n > latestItems }

// LatestMeetings are the cluster's latest few meetings; MeetingsURL is
// the list of them all, "" when these are all.
func (c *ClusterView) LatestMeetings() []*MeetingView { return latest(c.Meetings) }
func (c *ClusterView) MeetingsURL() string {
	if ownPages(len(c.Meetings)) {
		return clusterMeetingsURL(c.ID, 1)
	}
	return ""
}

// LatestArticles are the cluster's latest few articles; ArticlesURL is
// the list of them all, "" when these are all.
func (c *ClusterView) LatestArticles() []*ArticleView { return latest(c.Articles) }
func (c *ClusterView) ArticlesURL() string {
	if ownPages(len(c.Articles)) {
		return clusterArticlesURL(c.ID, 1)
	}
	return ""
}

// LatestHosted are the latest few meetings the province hosted;
// HostedURL is the list of them all, "" when these are all.
func (p *ProvinceView) LatestHosted() []*MeetingView { return latest(p.Hosted) }
func (p *ProvinceView) HostedURL() string {
	if ownPages(len(p.Hosted)) {
		return provinceMeetingsURL(p.ID, 1)
	}
	return ""
}

// LatestArticles are the province's latest few articles; ArticlesURL is
// the list of them all, "" when these are all.
func (p *ProvinceView) LatestArticles() []*ArticleView { return latest(p.Articles) }
func (p *ProvinceView) ArticlesURL() string {
	if ownPages(len(p.Articles)) {
		return provinceArticlesURL(p.ID, 1)
	}
	return ""
}

// LatestMeetings are the term's latest few meetings; MeetingsURL is the
// list of them all, "" when these are all.
func (t *Term) LatestMeetings() []*MeetingView { return latest(t.Meetings) }
func (t *Term) MeetingsURL() string {
	if ownPages(len(t.Meetings)) {
		return termMeetingsURL(t.URL, 1)
	}
	return ""
}

// Pager links the pages of a paginated list. Its links are made when a
// layout asks for them: a large site has 100 000 paginated pages, and a
// pager that held its links was ~200 bytes each.
type Pager struct {
	Page, Pages int
	url         func(int) string // the path of page k
}

// Prev is the previous page's path, "" on the first.
func (p *Pager) Prev() string {
	if p.Page > 1 {
		return p.url(p.Page - 1)
	}
	return ""
}

// Next is the next page's path, "" on the last.
func (p *Pager) Next() string {
	if p.Page < p.Pages {
		return p.url(p.Page + 1)
	}
	return ""
}

// PageLinks returns the links to the page numbers worth showing: every page
// of a short list; of a long one the first, the last and those near the
// current page. Linking every page from every page makes a list of n
// pages cost n² links: 10⁸ for 100 000 articles. A slice, not an
// iterator: a layout ranges over it without calling a function through
// reflection for each link (a tenth of a second a build at 10k). It was
// Links, an iterator of (number−1, link): a layout written for that
// now fails to build, rather than mark the wrong page current.
func (p *Pager) PageLinks() []PageLink {
	n, total, url := p.Page, p.Pages, p.url
	lo, hi := 1, total
	if total > pagerAll {
		lo, hi = max(1, n-pagerNear), min(total, n+pagerNear)
	}
	links := make([]PageLink, 0, hi-lo+3)
	link := func(i int) {
		links = append(links, PageLink{Number: i, Current: i == n, Link: Link{Text: strconv.Itoa(i), URL: url(i)}})
	}
	if lo > 1 {
		link(1)
	}
	for i := lo; i <= hi; i++ {
		link(i)
	}
	if hi < total {
		link(total)
	}
	return links
}

// PageLink is a pager's link to one page of a list: Text is its number.
type PageLink struct {
	Number  int
	Current bool // the page the pager is on
	Link
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
	// FirstRow and LastRow number the rows of Cells, from 1, on a page
	// that shows part of the table.
	FirstRow, LastRow int
}

// datasetPages lays out a dataset's page: the table's description, rows,
// history and columns. A table of more than perPage rows continues on
// numbered pages (/du-lieu/funds/trang/2/) that show the rows alone; the
// downloads always hold all of it.
func datasetPages(dv DatasetView, perPage int, add func(*Page)) {
	url := func(k int) string { return pagedURL(dv.URL, k) }
	n := max(1, (len(dv.Cells)+perPage-1)/perPage)
	for k := 1; k <= n; k++ {
		pv := dv
		lo, hi := (k-1)*perPage, min(k*perPage, len(dv.Cells))
		pv.Cells, pv.FirstRow, pv.LastRow = dv.Cells[lo:hi], lo+1, hi
		p := &Page{Kind: "dataset", Path: url(k), Title: dv.Title, Description: dv.Description, PageParts: &PageParts{Dataset: &pv},
			Pager: pager(k, n, url), Crumbs: []Link{{Text: "Dữ liệu", URL: dataURL}, {Text: dv.Title, URL: dv.URL}}}
		if k > 1 {
			numberPage(p, k)
			p.Description = fmt.Sprintf("%s Dòng %d–%d trên %d.", dv.Description, pv.FirstRow, pv.LastRow, len(dv.Cells))
		}
		add(p)
	}
}

const homeItems = 5

// layoutPages builds every page, checking that no two write the same path.
func (s *Site) layoutPages(l *diag.List) []*Page {
	v := s.views
	var pages []*Page
	siteFeeds := s.feedSets()[0].links()
	add := func(p *Page) {
		p.Site = s.Config
		if p.PageParts == nil {
			p.PageParts = &noParts
		}
		if p.Feeds == nil {
			p.Feeds = siteFeeds
		}
		pages = append(pages, p)
	}
	home := &Page{Kind: "home", Path: "/", Title: s.Config.Title, Description: s.Config.Description, PageParts: &PageParts{}}
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
		func() (ChartView, bool) { return s.meetingChart("trang-chu-hoi-nghi", v.meetings) },
	} {
		if cv, ok := c(); ok {
			home.Charts = append(home.Charts, cv.filled())
		}
	}
	add(home)

	listPages(s, Page{Kind: "news", Title: "Tin tức", Description: "Tin về hoạt động của các cụm thi đua khuyến học.",
		Crumbs: []Link{{Text: "Tin tức", URL: newsURL(1)}}}, v.articles, newsURL, add)
	for _, a := range v.articles {
		var img string
		if len(a.Images) > 0 {
			img = a.Images[0].Src
		}
		add(&Page{Kind: "article", Image: img, Path: a.URL, Title: a.Title, Description: a.Summary, Article: a, Origin: a.File,
			Crumbs: []Link{{Text: "Tin tức", URL: newsURL(1)}, {Text: a.Title, URL: a.URL}}})
	}

	// The archive's landing page sums up each year and each cluster with
	// its latest meetings; every year, and every cluster with more
	// meetings than it shows, has its own paginated list.
	archive := &Page{Kind: "meetings", Path: meetingsURL, Title: "Hội nghị", PageParts: &PageParts{},
		Description: "Kho lưu trữ các hội nghị giao ban, sơ kết, tổng kết của các cụm thi đua khuyến học.",
		Crumbs:      []Link{{Text: "Hội nghị", URL: meetingsURL}}}
	var byYear [][]*MeetingView
	for _, m := range v.meetings {
		if len(archive.Years) == 0 || archive.Years[len(archive.Years)-1].Year != m.Year {
			archive.Years = append(archive.Years, YearGroup{Year: m.Year, URL: meetingYearURL(m.Year, 1)})
			byYear = append(byYear, nil)
		}
		byYear[len(byYear)-1] = append(byYear[len(byYear)-1], m)
	}
	for i, ms := range byYear {
		archive.Years[i].Count = len(ms)
		archive.Years[i].Meetings = latest(ms)
	}
	for _, c := range v.clusters {
		if len(c.Meetings) > 0 {
			archive.ByCluster = append(archive.ByCluster, ClusterGroup{Cluster: c, Count: len(c.Meetings),
				URL: c.MeetingsURL(), Meetings: c.LatestMeetings()})
		}
	}
	add(archive)
	for i, g := range archive.Years {
		url := func(k int) string { return meetingYearURL(g.Year, k) }
		listPages(s, Page{Kind: "meetings", Title: fmt.Sprintf("Hội nghị năm %d", g.Year), PageParts: &PageParts{Year: g.Year, Years: archive.Years},
			Description: fmt.Sprintf("Các hội nghị của cụm thi đua khuyến học năm %d.", g.Year),
			Crumbs:      []Link{{Text: "Hội nghị", URL: meetingsURL}, {Text: fmt.Sprint(g.Year), URL: g.URL}}},
			byYear[i], url, add)
	}
	for _, m := range v.meetings {
		add(&Page{Kind: "meeting", Path: m.URL, Title: m.Title + " – " + m.Cluster.Text, Description: m.Summary, PageParts: &PageParts{Meeting: m}, Origin: m.File,
			Crumbs: []Link{{Text: "Hội nghị", URL: meetingsURL}, {Text: fmt.Sprint(m.Year), URL: meetingYearURL(m.Year, 1)}, {Text: m.Cluster.Text, URL: m.URL}}})
	}

	add(&Page{Kind: "clusters", Path: clustersURL, Title: "Cụm thi đua", PageParts: &PageParts{Clusters: v.clusters},
		Description: "Các cụm thi đua khuyến học, thành viên qua các thời kỳ và các hội nghị.",
		Crumbs:      []Link{{Text: "Cụm thi đua", URL: clustersURL}}})
	for _, c := range v.clusters {
		var feeds []Feed
		if len(c.Articles) > 0 {
			feeds = append(feeds, feedSet{title: s.Config.Title + " – " + c.Label(), prefix: c.URL}.links()...)
		}
		feeds = append(feeds, siteFeeds...)
		crumbs := []Link{{Text: "Cụm thi đua", URL: clustersURL}, {Text: c.Label(), URL: c.URL}}
		add(&Page{Kind: "cluster", Path: c.URL, Title: c.Name, Description: c.Description, PageParts: &PageParts{Cluster: c}, Origin: "data/clusters.toml", Feeds: feeds,
			Crumbs: crumbs})
		if u := c.ArticlesURL(); u != "" {
			listPages(s, Page{Kind: "news", Title: "Tin tức: " + c.Label(), Origin: "data/clusters.toml", Feeds: feeds,
				Description: "Tin về hoạt động của " + c.Label() + ".",
				Crumbs:      append(slices.Clip(crumbs), Link{Text: "Tin tức", URL: u})},
				c.Articles, func(k int) string { return clusterArticlesURL(c.ID, k) }, add)
		}
		if u := c.MeetingsURL(); u != "" {
			listPages(s, Page{Kind: "meetings", Title: "Hội nghị: " + c.Label(), Origin: "data/clusters.toml", Feeds: feeds,
				Description: "Các hội nghị của " + c.Label() + ".",
				Crumbs:      append(slices.Clip(crumbs), Link{Text: "Hội nghị", URL: u})},
				c.Meetings, func(k int) string { return clusterMeetingsURL(c.ID, k) }, add)
		}
	}

	plist := &Page{Kind: "provinces", Path: provincesURL, Title: "Tỉnh, thành phố", PageParts: &PageParts{},
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
		crumbs := []Link{{Text: "Tỉnh, thành phố", URL: provincesURL}, {Text: p.Name, URL: p.URL}}
		add(&Page{Kind: "province", Path: p.URL, Title: p.Name, Description: p.LifeText, PageParts: &PageParts{Province: p}, Origin: "data/provinces.toml",
			Crumbs: crumbs})
		if u := p.ArticlesURL(); u != "" {
			listPages(s, Page{Kind: "news", Title: "Tin tức: " + p.Name, Origin: "data/provinces.toml",
				Description: "Tin về " + p.Name + ".",
				Crumbs:      append(slices.Clip(crumbs), Link{Text: "Tin tức", URL: u})},
				p.Articles, func(k int) string { return provinceArticlesURL(p.ID, k) }, add)
		}
		if u := p.HostedURL(); u != "" {
			listPages(s, Page{Kind: "meetings", Title: "Hội nghị đăng cai: " + p.Name, Origin: "data/provinces.toml",
				Description: "Các hội nghị " + p.Name + " đăng cai.",
				Crumbs:      append(slices.Clip(crumbs), Link{Text: "Hội nghị đăng cai", URL: u})},
				p.Hosted, func(k int) string { return provinceMeetingsURL(p.ID, k) }, add)
		}
	}

	s.termPages(v.tags, add)
	s.termPages(v.people, add)

	dp := &Page{Kind: "data", Path: dataURL, Title: "Dữ liệu", PageParts: &PageParts{},
		Description: "Mọi bảng số liệu của cổng thông tin, kèm nguồn, tải về dạng CSV.",
		Crumbs:      []Link{{Text: "Dữ liệu", URL: dataURL}}}
	for i, t := range s.tables {
		dv := datasetView(t)
		dv.History = s.histories[i]
		if len(dv.History.Revisions) > 0 {
			dv.LastChanged = &dv.History.Revisions[0]
		}
		dp.Datasets = append(dp.Datasets, dv)
		datasetPages(dv, 10*s.Config.PerPage, add)
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

// listPages lays out a list as pages of Config.PerPage items, newest
// first: page 1 at url(1), the list's own address, page k at url(k)
// (".../trang/k/"). Each page is a copy of proto with its items (Articles
// or Meetings, by the type of the list) and its pager; page k > 1 has
// "– trang k" in its title and description and a last crumb "Trang k",
// so that no two pages of a list look alike to readers or search engines.
// An empty list has one empty page.
func listPages[T *ArticleView | *MeetingView](s *Site, proto Page, items []T, url func(int) string, add func(*Page)) {
	per := s.Config.PerPage
	n := max(1, (len(items)+per-1)/per)
	for i := range n {
		k := i + 1
		p := proto
		p.Path = url(k)
		p.Pager = pager(k, n, url)
		if k > 1 {
			numberPage(&p, k)
			if p.Description != "" {
				p.Description = fmt.Sprintf("%s Trang %d trên %d.", proto.Description, k, n)
			}
		}
		switch l := any(items[i*per : min(k*per, len(items))]).(type) {
		case []*ArticleView:
			p.Articles = l
		case []*MeetingView:
			p.own().Meetings = l
		}
		add(&p)
	}
}

// numberPage names page k (k > 1) of a paginated list in its title and
// its last crumb; the page's Path must be set.
func numberPage(p *Page, k int) {
	p.Title = fmt.Sprintf("%s – trang %d", p.Title, k)
	p.Crumbs = append(slices.Clip(p.Crumbs), Link{Text: fmt.Sprintf("Trang %d", k), URL: p.Path})
}

func pager(n, total int, url func(int) string) *Pager {
	if total <= 1 {
		return nil
	}
	return &Pager{Page: n, Pages: total, url: url}
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
