package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

const (
	module     = "github.com/khuyenhoc/khuyenhoc"
	markerFile = ".khuyenhoc-corpus"
	images     = 8
)

// The corpus covers the years the association's clusters have reported
// on, up to the eve of the 2025-07-01 province merger, so every province
// it names exists on every date it is named.
var (
	firstDay = time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDay  = time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
)

// Generate writes a site of n articles for seed into dir, copying the theme
// and provinces from the khuyenhoc source tree (see [FindRoot]).
func Generate(dir string, n int, seed int64) error {
	root, err := FindRoot()
	if err != nil {
		return err
	}
	return GenerateFrom(root, dir, n, seed)
}

// FindRoot locates the khuyenhoc source tree: $KHUYENHOC_ROOT, the nearest
// folder above the working directory holding this module's go.mod, or the
// tree this package was compiled from.
func FindRoot() (string, error) {
	var tried []string
	ok := func(dir string) bool {
		tried = append(tried, dir)
		_, err := os.Stat(filepath.Join(dir, "themes", "default", "layouts", "base.html"))
		return err == nil
	}
	if dir := os.Getenv("KHUYENHOC_ROOT"); dir != "" {
		if ok(dir) {
			return dir, nil
		}
		return "", fmt.Errorf("KHUYENHOC_ROOT=%s holds no themes/default", dir)
	}
	if wd, err := os.Getwd(); err == nil {
		for dir := wd; ; dir = filepath.Dir(dir) {
			if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && isModule(b) && ok(dir) {
				return dir, nil
			}
			if dir == filepath.Dir(dir) {
				break
			}
		}
	}
	if _, file, _, found := runtime.Caller(0); found {
		if dir := filepath.Dir(filepath.Dir(filepath.Dir(file))); ok(dir) {
			return dir, nil
		}
	}
	return "", fmt.Errorf("cannot find the khuyenhoc source tree (tried %s); set KHUYENHOC_ROOT", strings.Join(tried, ", "))
}

func isModule(gomod []byte) bool {
	first, _, _ := bytes.Cut(gomod, []byte("\n"))
	return strings.TrimSpace(string(first)) == "module "+module
}

// GenerateFrom is Generate with the source tree given.
func GenerateFrom(root, dir string, n int, seed int64) error {
	if n < 1 {
		return fmt.Errorf("corpus: n = %d, want at least 1 article", n)
	}
	if err := prepare(dir); err != nil {
		return err
	}
	// The marker goes first, so that a run cut short can be replaced.
	marker := fmt.Appendf(nil, "khuyenhoc corpus: n=%d seed=%d\n", n, seed)
	if err := os.WriteFile(filepath.Join(dir, markerFile), marker, 0o644); err != nil {
		return err
	}
	provinces, cited, err := readProvinces(filepath.Join(root, "data", "provinces.toml"))
	if err != nil {
		return err
	}
	w := newWorld(n, seed, provinces)
	if w.provinceSources, err = readSources(filepath.Join(root, "data", "sources.toml"), cited); err != nil {
		return err
	}
	g := &writer{dir: dir}
	g.copyTree(filepath.Join(root, "themes", "default"), filepath.Join("themes", "default"))
	g.copyFile(filepath.Join(root, "data", "provinces.toml"), filepath.Join("data", "provinces.toml"))
	g.write("site.toml", []byte(siteTOML))
	for i := range images {
		g.write(filepath.Join("static", "images", fmt.Sprintf("anh-%d.svg", i+1)), svg(i))
	}
	g.write(filepath.Join("data", "clusters.toml"), w.clustersTOML())
	g.write(filepath.Join("data", "sources.toml"), w.sourcesTOML())
	for _, m := range w.meetings {
		g.write(filepath.Join("data", "meetings", m.id+".toml"), w.meetingTOML(m))
	}
	for name, b := range w.tables() {
		g.write(filepath.Join("data", "tables", name+".csv"), b)
	}
	if g.err != nil {
		return g.err
	}
	return w.writeArticles(dir, seed)
}

