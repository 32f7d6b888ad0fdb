// Package site turns a site folder into a portal: it loads the settings,
// data and articles, checks them against each other, lays out one page per
// URL and renders them into the output folder.
//
// Reading it top-down is reading the build:
//
//	s, diags := site.Load(fsys, opts)   // config, data, content, theme, cross-checks, pages
//	stats, err := s.Build(ctx, "public") // render in parallel, static files, link check, swap in
//
// Load never stops at the first problem: every file is read and every
// reference checked, and all diagnostics come back together. Build writes
// into a fresh folder beside the output and replaces the output only when
// everything succeeded, so a failed build leaves the previous site as it was.
package site

import (
	"cmp"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/config"
	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/data"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/history"
	"github.com/khuyenhoc/khuyenhoc/internal/progress"
	"github.com/khuyenhoc/khuyenhoc/internal/theme"
	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// Options change how a site is loaded.
type Options struct {
	// Drafts publishes articles marked draft = true.
	Drafts bool
	// BaseURL overrides site.toml's base_url (--base-url).
	BaseURL string
	// Today decides which articles are future-dated: those are published
	// only with Drafts or Preview. Zero means no article is in the future.
	Today civil.Date
	// Preview (serve) shows drafts and future-dated articles, marked.
	Preview bool
	// History tells each dataset page when its data changed; nil means
	// the history is not looked up. Its File is called from several
	// goroutines at once.
	History Histories
	// Progress, if not nil, is kept up to date with the phase the load
	// and build are in, and the pages rendered.
	Progress *progress.Tracker
	// TextBudget is how many bytes of article text stay in memory after
	// loading; the rest is read again when its page renders. 0 means
	// 32 MB: most of a site of 1 000 articles, a fraction of 10 000 and
	// 100 000. Reading an article again costs about as little at 10 000
	// articles as keeping it (no change in CPU time measured), and at
	// 100 000 the 96 MB less held spares the collector work under the
	// memory limit.
	TextBudget int64
}

// Histories gives the change history of a file in the site folder.
type Histories interface {
	File(path string, keyCols []string) history.History
}

// historyReaders is how many tables' histories are read at once. Each is
// one git process or more, which mostly start and wait: one at a time,
// the ten tables of the sample site took most of its build (0.9 s of
// 1.2 s).
const historyReaders = 4

// readHistories starts reading the history of every table, while the
// caller goes on, and returns the function that waits for them. A nil
// repo reads none. The histories are in the tables' order.
func readHistories(repo Histories, tables []data.PublishedTable) func() []history.History {
	out := make([]history.History, len(tables))
	if repo == nil {
		for i := range out {
			out[i] = history.History{Unavailable: "bản dựng này không tra lịch sử git"}
		}
		return func() []history.History { return out }
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(historyReaders, len(tables)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(tables); i = int(next.Add(1)) - 1 {
				out[i] = repo.File(tables[i].Source, tables[i].Key)
			}
		})
	}
	return func() []history.History {
		wg.Wait()
		return out
	}
}

// Site is a loaded, checked site, ready to build. It is read-only after
// Load, which lets pages render concurrently.
type Site struct {
	Config   *config.Config
	Data     *data.Data
	Articles []*content.Article // published, newest first
	Theme    *theme.Theme
	Markdown *content.Markdown

	Pages  []*Page
	Phases []Phase

	fsys   fs.FS
	views  *views
	bySlug map[string]*content.Article // published articles by slug
	tables []data.PublishedTable
	// histories of each table's source file, in the same order.
	histories []history.History
	today     civil.Date
	// built is set by a successful Build that wrote files; EditArticle
	// uses it.
	built *built
	// pageByFile finds the page of an output file, for RenderFile.
	pageByFile map[string]*Page
	// mentions knows the people each article names.
	mentions *mentionIndex
	// progress is Options.Progress.
	progress *progress.Tracker
	// searchIn is what the search index was built from, kept so that an
	// edit rebuilds the index without reducing every article to text.
	searchIn searchInput
	// searchFeed, during a one-off build's render, takes each article's
	// text for the search index as its page reads it.
	searchFeed *searchFeed
}

// Phase is one timed step of loading or building.
type Phase struct {
	Name     string
	Duration time.Duration
}

func (s *Site) timed(name string, f func()) {
	s.progress.Phase(name, 0)
	start := time.Now()
	f()
	s.Phases = append(s.Phases, Phase{name, time.Since(start)})
}

// timedAlongside runs f while the phases after it go on, and returns a
// function that waits for it and then records its time. The progress line
// shows the phases that run meanwhile.
func (s *Site) timedAlongside(name string, f func()) (wait func()) {
	done := make(chan time.Duration, 1)
	go func() {
		start := time.Now()
		f()
		done <- time.Since(start)
	}()
	return func() { s.Phases = append(s.Phases, Phase{name, <-done}) }
}

