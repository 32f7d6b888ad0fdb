package site

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/search"
)

// Stats describes a finished build.
type Stats struct {
	Kinds  []KindCount
	Files  int
	Bytes  int64
	Phases []Phase
}

// BuildOptions say where to write.
type BuildOptions struct {
	// Output is the folder to (re)place, e.g. "public".
	Output string
	// Source is the site folder on disk, so the output can never be it.
	Source string
	// Force allows replacing an output folder khuyenhoc did not create.
	Force bool
	// DryRun renders and checks everything but writes nothing (check).
	DryRun bool
}

// output collects what a build writes, in a temporary folder.
type output struct {
	dir   string // "" in a dry run
	files atomic.Int64
	bytes atomic.Int64
	mu    sync.Mutex
	paths map[string]bool // every file written, as site path without leading /
}

func (o *output) write(p string, b []byte) error {
	o.mu.Lock()
	o.paths[p] = true
	o.mu.Unlock()
	o.files.Add(1)
	o.bytes.Add(int64(len(b)))
	if o.dir == "" {
		return nil
	}
	full := filepath.Join(o.dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	return os.WriteFile(full, b, 0o644)
}

// Build renders the site. Problems found while rendering (a template error,
// a broken link) are returned as diagnostics; the output folder is replaced
// only when there are none.
func (s *Site) Build(ctx context.Context, opt BuildOptions) (*Stats, *diag.List) {
	l := &diag.List{}
	out := &output{paths: map[string]bool{}}
	var target string
	if !opt.DryRun {
		var err error
		target, err = checkOutputDir(opt.Output, opt.Source, opt.Force)
		if err != nil {
			l.Errorf(diag.Pos{File: opt.Output}, "%v", err).Hint = hintFor(err)
			return nil, l
		}
		out.dir, err = os.MkdirTemp(filepath.Dir(target), "."+filepath.Base(target)+".building-")
		if err != nil {
			l.Errorf(diag.Pos{File: opt.Output}, "cannot create the build folder: %v", err)
			return nil, l
		}
		defer os.RemoveAll(out.dir) // a no-op after a successful swap
	}
	// Every file but the pages is written first, so that with the pages'
	// own files the link checker knows every file before the first page
	// renders and checks links as it goes.
	s.timed("files", func() { s.writeFiles(out, l) })
	files := maps.Clone(out.paths)
	for _, p := range s.Pages {
		files[outputFile(p.Path)] = true
	}
	links := newLinkIndex(s.Config.BasePath(), files)
	s.timed("render", func() { s.renderPages(ctx, out, links, l) })
	s.timed("links", func() { links.check(s, l) })
	if err := ctx.Err(); err != nil {
		l.Errorf(diag.Pos{}, "build interrupted: %v", err)
	}
	if l.HasErrors(false) {
		return nil, l
	}
	if !opt.DryRun {
		s.timed("swap", func() {
			if err := out.write(markerFile, []byte(markerText)); err != nil {
				l.Errorf(diag.Pos{File: opt.Output}, "cannot write: %v", err)
				return
			}
			if err := swapIn(out.dir, target); err != nil {
				l.Errorf(diag.Pos{File: opt.Output}, "cannot replace the output folder: %v", err)
			}
		})
	}
	return &Stats{Kinds: s.KindCounts(), Files: int(out.files.Load()), Bytes: out.bytes.Load(), Phases: s.Phases}, l
}

// renderPages executes every page's layout on a pool of workers, one per
// CPU; the site is read-only so they share it without locks.
func (s *Site) renderPages(ctx context.Context, out *output, links *linkIndex, l *diag.List) {
	jobs := make(chan *Page)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for p := range jobs {
				buf.Reset()
				if err := s.renderPage(&buf, p); err != nil {
					e := l.Errorf(diag.Pos{File: p.Origin}, "rendering %s: %v", p.Path, err)
					e.Hint = "a layout in themes/" + s.Config.Theme + "/layouts or layouts/ failed on this page"
					continue
				}
				file := outputFile(p.Path)
				links.scan(file, p, buf.Bytes())
				if err := out.write(file, buf.Bytes()); err != nil {
					l.Errorf(diag.Pos{File: file}, "cannot write: %v", err)
				}
			}
		}()
	}
	for _, p := range s.Pages {
		if ctx.Err() != nil {
			break
		}
		jobs <- p
	}
	close(jobs)
	wg.Wait()
}

