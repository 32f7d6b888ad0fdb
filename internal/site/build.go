package site

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/content"
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
	// Lazy writes every file but the pages, which RenderFile renders one
	// at a time when asked: the preview renders only the pages viewed.
	// Links are then checked page by page. The search index is left to
	// SearchUpdate. A lazy build is Editable.
	Lazy bool
	// Editable keeps what EditArticle and SearchUpdate need after the
	// build: the text of every article as the search index reads it, and
	// the ids of every page. A one-off build lets them go as soon as it
	// can (at 100 000 articles the search text alone is half a gigabyte).
	Editable bool

	// newWriter opens the writer for the build folder; tests set it to
	// inject failures. nil means newDirWriter.
	newWriter func(dir string) (fileWriter, error)
}

// Build renders the site. Problems found while rendering (a template error,
// a broken link) are returned as diagnostics; the output folder is replaced
// only when there are none.
func (s *Site) Build(ctx context.Context, opt BuildOptions) (*Stats, *diag.List) {
	l := &diag.List{}
	if err := ctx.Err(); err != nil {
		l.Errorf(diag.Pos{}, "build interrupted: %v", err).Hint = "nothing was written"
		return nil, l
	}
	out := newOutput(opt.Output, l)
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out.cancel = cancel
	var target string
	var foreign <-chan []string
	if !opt.DryRun {
		var ok bool
		if target, foreign, ok = s.prepareOutput(opt, out); !ok {
			return nil, l
		}
		defer building.Delete(out.dir)
		defer os.RemoveAll(out.dir) // a no-op after a successful swap
		defer out.w.Close()
		// Runs first: no writer may add files after the folder is gone.
		defer out.drain()
		out.startWriters(ctx)
	}
	// Every file but the pages is written first, so that with the pages'
	// own files the link checker knows every file before the first page
	// renders and checks links as it goes.
	s.timed("files", func() { s.writeFiles(out, l) })
	searched := func() {}
	switch {
	case ctx.Err() != nil:
	case opt.Lazy:
		// The preview gets its index from SearchUpdate, off the path
		// from a save to the page: only the documents are made here.
		s.timed("search", func() {
			docs, meta := s.searchDocs()
			s.searchIn = searchInput{docs: docs, meta: meta}
		})
	case !opt.Editable:
		// The render workers hand each article's text to the index as
		// they read it; the index is written once they are done.
		searched = s.searchFromRender(ctx, out, l)
	case searchAlongside():
		// The index is built while the pages render: parts of its work
		// use one CPU only, and rendering fills the other.
		searched = s.timedAlongside("search", func() { s.writeSearch(out, l) })
	default:
		s.timed("search", func() { s.writeSearch(out, l) })
	}
	out.claimPages(s.Pages)
	// The index's shards are named by their content and linked from no
	// page, but a page may name the manifest.
	links := newLinkIndex(s.Config.BasePath(), out.frozen(), search.ManifestFile)
	if opt.Lazy {
		links.lenient = true
	} else {
		// A one-off build reads each article once more at most (to place
		// an error), from its file: the bodies kept since loading, 32 MB,
		// are let go as their pages render, and the heap, which grows to
		// three times what is live (GOGC=200), stays ~100 MB smaller.
		s.timed("render", func() { s.renderPages(ctx, out, links, l, !opt.Editable) })
	}
	searched()
	if ctx.Err() == nil && !opt.Lazy {
		// A stopped build rendered only some pages: their links to the
		// others' anchors cannot be checked.
		s.timed("links", func() { links.check(s, l) })
	}
	// Every write has now succeeded, failed or been skipped: a write
	// error is in l before it decides whether the output is replaced.
	out.drain()
	if foreign != nil {
		if files := <-foreign; len(files) > 0 {
			msg, hint := foreignError(target, files)
			l.Errorf(diag.Pos{File: opt.Output}, "%s", msg).Hint = hint
		}
	}
	if err := parent.Err(); err != nil {
		l.Errorf(diag.Pos{}, "build interrupted: %v", err).Hint = opt.Output + " was left as it was"
	}
	if l.HasErrors(false) {
		return nil, l
	}
	if !opt.DryRun {
		s.timed("swap", func() {
			if out.put(markerFile, out.marker()); out.failed.Load() {
				return
			}
			if err := out.w.Close(); err != nil {
				l.Errorf(diag.Pos{File: opt.Output}, "cannot finish the build folder: %v", err)
				return
			}
			if err := swapIn(out.dir, target); err != nil {
				l.Errorf(diag.Pos{File: opt.Output}, "cannot replace the output folder: %v", err).Hint = "the new site is complete in " + out.dir + " if you want to move it in by hand"
			}
		})
		if l.HasErrors(false) {
			return nil, l
		}
		if opt.Lazy || opt.Editable {
			s.built = &built{dir: target, links: links}
		}
	}
	return &Stats{Kinds: s.KindCounts(), Files: int(out.files.Load()), Bytes: out.bytes.Load(), Phases: s.Phases}, l
}

