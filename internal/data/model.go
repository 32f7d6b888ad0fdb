package data

import (
	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// SchemaVersion is the newest data schema this generator understands. Files
// state theirs with `schema = N` (TOML) or a "# schema: N" row (CSV).
const SchemaVersion = 1

// Province kinds.
const (
	KindProvince = "tỉnh"
	KindCity     = "thành phố"
)

// Province is a provincial-level unit. Units merged on 2025-07-01 keep
// their records with Until set, so data dated before the merger stays true.
type Province struct {
	ID      string     `toml:"id" required:"true"`
	Name    string     `toml:"name" required:"true"`
	Kind    string     `toml:"kind" required:"true"`
	Aliases []string   `toml:"aliases"`
	Since   civil.Date `toml:"since"`
	// Until is the last day the unit existed on its own; zero if it still does.
	Until civil.Date `toml:"until"`
	// MergedInto names the unit it became part of the day after Until.
	MergedInto string   `toml:"merged_into"`
	Note       string   `toml:"note"`
	Sources    []string `toml:"sources"`

	Pos diag.Pos `toml:"-"`
	// Successor and Predecessors are filled in after loading.
	Successor    *Province   `toml:"-"`
	Predecessors []*Province `toml:"-"`
}

// Lifetime is the period in which the province existed as its own unit.
func (p *Province) Lifetime() civil.Period { return civil.Period{From: p.Since, To: p.Until} }

// Cluster levels.
const (
	// LevelNational is a cluster of provinces under the central association.
	LevelNational = "tỉnh"
	// LevelProvincial is a cluster of district-level associations inside one province.
	LevelProvincial = "huyện"
)

// Cluster is an emulation cluster (cụm thi đua).
type Cluster struct {
	ID          string       `toml:"id" required:"true"`
	Name        string       `toml:"name" required:"true"`
	ShortName   string       `toml:"short_name"`
	Level       string       `toml:"level" required:"true"`
	Province    string       `toml:"province"` // for LevelProvincial: the province it lies in
	Aliases     []string     `toml:"aliases"`
	Description string       `toml:"description"`
	Members     []Membership `toml:"member"`
	Leaders     []Leader     `toml:"leader"`
	Sources     []string     `toml:"sources"`

	Pos diag.Pos `toml:"-"`
	// InProvince is the resolved Province of a provincial-level cluster.
	InProvince *Province `toml:"-"`
}

// Label is the short name when there is one.
func (c *Cluster) Label() string {
	if c.ShortName != "" {
		return c.ShortName
	}
	return c.Name
}

// Membership says a unit belonged to a cluster during a period. Exactly one
// of Province (a province id or name) and Unit (a district-level
// association, by name) is set.
type Membership struct {
	Province string     `toml:"province"`
	Unit     string     `toml:"unit"`
	From     civil.Date `toml:"from"`
	To       civil.Date `toml:"to"`
	Source   string     `toml:"source"`
	Note     string     `toml:"note"`

	Pos      diag.Pos  `toml:"-"`
	Resolved *Province `toml:"-"`
}

// Period is the membership's period.
func (m Membership) Period() civil.Period { return civil.Period{From: m.From, To: m.To} }

// Leader is the cluster's leading association (cụm trưởng) for a term.
type Leader struct {
	Province string     `toml:"province"`
	Unit     string     `toml:"unit"`
	Person   string     `toml:"person"`
	Title    string     `toml:"title"`
	From     civil.Date `toml:"from"`
	To       civil.Date `toml:"to"`
	Term     string     `toml:"term"` // as the source words it: "2021–2026"
	Source   string     `toml:"source"`
	Note     string     `toml:"note"`

	Pos      diag.Pos  `toml:"-"`
	Resolved *Province `toml:"-"`
}

// Period is the leader's term.
func (l Leader) Period() civil.Period { return civil.Period{From: l.From, To: l.To} }

// Meeting kinds.
var MeetingKinds = []string{"giao ban", "sơ kết", "tổng kết"}

// Meeting is one cluster meeting, from data/meetings/<id>.toml.
type Meeting struct {
	Schema      int          `toml:"schema" required:"true"`
	ID          string       `toml:"id"`
	Cluster     string       `toml:"cluster" required:"true"`
	Kind        string       `toml:"kind" required:"true"`
	Title       string       `toml:"title" required:"true"`
	Date        civil.Date   `toml:"date" required:"true"`
	Place       string       `toml:"place" required:"true"`
	Venue       string       `toml:"venue"`
	Host        string       `toml:"host"`
	Period      civil.Period `toml:"period"`
	PeriodLabel string       `toml:"period_label"`
	Summary     string       `toml:"summary"`
	People      []Person     `toml:"person"`
	Decisions   []Decision   `toml:"decision"`
	Handover    *Handover    `toml:"handover"`
	Articles    []string     `toml:"articles"`
	Sources     []string     `toml:"sources"`

	File string   `toml:"-"`
	Pos  diag.Pos `toml:"-"`
	// KeyPos finds where a key ("articles[1]") is written in File.
	KeyPos func(path string) diag.Pos `toml:"-"`
	// Resolved references.
	ClusterRef *Cluster  `toml:"-"`
	HostRef    *Province `toml:"-"`
	PlaceRef   *Province `toml:"-"`
}

// Person roles at a meeting.
var Roles = []string{"chủ trì", "chỉ đạo", "dự", "báo cáo", "phát biểu", "tham luận"}

// Person is someone who chaired, attended or spoke at a meeting.
type Person struct {
	Name         string `toml:"name" required:"true"`
	Title        string `toml:"title" required:"true"`
	Role         string `toml:"role" required:"true"`
	Organization string `toml:"organization"`
	Province     string `toml:"province"`
	Note         string `toml:"note"`
	Source       string `toml:"source"`
}

// Decision is something the meeting agreed, such as "9 key tasks for 2026".
type Decision struct {
	Text   string `toml:"text" required:"true"`
	Count  int    `toml:"count"`
	Source string `toml:"source"`
}

// Handover records the host flag passed to the next host.
type Handover struct {
	To     string `toml:"to" required:"true"`
	For    string `toml:"for"`
	Note   string `toml:"note"`
	Source string `toml:"source"`

	ToRef *Province `toml:"-"`
}

// Source is a publication a figure or fact comes from.
type Source struct {
	ID          string     `toml:"id" required:"true"`
	Publication string     `toml:"publication" required:"true"`
	Title       string     `toml:"title" required:"true"`
	URL         string     `toml:"url"`
	Date        civil.Date `toml:"date"`
	Authors     []string   `toml:"authors"`
	// Article is the slug of this site's article based on the source.
	Article string `toml:"article"`
	Note    string `toml:"note"`

	Pos        diag.Pos `toml:"-"`
	ArticlePos diag.Pos `toml:"-"`
}