// prepare makes dir an empty folder, replacing an earlier corpus but never
// anything else.
func prepare(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return err
	case len(entries) == 0:
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, markerFile)); err != nil {
		return fmt.Errorf("corpus: %s is not empty and holds no %s; refusing to replace it", dir, markerFile)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

type writer struct {
	dir string
	err error
}

func (g *writer) write(rel string, b []byte) {
	if g.err != nil {
		return
	}
	full := filepath.Join(g.dir, rel)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		g.err = err
		return
	}
	g.err = os.WriteFile(full, b, 0o644)
}

func (g *writer) copyFile(src, rel string) {
	if g.err != nil {
		return
	}
	b, err := os.ReadFile(src)
	if err != nil {
		g.err = err
		return
	}
	g.write(rel, b)
}

func (g *writer) copyTree(src, rel string) {
	if g.err != nil {
		return
	}
	g.err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		r, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		g.copyFile(p, filepath.Join(rel, r))
		return g.err
	})
}

// province is what the corpus needs of data/provinces.toml.
type province struct {
	ID, Name, Kind string
	Until          time.Time
}

// readProvinces reads the sample provinces and the ids of the sources
// they cite.
func readProvinces(file string) ([]*province, []string, error) {
	var f struct {
		Province []struct {
			ID      string    `toml:"id"`
			Name    string    `toml:"name"`
			Kind    string    `toml:"kind"`
			Until   time.Time `toml:"until"`
			Sources []string  `toml:"sources"`
		} `toml:"province"`
	}
	if _, err := toml.DecodeFile(file, &f); err != nil {
		return nil, nil, fmt.Errorf("corpus: reading provinces: %w", err)
	}
	var out []*province
	var cited []string
	for _, p := range f.Province {
		out = append(out, &province{ID: p.ID, Name: p.Name, Kind: p.Kind, Until: p.Until})
		for _, s := range p.Sources {
			cited = appendNew(cited, s)
		}
	}
	if len(out) < 8 {
		return nil, nil, fmt.Errorf("corpus: %s lists only %d provinces", file, len(out))
	}
	return out, cited, nil
}

// sampleSource is a source of the sample site the provinces cite.
type sampleSource struct {
	ID          string    `toml:"id"`
	Publication string    `toml:"publication"`
	Title       string    `toml:"title"`
	URL         string    `toml:"url"`
	Date        time.Time `toml:"date"`
	Note        string    `toml:"note"`
}

func readSources(file string, ids []string) ([]sampleSource, error) {
	var f struct {
		Source []sampleSource `toml:"source"`
	}
	if _, err := toml.DecodeFile(file, &f); err != nil {
		return nil, fmt.Errorf("corpus: reading sources: %w", err)
	}
	var out []sampleSource
	for _, id := range ids {
		i := slices.IndexFunc(f.Source, func(s sampleSource) bool { return s.ID == id })
		if i < 0 {
			return nil, fmt.Errorf("corpus: the provinces cite source %q, which %s does not have", id, file)
		}
		out = append(out, f.Source[i])
	}
	return out, nil
}

func (p *province) current() bool { return p.Until.IsZero() }

type person struct {
	Name, Title, Org string
	Province         *province
}

// honorific is how an article names a person: "ông Nguyễn Văn An".
func (p person) honorific() string {
	if strings.Contains(p.Name, " Thị ") {
		return "bà " + p.Name
	}
	return "ông " + p.Name
}

// cluster is a cluster of provinces (regional: members partition the
// provinces, as the real national clusters do) or of district associations
// inside one province.
type cluster struct {
	id, name, short, region string
	district                bool
	in                      *province   // the province of a district cluster
	members                 []*province // of a regional cluster
	units                   []string    // of a district cluster
	people                  []person
	meetings                []*meeting
	articles                []*article
}

// size is the number of members.
func (c *cluster) size() int { return len(c.members) + len(c.units) }

// provinces are those an article about the cluster may name.
func (c *cluster) provinces() []*province {
	if c.district {
		return []*province{c.in}
	}
	return c.members
}

type attendance struct {
	person
	Role string
}

