package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/data"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// Link is a piece of text pointing somewhere. URL is a site path ("/tinh/son-la/")
// that templates pass through relURL, unless External is set.
type Link struct {
	Text     string
	URL      string
	External bool
}

// SourceView is a citation as shown under figures and articles.
type SourceView struct {
	Publication string
	Title       string
	DateText    string
	Authors     string
	URL         string // the original, if known
	Article     *Link  // this site's article based on it
}

// Label is the short citation: "Báo Giáo dục và Thời đại, 18/8/2022".
func (s SourceView) Label() string {
	if s.DateText == "" {
		return s.Publication
	}
	return s.Publication + ", " + s.DateText
}

// ArticleView is an article ready for templates.
type ArticleView struct {
	*content.Article
	URL       string
	DateText  string
	DateISO   string
	Cluster   *Link
	Meeting   *Link
	Provinces []Link
	Source    *SourceView
	Prev      *Link // newer
	Next      *Link // older
	Related   []*ArticleView
	TagLinks  []Link
	// Future marks an article dated after today, shown only in previews.
	Future bool
}

// PersonGroup lists people with one role at a meeting.
type PersonGroup struct {
	Role   string
	People []data.Person
}

// Heading is the role as a heading: "Chủ trì".
func (g PersonGroup) Heading() string {
	r := []rune(g.Role)
	if len(r) == 0 {
		return ""
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// FigureRow is one reported figure in a table.
type FigureRow struct {
	Label  string
	Unit   Link
	Value  string
	Period string
	Source SourceView
}

// MeetingView is a meeting ready for templates.
type MeetingView struct {
	*data.Meeting
	URL      string
	DateText string
	Year     int
	Cluster  Link
	Host     string
	People   []PersonGroup
	Handover *HandoverView
	Articles []Link
	Sources  []SourceView
	Figures  []FigureRow
	Charts   []ChartView
}

// HandoverView describes the host flag passed on.
type HandoverView struct {
	To   Link
	For  string
	Note string
}

// MemberView is one membership line of a cluster.
type MemberView struct {
	Unit    Link
	Period  string
	Current bool
	Note    string
	Source  *SourceView
}

// ClusterView is a cluster ready for templates.
type ClusterView struct {
	*data.Cluster
	URL        string
	LevelText  string
	InProvince *Link
	Current    []MemberView
	Former     []MemberView
	Leaders    []MemberView
	Meetings   []*MeetingView
	Articles   []*ArticleView
	Figures    []FigureRow
	Charts     []ChartView
}

// ProvinceView is a province ready for templates.
type ProvinceView struct {
	*data.Province
	URL          string
	LifeText     string
	Successor    *Link
	Predecessors []PredecessorView
	Clusters     []MemberView // cluster memberships, Unit is the cluster
	Hosted       []Link
	Articles     []*ArticleView
	Figures      []FigureRow
	Charts       []ChartView
}

// PredecessorView is a unit merged into this one.
type PredecessorView struct {
	Link  Link
	Until string
	Note  string
}

// views holds every view, built once before rendering.
type views struct {
	articles     []*ArticleView
	meetings     []*MeetingView
	clusters     []*ClusterView
	provinces    []*ProvinceView
	figures      []figure
	tags, people *Taxonomy

	meetingByID  map[string]*MeetingView
	clusterByID  map[string]*ClusterView
	provinceByID map[string]*ProvinceView
}

func date(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return viet.FormatDate(d.Time())
}

func shortDate(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return viet.FormatShortDate(d.Time())
}

func periodText(from, to civil.Date) string {
	switch {
	case from.IsZero() && to.IsZero():
		return ""
	case to.IsZero():
		return "từ " + shortDate(from)
	case from.IsZero():
		return "đến " + shortDate(to)
	}
	return shortDate(from) + " – " + shortDate(to)
}

func (s *Site) sourceView(id string) SourceView {
	src := s.Data.Source(id)
	if src == nil {
		return SourceView{}
	}
	v := SourceView{Publication: src.Publication, Title: src.Title, DateText: shortDate(src.Date),
		Authors: strings.Join(src.Authors, ", "), URL: src.URL}
	if src.Article != "" && s.published(src.Article) {
		v.Article = &Link{Text: src.Title, URL: articleURL(src.Article)}
	}
	return v
}

// published reports whether the article has a page: a draft or
// future-dated one is checked but not built, so nothing may link to it.
func (s *Site) published(slug string) bool {
	return slices.ContainsFunc(s.Articles, func(a *content.Article) bool { return a.Slug == slug })
}

func unitLink(u data.Unit) Link {
	switch {
	case u.Province != nil:
		return Link{Text: u.Province.Name, URL: provinceURL(u.Province.ID)}
	case u.Cluster != nil:
		return Link{Text: u.Cluster.Label(), URL: clusterURL(u.Cluster.ID)}
	}
	return Link{}
}

func buildViews(s *Site, _ *diag.List) *views {
	d := s.Data
	v := &views{
		meetingByID:  map[string]*MeetingView{},
		clusterByID:  map[string]*ClusterView{},
		provinceByID: map[string]*ProvinceView{},
		figures:      allFigures(d),
	}
	for i, a := range s.Articles {
		av := &ArticleView{Article: a, URL: articleURL(a.Slug), DateText: date(a.Date), DateISO: a.Date.String(),
			Future: !s.today.IsZero() && a.Date.After(s.today)}
		if m := d.Meeting(a.Meeting); m != nil {
			av.Meeting = &Link{Text: m.Title, URL: meetingURL(m.ID)}
			if m.ClusterRef != nil {
				av.Cluster = &Link{Text: m.ClusterRef.Label(), URL: clusterURL(m.ClusterRef.ID)}
			}
		}
		if c, err := d.Resolve.Cluster(a.Cluster); a.Cluster != "" && err == nil {
			av.Cluster = &Link{Text: c.Label(), URL: clusterURL(c.ID)}
		}
		for _, ref := range a.Provinces {
			if p, err := d.Resolve.Province(ref); err == nil {
				av.Provinces = append(av.Provinces, Link{Text: p.Name, URL: provinceURL(p.ID)})
			}
		}
		switch {
		case a.Source.ID != "":
			sv := s.sourceView(a.Source.ID)
			sv.Article = nil // the article is this page
			av.Source = &sv
		case !a.Source.IsZero():
			av.Source = &SourceView{Publication: a.Source.Publication, Title: a.Source.Title, URL: a.Source.URL}
		}
		if i > 0 {
			av.Prev = &Link{Text: s.Articles[i-1].Title, URL: articleURL(s.Articles[i-1].Slug)}
		}
		if i+1 < len(s.Articles) {
			av.Next = &Link{Text: s.Articles[i+1].Title, URL: articleURL(s.Articles[i+1].Slug)}
		}
		v.articles = append(v.articles, av)
	}
	for _, m := range d.Meetings {
		mv := s.meetingView(m, v)
		v.meetings = append(v.meetings, mv)
		v.meetingByID[m.ID] = mv
	}
	for _, c := range d.Clusters {
		cv := s.clusterView(c, v)
		v.clusters = append(v.clusters, cv)
		v.clusterByID[c.ID] = cv
	}
	viet.SortFunc(v.clusters, func(c *ClusterView) string { return c.Label() })
	for _, p := range d.Provinces {
		pv := s.provinceView(p, v)
		v.provinces = append(v.provinces, pv)
		v.provinceByID[p.ID] = pv
	}
	viet.SortFunc(v.provinces, func(p *ProvinceView) string { return p.Name })
	v.buildTaxonomies()
	for _, a := range v.articles {
		a.Related = v.related(a, 3)
		for _, tag := range a.Tags {
			a.TagLinks = append(a.TagLinks, Link{Text: tag, URL: "/chu-de/" + viet.Slug(tag) + "/"})
		}
	}
	return v
}

// figureRows selects figures and turns them into rows.
func (s *Site) figureRows(v *views, keep func(f figure) bool) []FigureRow {
	var out []FigureRow
	for _, f := range v.figures {
		if keep(f) {
			out = append(out, FigureRow{Label: f.Label, Unit: unitLink(f.Unit), Value: f.Value,
				Period: f.PeriodLabel(), Source: s.sourceView(f.Source)})
		}
	}
	return out
}

func (s *Site) meetingView(m *data.Meeting, v *views) *MeetingView {
	mv := &MeetingView{Meeting: m, URL: meetingURL(m.ID), DateText: date(m.Date), Year: m.Date.Year}
	if c := m.ClusterRef; c != nil {
		mv.Cluster = Link{Text: c.Label(), URL: clusterURL(c.ID)}
	}
	mv.Host = m.Host
	if m.HostRef != nil {
		mv.Host = m.HostRef.Name
	}
	for _, role := range data.Roles {
		var g PersonGroup
		for _, p := range m.People {
			if viet.NFC(p.Role) == role {
				g.People = append(g.People, p)
			}
		}
		if len(g.People) > 0 {
			g.Role = role
			mv.People = append(mv.People, g)
		}
	}
	if h := m.Handover; h != nil {
		hv := &HandoverView{To: Link{Text: h.To}, For: h.For, Note: h.Note}
		if h.ToRef != nil {
			hv.To = Link{Text: h.ToRef.Name, URL: provinceURL(h.ToRef.ID)}
		}
		mv.Handover = hv
	}
	slugs := slices.Clone(m.Articles)
	for _, a := range s.Articles {
		if a.Meeting == m.ID && !slices.Contains(slugs, a.Slug) {
			slugs = append(slugs, a.Slug)
		}
	}
	for _, slug := range slugs {
		if i := slices.IndexFunc(s.Articles, func(a *content.Article) bool { return a.Slug == slug }); i >= 0 {
			mv.Articles = append(mv.Articles, Link{Text: s.Articles[i].Title, URL: articleURL(slug)})
		}
	}
	for _, id := range m.Sources {
		mv.Sources = append(mv.Sources, s.sourceView(id))
	}
	mv.Figures = s.figureRows(v, func(f figure) bool { return f.Meeting == m.ID })
	mv.Charts = s.chartsFor("hoi-nghi-"+m.ID, keep(v.figures, func(f figure) bool { return f.Meeting == m.ID }))
	return mv
}

func (s *Site) clusterView(c *data.Cluster, v *views) *ClusterView {
	cv := &ClusterView{Cluster: c, URL: clusterURL(c.ID)}
	if c.Level == data.LevelProvincial {
		cv.LevelText = "Cụm thi đua cấp huyện"
		if c.InProvince != nil {
			cv.LevelText += " trong " + c.InProvince.Kind + " " + c.InProvince.Name
			cv.InProvince = &Link{Text: c.InProvince.Name, URL: provinceURL(c.InProvince.ID)}
		}
	} else {
		cv.LevelText = "Cụm thi đua các tỉnh, thành phố"
	}
	for _, m := range c.Members {
		mv := MemberView{Unit: Link{Text: m.Unit}, Period: periodText(m.From, m.To), Current: m.To.IsZero(), Note: m.Note}
		if m.Resolved != nil {
			mv.Unit = Link{Text: m.Resolved.Name, URL: provinceURL(m.Resolved.ID)}
		}
		if m.Source != "" {
			sv := s.sourceView(m.Source)
			mv.Source = &sv
		}
		if mv.Current {
			cv.Current = append(cv.Current, mv)
		} else {
			cv.Former = append(cv.Former, mv)
		}
	}
	viet.SortFunc(cv.Current, func(m MemberView) string { return m.Unit.Text })
	viet.SortFunc(cv.Former, func(m MemberView) string { return m.Unit.Text })
	for _, ld := range c.Leaders {
		lv := MemberView{Unit: Link{Text: ld.Unit}, Period: periodText(ld.From, ld.To), Note: ld.Note}
		if ld.Resolved != nil {
			lv.Unit = Link{Text: ld.Resolved.Name, URL: provinceURL(ld.Resolved.ID)}
		}
		if ld.Term != "" {
			lv.Period = "nhiệm kỳ " + ld.Term + " (" + lv.Period + ")"
		}
		if ld.Person != "" {
			lv.Note = strings.TrimSpace(ld.Person + ", " + ld.Title + ". " + lv.Note)
		}
		if ld.Source != "" {
			sv := s.sourceView(ld.Source)
			lv.Source = &sv
		}
		cv.Leaders = append(cv.Leaders, lv)
	}
	for _, mv := range v.meetings {
		if mv.ClusterRef == c {
			cv.Meetings = append(cv.Meetings, mv)
		}
	}
	for _, av := range v.articles {
		if av.Cluster != nil && av.Cluster.URL == cv.URL {
			cv.Articles = append(cv.Articles, av)
		}
	}
	concerns := func(f figure) bool { return inCluster(c, f) }
	cv.Figures = s.figureRows(v, concerns)
	if ch, ok := s.clusterFunds(cv, keep(v.figures, concerns)); ok {
		cv.Charts = append(cv.Charts, ch)
	}
	cv.Charts = append(cv.Charts, s.chartsFor("cum-"+c.ID, keep(v.figures, concerns))...)
	return cv
}

// inCluster reports whether a figure is about the cluster: the cluster
// itself, or a province that was its member on the figure's reference date
// (the boundaries of the figure's own time).
func inCluster(c *data.Cluster, f figure) bool {
	if f.Unit.Cluster == c {
		return true
	}
	p := f.Unit.Province
	if p == nil {
		return false
	}
	for _, m := range c.Members {
		if m.Resolved == p && m.Period().Contains(f.RefDate()) {
			return true
		}
	}
	return false
}

func (s *Site) provinceView(p *data.Province, v *views) *ProvinceView {
	pv := &ProvinceView{Province: p, URL: provinceURL(p.ID)}
	switch {
	case !p.Until.IsZero():
		pv.LifeText = fmt.Sprintf("Đơn vị hành chính cấp tỉnh đến hết ngày %s.", shortDate(p.Until))
	case len(p.Predecessors) > 0:
		pv.LifeText = "Đơn vị hành chính cấp tỉnh hiện nay, sau sắp xếp ngày 1/7/2025."
	default:
		pv.LifeText = "Đơn vị hành chính cấp tỉnh hiện nay."
	}
	if p.Successor != nil {
		pv.Successor = &Link{Text: p.Successor.Name, URL: provinceURL(p.Successor.ID)}
	}
	for _, pre := range p.Predecessors {
		pv.Predecessors = append(pv.Predecessors, PredecessorView{
			Link:  Link{Text: pre.Name, URL: provinceURL(pre.ID)},
			Until: shortDate(pre.Until), Note: pre.Note,
		})
	}
	for _, c := range s.Data.Clusters {
		for _, m := range c.Members {
			if m.Resolved == p {
				pv.Clusters = append(pv.Clusters, MemberView{Unit: Link{Text: c.Label(), URL: clusterURL(c.ID)},
					Period: periodText(m.From, m.To), Current: m.To.IsZero(), Note: m.Note})
			}
		}
	}
	for _, mv := range v.meetings {
		if mv.HostRef == p {
			pv.Hosted = append(pv.Hosted, Link{Text: mv.Title, URL: mv.URL})
		}
	}
	for _, av := range v.articles {
		if slices.ContainsFunc(av.Provinces, func(l Link) bool { return l.URL == pv.URL }) {
			pv.Articles = append(pv.Articles, av)
		}
	}
	mine := func(f figure) bool { return f.Unit.Province == p }
	pv.Figures = s.figureRows(v, mine)
	pv.Charts = s.chartsFor("tinh-"+p.ID, keep(v.figures, mine))
	return pv
}
