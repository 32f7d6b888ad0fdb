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

// FigureRow is one reported figure in a table. A figure is a row of its
// meeting's, its province's and its clusters' tables, and a source is
// cited by many figures: the texts and the source are shared.
type FigureRow struct {
	Label  string
	Unit   Link
	Value  string
	Period string
	Source *SourceView
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
	// Charts is set only on the copy a page renders with (see
	// withCharts).
	Charts []ChartView
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
	Charts     []ChartView // see MeetingView.Charts
}

// ProvinceView is a province ready for templates.
type ProvinceView struct {
	*data.Province
	URL          string
	LifeText     string
	Successor    *Link
	Predecessors []PredecessorView
	Clusters     []MemberView   // cluster memberships, Unit is the cluster
	Hosted       []*MeetingView // newest first
	Articles     []*ArticleView
	Figures      []FigureRow
	Charts       []ChartView // see MeetingView.Charts
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
	articleIdx   *articleIndex

	// Indexes built once, so that no view scans every article or figure.
	articlesByMeeting map[string][]*content.Article // published, in order
	figByMeeting      map[string][]int32            // meeting id → figure indexes
	figByProvince     map[*data.Province][]int32
	figByCluster      map[*data.Cluster][]int32

	meetingByID  map[string]*MeetingView
	clusterByID  map[string]*ClusterView
	provinceByID map[string]*ProvinceView

	mentionIdx *mentionIndex // the site's, for addMentions

	// What figure rows share, made before the views are built in
	// parallel and only read then: each source's citation ("" and
	// unknown ones: the empty one), each unit's link, each figure's
	// period.
	sources   map[string]*SourceView
	unitLinks map[data.Unit]Link
	periods   []string // by index in figures
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
	return s.article(slug) != nil
}

// article returns the published article with the slug, or nil.
func (s *Site) article(slug string) *content.Article { return s.bySlug[slug] }

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
		mentionIdx:   s.mentions,
		meetingByID:  map[string]*MeetingView{},
		clusterByID:  map[string]*ClusterView{},
		provinceByID: map[string]*ProvinceView{},
	}
	// The data's figures are gathered while the articles' views are made
	// (at 100 000 articles each is ~0.2 s of one CPU).
	figures := make(chan []figure, 1)
	go func() { figures <- allFigures(d) }()
	sh := newSharedLinks(s)
	for i, a := range s.Articles {
		dt := sh.date(a.Date)
		av := &ArticleView{Article: a, URL: sh.self[i].URL, DateText: dt[0], DateISO: dt[1],
			Future: !s.today.IsZero() && a.Date.After(s.today)}
		if m := d.Meeting(a.Meeting); m != nil {
			av.Meeting = sh.meeting(m)
			if m.ClusterRef != nil {
				av.Cluster = sh.cluster(m.ClusterRef)
			}
		}
		if a.Cluster != "" {
			if c, err := d.Resolve.Cluster(a.Cluster); err == nil {
				av.Cluster = sh.cluster(c)
			}
		}
		for _, ref := range a.Provinces {
			if p, err := d.Resolve.Province(ref); err == nil {
				av.Provinces = append(av.Provinces, Link{Text: p.Name, URL: sh.province(p)})
			}
		}
		switch {
		case a.Source.ID != "":
			av.Source = sh.source(a.Source.ID)
		case !a.Source.IsZero():
			av.Source = &SourceView{Publication: a.Source.Publication, Title: a.Source.Title, URL: a.Source.URL}
		}
		if i > 0 {
			av.Prev = sh.self[i-1]
		}
		if i+1 < len(s.Articles) {
			av.Next = sh.self[i+1]
		}
		for _, tag := range a.Tags {
			av.TagLinks = append(av.TagLinks, Link{Text: tag, URL: sh.tag(tag)})
		}
		v.articles = append(v.articles, av)
	}
	v.figures = <-figures
	v.index(s)
	v.shareRowParts(s)
	// Views of meetings, clusters and provinces, with their figures, are
	// independent of each other: they are built on every CPU.
	v.meetings = make([]*MeetingView, len(d.Meetings))
	parallel(len(d.Meetings), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			v.meetings[i] = s.meetingView(d.Meetings[i], v)
		}
	})
	for _, mv := range v.meetings {
		v.meetingByID[mv.ID] = mv
	}
	v.clusters = make([]*ClusterView, len(d.Clusters))
	parallel(len(d.Clusters), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			v.clusters[i] = s.clusterView(d.Clusters[i], v)
		}
	})
	for _, cv := range v.clusters {
		v.clusterByID[cv.ID] = cv
	}
	viet.SortFunc(v.clusters, func(c *ClusterView) string { return c.Label() })
	v.provinces = make([]*ProvinceView, len(d.Provinces))
	parallel(len(d.Provinces), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			v.provinces[i] = s.provinceView(d.Provinces[i], v)
		}
	})
	for _, pv := range v.provinces {
		v.provinceByID[pv.ID] = pv
	}
	viet.SortFunc(v.provinces, func(p *ProvinceView) string { return p.Name })
	v.buildTaxonomies()
	for _, a := range v.articles {
		a.Related = v.related(a, 3)
	}
	return v
}