// A meeting is hosted by a member, which hands the host flag on to
// another: provinces in a regional cluster, units in a district one.
type meeting struct {
	id       string
	cluster  *cluster
	date     time.Time
	kind     string
	place    *province
	host     string // as the meeting file names it: a province id or a unit
	hostName string
	next     string
	nextName string
	people   []attendance
	articles []*article
}

func (m *meeting) title() string {
	return fmt.Sprintf("Hội nghị %s công tác khuyến học %s %s", m.kind, m.periodLabel(), m.cluster.short)
}

func (m *meeting) periodLabel() string {
	if m.date.Month() <= 8 && m.kind != "tổng kết" {
		return fmt.Sprintf("6 tháng đầu năm %d", m.date.Year())
	}
	return fmt.Sprintf("năm %d", m.date.Year())
}

func (m *meeting) sourceID() string { return "nguon-" + m.id }

type article struct {
	i         int
	slug      string
	title     string
	date      time.Time
	meeting   *meeting
	cluster   *cluster
	provinces []*province
	tags      []string
	author    string
	image     int
	links     []*article // other articles it links to
}

// world is the whole generated site before it is written.
type world struct {
	n         int
	seed      int64
	provinces []*province
	current   []*province // existing after the merger
	clusters  []*cluster
	national  []person
	meetings  []*meeting // by date, then id
	articles  []*article
	// provinceSources are the sample sources data/provinces.toml cites.
	provinceSources []sampleSource
}