// Load reads and checks the site in fsys. The returned list holds every
// error and warning found; the Site is usable for Build only when the list
// has no errors.
func Load(fsys fs.FS, opt Options) (*Site, *diag.List) {
	l := &diag.List{}
	s := &Site{fsys: fsys, progress: opt.Progress}
	s.timed("config", func() {
		s.Config = config.Load(fsys, l)
		if opt.BaseURL != "" {
			if err := s.Config.SetBaseURL(opt.BaseURL); err != nil {
				l.Errorf(diag.Pos{File: "--base-url"}, "%v", err).Hint = "write the full address, e.g. --base-url https://example.org/khuyenhoc/"
			}
		}
	})
	// The data first: it names the people whom the articles are searched
	// for as they are read. The text of a large site does not stay in
	// memory past keepBodies; it is read again when its page renders.
	var all []*content.Article
	s.timed("data+content", func() {
		s.Data = data.Load(fsys, l)
		s.mentions = newMentionIndex(s.Data)
		all = content.LoadWith(fsys, content.LoadOptions{Visit: s.mentions.visit, KeepBodies: cmp.Or(opt.TextBudget, 32<<20)}, l)
	})
	s.timed("check", func() {
		for _, a := range all {
			future := !opt.Today.IsZero() && a.Date.After(opt.Today)
			if (!a.Draft && !future) || opt.Drafts || opt.Preview {
				s.Articles = append(s.Articles, a)
			}
		}
		s.today = opt.Today
		s.bySlug = make(map[string]*content.Article, len(s.Articles))
		for _, a := range s.Articles {
			if _, dup := s.bySlug[a.Slug]; !dup {
				s.bySlug[a.Slug] = a
			}
		}
		s.checkArticles(all, l)
		// Front matter positions serve only these checks; a large site
		// would keep a key index for each of 100 000 articles.
		for _, a := range all {
			a.Doc, a.KeyPos = nil, nil
		}
		// So do the meetings' (their key index and decoded document held
		// ~40 MB at 100k, 5 000 meetings, through the build).
		for _, m := range s.Data.Meetings {
			m.KeyPos = nil
		}
	})
	s.timed("theme", func() {
		s.Theme = theme.Load(fsys, s.Config.Theme, s.funcs(), l)
		s.Markdown = content.NewMarkdown(content.MarkdownOptions{UnsafeHTML: s.Config.UnsafeHTML, BasePath: s.Config.BasePath(),
			Pictures:    content.NewPictures(fsys, "static", "themes/"+s.Config.Theme+"/static"),
			ReservedIDs: s.Theme.LiteralIDs("article")})
		for _, k := range requiredKinds {
			if !s.Theme.Has(k) && l.Len() == 0 {
				l.Errorf(diag.Pos{File: "themes/" + s.Config.Theme + "/layouts/" + k + ".html"}, "theme has no layout for %s pages", k)
			}
		}
	})
	if l.HasErrors(false) {
		return s, l
	}
	s.timed("pages", func() {
		// The tables the data publishes (and their git histories) need
		// none of the views: they are made meanwhile, on the other CPU.
		var histories func() []history.History
		published := make(chan struct{})
		go func() {
			defer close(published)
			s.tables = s.Data.Publish()
			histories = readHistories(opt.History, s.tables)
		}()
		s.views = buildViews(s, l)
		<-published
		s.histories = histories()
		s.Pages = s.layoutPages(l)
	})
	return s, l
}

// text returns an article's Markdown, reading it again if Load let it go.
func (s *Site) text(a *content.Article) ([]byte, error) { return a.Text(s.fsys) }

// requiredKinds are the page kinds every theme must provide.
var requiredKinds = []string{"home", "news", "article", "meetings", "meeting", "clusters", "cluster", "provinces", "province", "data", "dataset", "taxonomy", "term", "search", "404"}

func (s *Site) funcs() template.FuncMap {
	return template.FuncMap{
		"relURL":    func(p string) string { return s.Config.RelURL(p) },
		"absURL":    func(p string) string { return s.Config.AbsURL(p) },
		"add":       func(a, b int) int { return a + b },
		"personURL": func(name string) string { return "/nhan-vat/" + viet.Slug(name) + "/" },
		"seq": func(n int) []int {
			out := make([]int, n)
			for i := range out {
				out[i] = i + 1
			}
			return out
		},
	}
}

// KindCounts returns how many pages of each kind the site has, by kind name.
func (s *Site) KindCounts() []KindCount {
	m := map[string]int{}
	for _, p := range s.Pages {
		m[p.Kind]++
	}
	var out []KindCount
	for k, n := range m {
		out = append(out, KindCount{k, n})
	}
	slices.SortFunc(out, func(a, b KindCount) int { return strings.Compare(a.Kind, b.Kind) })
	return out
}

// KindCount is a number of pages of one kind.
type KindCount struct {
	Kind string
	N    int
}

func (k KindCount) String() string { return fmt.Sprintf("%s %d", k.Kind, k.N) }