// sharedLinks makes once the links and texts that many article views
// show, which they share: templates only read them. At 100 000 articles,
// a copy for each article of its neighbours', meeting's, cluster's,
// provinces', source's, tags' and date's was about 60 MB held for the
// build.
type sharedLinks struct {
	s         *Site
	self      []*Link // each article's link to itself, its neighbours' Prev and Next
	meetings  map[*data.Meeting]*Link
	clusters  map[*data.Cluster]*Link
	provinces map[*data.Province]string
	sources   map[string]*SourceView
	tags      map[string]string
	dates     map[civil.Date][2]string
}

func newSharedLinks(s *Site) *sharedLinks {
	sh := &sharedLinks{s: s, self: make([]*Link, len(s.Articles)),
		meetings: map[*data.Meeting]*Link{}, clusters: map[*data.Cluster]*Link{}, provinces: map[*data.Province]string{},
		sources: map[string]*SourceView{}, tags: map[string]string{}, dates: map[civil.Date][2]string{}}
	for i, a := range s.Articles {
		sh.self[i] = &Link{Text: a.Title, URL: articleURL(a.Slug)}
	}
	return sh
}

func (sh *sharedLinks) meeting(m *data.Meeting) *Link {
	l, ok := sh.meetings[m]
	if !ok {
		l = &Link{Text: m.Title, URL: meetingURL(m.ID)}
		sh.meetings[m] = l
	}
	return l
}

func (sh *sharedLinks) cluster(c *data.Cluster) *Link {
	l, ok := sh.clusters[c]
	if !ok {
		l = &Link{Text: c.Label(), URL: clusterURL(c.ID)}
		sh.clusters[c] = l
	}
	return l
}

func (sh *sharedLinks) province(p *data.Province) string {
	u, ok := sh.provinces[p]
	if !ok {
		u = provinceURL(p.ID)
		sh.provinces[p] = u
	}
	return u
}

// source is the citation under an article: its source, without the link
// to the article the source is about, which is the page itself.
func (sh *sharedLinks) source(id string) *SourceView {
	v, ok := sh.sources[id]
	if !ok {
		sv := sh.s.sourceView(id)
		sv.Article = nil
		v = &sv
		sh.sources[id] = v
	}
	return v
}

func (sh *sharedLinks) tag(tag string) string {
	u, ok := sh.tags[tag]
	if !ok {
		u = "/chu-de/" + viet.Slug(tag) + "/"
		sh.tags[tag] = u
	}
	return u
}

// date is the date as readers and as machines read it.
func (sh *sharedLinks) date(d civil.Date) [2]string {
	t, ok := sh.dates[d]
	if !ok {
		t = [2]string{date(d), d.String()}
		sh.dates[d] = t
	}
	return t
}