// renderPage renders one page; an article's Markdown is converted here, in
// the worker, so the expensive part runs in parallel.
func (s *Site) renderPage(w io.Writer, p *Page) error {
	if p.Kind == "article" {
		body, err := s.Markdown.Render(p.Article.Body)
		if err != nil {
			return err
		}
		pc := *p
		pc.Body = body
		p = &pc
	}
	return s.Theme.Render(w, p.Kind, p)
}

// writeFiles copies static files and writes the data downloads.
func (s *Site) writeFiles(out *output, l *diag.List) {
	err := s.Theme.Static(func(p string, fsys fs.FS) error {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return out.write(p, b)
	})
	if err != nil {
		l.Errorf(diag.Pos{File: "static"}, "copying static files: %v", err)
	}
	for _, ds := range s.Data.Datasets {
		if err := out.write(outputFile(originalCSVURL(ds.Spec.Name)), ds.Raw); err != nil {
			l.Errorf(diag.Pos{File: ds.Path}, "cannot write: %v", err)
		}
	}
	for _, t := range s.tables {
		if err := out.write(outputFile(tableCSVURL(t.Name)), tableCSV(t)); err != nil {
			l.Errorf(diag.Pos{File: t.Source}, "cannot write: %v", err)
		}
		if err := out.write(outputFile(tableJSONURL(t.Name)), tableJSON(t)); err != nil {
			l.Errorf(diag.Pos{File: t.Source}, "cannot write: %v", err)
		}
	}
	extra := map[string][]byte{
		"sitemap.xml":              s.sitemap(),
		"robots.txt":               s.robots(),
		outputFile(datapackageURL): s.datapackage(s.tables),
	}
	for _, f := range s.feedSets() {
		extra[outputFile(rssURL(f.prefix))] = s.rss(f)
		extra[outputFile(atomURL(f.prefix))] = s.atom(f)
	}
	for name, b := range extra {
		if err := out.write(name, b); err != nil {
			l.Errorf(diag.Pos{File: name}, "cannot write: %v", err)
		}
	}
	docs, meta := s.searchDocs()
	if files, err := search.Build(docs, meta); err != nil {
		l.Errorf(diag.Pos{File: searchURL}, "building the search index: %v", err)
	} else {
		for name, b := range files {
			if err := out.write(name, b); err != nil {
				l.Errorf(diag.Pos{File: name}, "cannot write: %v", err)
			}
		}
	}
	for _, c := range s.allCharts() {
		if err := out.write(outputFile(c.CSVURL), c.CSV); err != nil {
			l.Errorf(diag.Pos{File: c.CSVURL}, "cannot write: %v", err)
		}
	}
}

func (s *Site) allCharts() []ChartView {
	var out []ChartView
	seen := map[string]bool{}
	add := func(cs []ChartView) {
		for _, c := range cs {
			if !seen[c.ID] {
				seen[c.ID] = true
				out = append(out, c)
			}
		}
	}
	for _, p := range s.Pages {
		add(p.Charts)
	}
	for _, m := range s.views.meetings {
		add(m.Charts)
	}
	for _, c := range s.views.clusters {
		add(c.Charts)
	}
	for _, p := range s.views.provinces {
		add(p.Charts)
	}
	return out
}

// Summary is the one-line report printed after a build.
func (st *Stats) Summary(total time.Duration) string {
	pages := 0
	for _, k := range st.Kinds {
		pages += k.N
	}
	return fmt.Sprintf("%d pages, %d files (%s) in %s", pages, st.Files, humanBytes(st.Bytes), total.Round(time.Millisecond))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