func newWorld(n int, seed int64, provinces []*province) *world {
	r := rand.New(rand.NewPCG(uint64(seed), 0x6b687579656e686f))
	w := &world{n: n, seed: seed, provinces: provinces}
	for _, p := range provinces {
		if p.current() {
			w.current = append(w.current, p)
		}
	}
	names := newNamer(r)
	for _, t := range nationalTitles {
		w.national = append(w.national, person{Name: names.next(), Title: t, Org: "Hội Khuyến học Việt Nam"})
	}
	nc := max(4, n/500)
	regional := min(nc, len(regions))
	for k := range regional {
		region := regions[k]
		w.clusters = append(w.clusters, &cluster{
			id:     fmt.Sprintf("cum-%d-%s", k+1, viet.Slug(region)),
			name:   fmt.Sprintf("Cụm thi đua khuyến học số %d vùng %s", k+1, region),
			short:  fmt.Sprintf("Cụm %d %s", k+1, region),
			region: region,
		})
	}
	// Every province belongs to one regional cluster.
	for i, pi := range r.Perm(len(provinces)) {
		c := w.clusters[i%regional]
		c.members = append(c.members, provinces[pi])
	}
	for _, c := range w.clusters {
		if !anyCurrent(c.members) {
			c.members = append(c.members, w.current[r.IntN(len(w.current))])
		}
	}
	for k := regional; k < nc; k++ {
		p := w.current[r.IntN(len(w.current))]
		c := &cluster{
			id:       fmt.Sprintf("cum-huyen-%d-%s", k+1, p.ID),
			name:     fmt.Sprintf("Cụm thi đua khuyến học số %d các huyện tỉnh %s", k+1, p.Name),
			short:    fmt.Sprintf("Cụm huyện %d %s", k+1, p.Name),
			region:   p.Name,
			district: true,
			in:       p,
		}
		for len(c.units) < 4+r.IntN(4) {
			c.units = appendNew(c.units, "Hội Khuyến học huyện "+districtPrefix[r.IntN(len(districtPrefix))]+" "+districtSuffix[r.IntN(len(districtSuffix))])
		}
		w.clusters = append(w.clusters, c)
	}
	for _, c := range w.clusters {
		for range 6 {
			if c.district {
				unit := c.units[r.IntN(len(c.units))]
				c.people = append(c.people, person{Name: names.next(), Title: "Chủ tịch " + unit, Org: unit, Province: c.in})
				continue
			}
			p := c.members[r.IntN(len(c.members))]
			title := strings.ReplaceAll(provincialTitles[r.IntN(len(provincialTitles))], "{P}", p.Name)
			c.people = append(c.people, person{Name: names.next(), Title: title, Org: "Hội Khuyến học tỉnh " + p.Name, Province: p})
		}
	}

	nm := max(4, n/20)
	days := int(lastDay.Sub(firstDay).Hours()/24) + 1
	taken := map[string]bool{}
	for j := range nm {
		c := w.clusters[j%nc]
		m := &meeting{cluster: c, kind: meetingKinds[r.IntN(len(meetingKinds))]}
		for {
			m.date = firstDay.AddDate(0, 0, r.IntN(days))
			m.id = m.date.Format(time.DateOnly) + "-" + c.id
			if !taken[m.id] {
				taken[m.id] = true
				break
			}
		}
		hi := r.IntN(c.size())
		ni := (hi + 1 + r.IntN(c.size()-1)) % c.size()
		if c.district {
			m.place = c.in
			m.host, m.next = c.units[hi], c.units[ni]
			m.hostName, m.nextName = m.host, m.next
		} else {
			m.place = c.members[hi]
			m.host, m.next = c.members[hi].ID, c.members[ni].ID
			m.hostName, m.nextName = "Hội Khuyến học tỉnh "+c.members[hi].Name, "Hội Khuyến học tỉnh "+c.members[ni].Name
		}
		m.people = append(m.people, attendance{w.national[r.IntN(len(w.national))], "chỉ đạo"})
		m.people = append(m.people, attendance{c.people[r.IntN(len(c.people))], "chủ trì"})
		roles := []string{"báo cáo", "phát biểu", "tham luận", "dự"}
		for _, i := range r.Perm(len(c.people))[:1+r.IntN(3)] {
			if c.people[i].Name != m.people[1].Name {
				m.people = append(m.people, attendance{c.people[i], roles[r.IntN(len(roles))]})
			}
		}
		c.meetings = append(c.meetings, m)
		w.meetings = append(w.meetings, m)
	}
	sortMeetings(w.meetings)

	for i := range n {
		a := &article{i: i, author: authors[r.IntN(len(authors))], image: r.IntN(images)}
		switch x := r.IntN(100); {
		case x < 60:
			a.meeting = w.meetings[r.IntN(nm)]
			a.cluster = a.meeting.cluster
			a.date = minTime(a.meeting.date.AddDate(0, 0, r.IntN(4)), lastDay)
			a.provinces = append(a.provinces, a.meeting.place)
			a.meeting.articles = append(a.meeting.articles, a)
		case x < 85:
			a.cluster = w.clusters[r.IntN(nc)]
			a.date = firstDay.AddDate(0, 0, r.IntN(days))
		default:
			a.date = firstDay.AddDate(0, 0, r.IntN(days))
			a.provinces = append(a.provinces, provinces[r.IntN(len(provinces))])
		}
		if c := a.cluster; c != nil {
			c.articles = append(c.articles, a)
			for range 1 + r.IntN(3) {
				ps := c.provinces()
				a.provinces = appendNew(a.provinces, ps[r.IntN(len(ps))])
			}
		}
		for range 2 + r.IntN(3) {
			a.tags = appendNew(a.tags, tags[r.IntN(len(tags))])
		}
		a.title = w.title(r, a)
		a.slug = fmt.Sprintf("%s-%s-%d", a.date.Format(time.DateOnly), shortSlug(a.title, 8), i+1)
		w.articles = append(w.articles, a)
	}
	for _, a := range w.articles {
		if n > 1 {
			for range 2 + r.IntN(2) {
				if b := w.articles[r.IntN(n)]; b != a {
					a.links = appendNew(a.links, b)
				}
			}
		}
	}
	return w
}

func anyCurrent(ps []*province) bool {
	for _, p := range ps {
		if p.current() {
			return true
		}
	}
	return false
}