// index builds the indexes views look things up in.
func (v *views) index(s *Site) {
	v.articleIdx = newArticleIndex(v.articles)
	v.articlesByMeeting = map[string][]*content.Article{}
	for _, a := range s.Articles {
		if a.Meeting != "" {
			v.articlesByMeeting[a.Meeting] = append(v.articlesByMeeting[a.Meeting], a)
		}
	}
	v.figByMeeting = map[string][]int32{}
	v.figByProvince = map[*data.Province][]int32{}
	v.figByCluster = map[*data.Cluster][]int32{}
	for i, f := range v.figures {
		i := int32(i)
		if f.Meeting != "" {
			v.figByMeeting[f.Meeting] = append(v.figByMeeting[f.Meeting], i)
		}
		if p := f.Unit.Province; p != nil {
			v.figByProvince[p] = append(v.figByProvince[p], i)
		}
		if c := f.Unit.Cluster; c != nil {
			v.figByCluster[c] = append(v.figByCluster[c], i)
		}
	}
}

// shareRowParts makes what figure rows share.
func (v *views) shareRowParts(s *Site) {
	v.sources = map[string]*SourceView{"": {}}
	for _, src := range s.Data.Sources {
		sv := s.sourceView(src.ID)
		v.sources[src.ID] = &sv
	}
	v.unitLinks = map[data.Unit]Link{}
	periods := map[string]string{}
	v.periods = make([]string, len(v.figures))
	for i, f := range v.figures {
		if _, ok := v.unitLinks[f.Unit]; !ok {
			v.unitLinks[f.Unit] = unitLink(f.Unit)
		}
		p := f.PeriodLabel()
		if q, ok := periods[p]; ok {
			p = q
		} else {
			periods[p] = p
		}
		v.periods[i] = p
	}
}

// figuresAt returns the figures with the indexes, which are ascending.
func (v *views) figuresAt(idx []int32) []figure {
	out := make([]figure, len(idx))
	for i, k := range idx {
		out[i] = v.figures[k]
	}
	return out
}

// clusterFigures returns, in order, the figures about the cluster: its own,
// and its members' while they were members (see inCluster).
func (v *views) clusterFigures(c *data.Cluster) []figure {
	return v.figuresAt(v.clusterFigureIndexes(c))
}

// clusterFigureIndexes returns the indexes of clusterFigures(c).
func (v *views) clusterFigureIndexes(c *data.Cluster) []int32 {
	idx := slices.Clone(v.figByCluster[c])
	var seen []*data.Province
	for _, m := range c.Members {
		if m.Resolved != nil && !slices.Contains(seen, m.Resolved) {
			seen = append(seen, m.Resolved)
			idx = append(idx, v.figByProvince[m.Resolved]...)
		}
	}
	slices.Sort(idx)
	return slices.DeleteFunc(idx, func(k int32) bool { return !inCluster(c, v.figures[k]) })
}

// figureRows turns the figures with the indexes into rows.
func (v *views) figureRows(idx []int32) []FigureRow {
	if len(idx) == 0 {
		return nil
	}
	out := make([]FigureRow, len(idx))
	for i, k := range idx {
		f := &v.figures[k]
		src, ok := v.sources[f.Source]
		if !ok {
			src = v.sources[""]
		}
		out[i] = FigureRow{Label: f.Label, Unit: v.unitLinks[f.Unit], Value: f.Value, Period: v.periods[k], Source: src}
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
	for _, a := range v.articlesByMeeting[m.ID] {
		if !slices.Contains(slugs, a.Slug) {
			slugs = append(slugs, a.Slug)
		}
	}
	for _, slug := range slugs {
		if a := s.article(slug); a != nil {
			mv.Articles = append(mv.Articles, Link{Text: a.Title, URL: articleURL(slug)})
		}
	}
	for _, id := range m.Sources {
		mv.Sources = append(mv.Sources, s.sourceView(id))
	}
	mv.Figures = v.figureRows(v.figByMeeting[m.ID])
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
	for _, i := range v.articleIdx.byCluster[cv.URL] {
		cv.Articles = append(cv.Articles, v.articles[i])
	}
	cv.Figures = v.figureRows(v.clusterFigureIndexes(c))
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
			pv.Hosted = append(pv.Hosted, mv)
		}
	}
	for _, i := range v.articleIdx.byProvince[pv.URL] {
		pv.Articles = append(pv.Articles, v.articles[i])
	}
	pv.Figures = v.figureRows(v.figByProvince[p])
	return pv
}