// renderPages executes every page's layout on a pool of workers, one per
// CPU; the site is read-only so they share it without locks. With
// letGoBodies each article lets go of the body it kept in memory once its
// page has rendered.
func (s *Site) renderPages(ctx context.Context, out *output, links *linkIndex, l *diag.List, letGoBodies bool) {
	s.progress.Phase("render", len(s.Pages))
	jobs := make(chan *Page)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			var scratch content.Scratch
			sc := newScanScratch()
			for p := range jobs {
				buf.Reset()
				file := outputFile(p.Path)
				err := s.renderPage(&buf, p, &scratch)
				if err != nil {
					s.reportRenderError(l, p, err)
				}
				if letGoBodies && p.Article != nil {
					p.Article.LetGo()
				}
				if err != nil {
					links.renderFailed(file)
					continue
				}
				links.scan(file, p, buf.Bytes(), sc)
				out.put(file, buf.Bytes())
				s.progress.Add(1)
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
// the worker, so the expensive part runs in parallel. The article's file
// and HTML are read and made in scratch, which the page may use only
// until it is written to w.
func (s *Site) renderPage(w io.Writer, p *Page, scratch *content.Scratch) error {
	if p.Kind == "article" {
		body, err := p.Article.TextInto(s.fsys, scratch)
		if err != nil {
			return err
		}
		s.searchFeed.add(p.Article, body)
		r, err := s.Markdown.ConvertInto(scratch, body)
		if err != nil {
			return err
		}
		if len(r.Unsafe) > 0 {
			return unsafeURLsError(r.Unsafe)
		}
		if len(r.Images) > 0 {
			return imageProblemsError(r.Images)
		}
		pc := *p
		pc.Body = r.HTML
		p = &pc
	}
	return s.Theme.Render(w, p.Kind, s.withCharts(p))
}

// writeFiles copies static files and writes the data downloads.
func (s *Site) writeFiles(out *output, l *diag.List) {
	err := s.Theme.Static(func(p string, fsys fs.FS) error {
		s.copyStatic(out, p, fsys)
		return nil
	})
	if err != nil {
		l.Errorf(diag.Pos{File: "static"}, "copying static files: %v", err)
	}
	for _, ds := range s.Data.Datasets {
		out.write(outputFile(originalCSVURL(ds.Spec.Name)), origin{file: ds.Path, what: "the editors' copy of table " + ds.Spec.Name}, ds.Raw)
	}
	for _, t := range s.tables {
		out.write(outputFile(tableCSVURL(t.Name)), origin{file: t.Source, what: "the CSV of table " + t.Name}, tableCSV(t))
		out.write(outputFile(tableJSONURL(t.Name)), origin{file: t.Source, what: "the JSON of table " + t.Name}, tableJSON(t))
	}
	for _, f := range s.sitemaps() {
		out.write(f.name, made("the sitemap"), f.data)
	}
	out.write("robots.txt", made("robots.txt"), s.robots())
	out.write(outputFile(datapackageURL), made("the data package"), s.datapackage(s.tables))
	for _, f := range s.feedSets() {
		out.write(outputFile(rssURL(f.prefix)), made("the RSS feed of "+f.prefix), s.rss(f))
		out.write(outputFile(atomURL(f.prefix)), made("the Atom feed of "+f.prefix), s.atom(f))
	}
	for _, c := range s.allCharts() {
		out.write(outputFile(c.CSVURL), made("the CSV of chart "+c.ID), c.csv())
	}
}

// searchFromRender starts the search index of a one-off build, fed by
// the render (searchFeed), and returns the function that waits for it to
// be written: it is, alongside the render, once the last article is
// added, else now. Its phase is the time spent on it outside the render
// workers: making the documents, and writing the index.
func (s *Site) searchFromRender(ctx context.Context, out *output, l *diag.List) (wait func()) {
	s.progress.Phase("search", 0)
	start := time.Now()
	f := s.newSearchFeed(l)
	took := time.Since(start)
	if f == nil {
		return func() {}
	}
	write := f.writeTo(out, l)
	f.write = func() {
		start := time.Now()
		write()
		took += time.Since(start)
	}
	s.searchFeed = f
	return func() {
		s.searchFeed = nil
		if ctx.Err() != nil && !f.started.Load() {
			return
		}
		f.finish()
		s.Phases = append(s.Phases, Phase{"search", took})
	}
}

// searchAlongside reports whether the search index may be built while the
// pages render. Building it takes about as much memory again as the site
// holds (at 100 000 articles ~0.6 GB beside ~0.65 GB live): alongside
// the render, both are live at once, and under a memory limit (the
// command sets one) the collector then runs back to back, and a 100k
// build took more time and CPU and 1.76 GB instead of 1.35 GB of memory
// (bench/PROFILE.md, fourth round). So the index goes alongside only
// while the live heap is under a third of the limit: a site of 10 000
// articles (~0.2 GB), or any site when no limit is set.
func searchAlongside() bool {
	limit := debug.SetMemoryLimit(-1)
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	if live[0].Value.Kind() != metrics.KindUint64 {
		return true
	}
	return live[0].Value.Uint64() < uint64(limit/3)
}

// writeSearch builds and writes the search index from every document, and
// keeps them: an Editable build's EditArticle and SearchUpdate rebuild
// the index without reducing every article to text again. (A one-off
// build's index is fed by the render instead: searchFromRender.)
func (s *Site) writeSearch(out *output, l *diag.List) {
	docs, meta := s.searchDocs()
	s.searchIn = searchInput{docs: docs, meta: meta}
	s.searchIn.write(out, l)
}

// searchInput is what the search index is built from.
type searchInput struct {
	docs []search.Doc
	meta search.Meta
}

func (in searchInput) write(out *output, l *diag.List) {
	// Each file is written as it is made, so the index is never held
	// whole; the manifest comes last: when the index is rewritten under a
	// running preview, it must not name a file not yet written.
	err := search.BuildTo(in.docs, in.meta, search.Options{}, func(name string, data []byte) {
		out.write(name, made("the search index"), data)
	})
	if err != nil {
		l.Errorf(diag.Pos{File: searchURL}, "building the search index: %v", err)
	}
}

// edit replaces the text of the article at url.
func (in searchInput) edit(url string, body []byte) {
	for i := range in.docs {
		if in.docs[i].URL == url {
			in.docs[i].Body = markdownText(body)
			return
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
		add(s.meetingCharts(m))
	}
	for _, c := range s.views.clusters {
		add(s.clusterCharts(c))
	}
	for _, p := range s.views.provinces {
		add(s.provinceCharts(p))
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