func appendNew[T comparable](s []T, v T) []T {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func sortMeetings(ms []*meeting) {
	slices.SortFunc(ms, func(a, b *meeting) int {
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
}

// shortSlug is the slug of the first words of s.
func shortSlug(s string, words int) string {
	parts := strings.Split(viet.Slug(s), "-")
	return strings.Join(parts[:min(words, len(parts))], "-")
}

// namer hands out distinct Vietnamese names.
type namer struct {
	r    *rand.Rand
	used map[string]bool
}

func newNamer(r *rand.Rand) *namer { return &namer{r: r, used: map[string]bool{}} }

func (nm *namer) next() string {
	for tries := 0; ; tries++ {
		name := familyNames[nm.r.IntN(len(familyNames))] + " " + middleNames[nm.r.IntN(len(middleNames))] + " " + givenNames[nm.r.IntN(len(givenNames))]
		if tries > 20 {
			// The three-part names are used up: add a second given name.
			name += " " + givenNames[nm.r.IntN(len(givenNames))]
		}
		if !nm.used[name] {
			nm.used[name] = true
			return name
		}
	}
}

func (w *world) title(r *rand.Rand, a *article) string {
	pat := titlePatterns[r.IntN(len(titlePatterns))]
	c := a.cluster
	if c == nil {
		c = w.clusters[r.IntN(len(w.clusters))]
	}
	period := fmt.Sprintf("năm %d", a.date.Year())
	if a.meeting != nil {
		period = a.meeting.periodLabel()
	}
	p2 := w.provinces[r.IntN(len(w.provinces))]
	return strings.NewReplacer(
		"{C}", c.short, "{P}", a.provinces[0].Name, "{P2}", p2.Name, "{period}", period,
		"{topic}", titleTopics[r.IntN(len(titleTopics))], "{verb}", titleVerbs[r.IntN(len(titleVerbs))],
	).Replace(pat)
}

// writeArticles renders and writes the articles on every CPU; each article
// has its own random source, so the result does not depend on scheduling.
func (w *world) writeArticles(dir string, seed int64) error {
	news := filepath.Join(dir, "content", "news")
	if err := os.MkdirAll(news, 0o755); err != nil {
		return err
	}
	jobs := make(chan *article)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for a := range jobs {
				buf.Reset()
				r := rand.New(rand.NewPCG(uint64(seed), uint64(a.i)+1))
				w.renderArticle(&buf, r, a)
				if err := os.WriteFile(filepath.Join(news, a.slug+".md"), buf.Bytes(), 0o644); err != nil {
					mu.Lock()
					first = cmpErr(first, err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, a := range w.articles {
		jobs <- a
	}
	close(jobs)
	wg.Wait()
	return first
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

func svg(i int) []byte {
	colors := []string{"#b03a2e", "#1f618d", "#117a65", "#b7950b", "#6c3483", "#a04000", "#2e4053", "#196f3d"}
	var b bytes.Buffer
	bw := bufio.NewWriter(&b)
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 120 80">`+"\n")
	fmt.Fprintf(bw, `<title>%s</title>`+"\n", imageAlts[i%len(imageAlts)])
	fmt.Fprintf(bw, `<rect width="120" height="80" fill="%s"/>`+"\n", colors[i%len(colors)])
	fmt.Fprintf(bw, `<circle cx="%d" cy="40" r="18" fill="#fdfefe" opacity="0.8"/>`+"\n", 30+i*8)
	fmt.Fprintf(bw, "</svg>\n")
	bw.Flush()
	return b.Bytes()
}

const siteTOML = `# A generated benchmark corpus (internal/corpus). See docs/data-format.md.
title = "Khuyến học — Cụm thi đua"
base_url = "https://example.org/"
language = "vi"
description = "Tin tức, hội nghị và số liệu của các cụm thi đua khuyến học: quỹ khuyến học, hội viên, học bổng, mô hình học tập."
per_page = 10
license = "CC BY 4.0"

[[menu]]
name = "Tin tức"
url = "/tin-tuc/"

[[menu]]
name = "Hội nghị"
url = "/hoi-nghi/"

[[menu]]
name = "Cụm thi đua"
url = "/cum-thi-dua/"

[[menu]]
name = "Tỉnh, thành phố"
url = "/tinh/"

[[menu]]
name = "Dữ liệu"
url = "/du-lieu/"

[[menu]]
name = "Chủ đề"
url = "/chu-de/"
`
