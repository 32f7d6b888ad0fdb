// Package serve is the editors' live preview: it builds the site into a
// temporary folder, serves it on 127.0.0.1, watches the site folder and
// rebuilds on every change, and reloads open pages.
//
// Drafts and future-dated articles are shown (and marked). When a change
// breaks the build, the last good site stays up and every open page shows
// an overlay with the diagnostics (file:line, message, hint); it goes away
// by itself once the mistake is fixed. Only files inside the output folder
// are ever served.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/history"
	"github.com/khuyenhoc/khuyenhoc/internal/site"
	"github.com/khuyenhoc/khuyenhoc/internal/sitefs"
)

// DefaultAddr is where the preview listens unless told otherwise: the
// loopback address, so the preview (drafts included) is not on the network.
const DefaultAddr = "127.0.0.1:1313"

// Options configure the preview server.
type Options struct {
	Source string // site folder
	Addr   string // host:port, default DefaultAddr
	Log    io.Writer
}

// Server is a running preview.
type Server struct {
	opt  Options
	root string // temporary folder holding builds

	mu      sync.Mutex
	dir     string // current good build
	errText string // diagnostics of the last failed build, "" if it succeeded
	version int
	changed chan struct{} // closed and replaced on every build

	// Touched only by the goroutine that builds.
	// work is held while the site is built, edited or a page rendered.
	work       sync.Mutex
	site       *site.Site        // the last good build, for edits
	searchJobs chan searchJob    // at most one waiting
	searchBusy atomic.Int32      // search updates waiting or running
	buildErr   string            // errors of the last full build
	editErrs   map[string]string // file → errors of its last edit
}

// Run builds, serves and watches until ctx is done.
func Run(ctx context.Context, opt Options) error {
	if opt.Addr == "" {
		opt.Addr = DefaultAddr
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if st, err := os.Stat(opt.Source); err != nil || !st.IsDir() {
		return fmt.Errorf("%s is not a folder; give --source the site folder (it holds site.toml, content/ and data/)", opt.Source)
	}
	root, err := os.MkdirTemp("", "khuyenhoc-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(root)
	s := &Server{opt: opt, root: root, changed: make(chan struct{}), editErrs: map[string]string{}, searchJobs: make(chan searchJob, 1)}
	ln, err := net.Listen("tcp", opt.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (is another khuyenhoc serve running? try --port)", opt.Addr, err)
	}
	// The port really listened on (--port 0 picks a free one) is the one
	// the pages link to and the log names.
	if host, _, err := net.SplitHostPort(opt.Addr); err == nil {
		_, port, _ := net.SplitHostPort(ln.Addr().String())
		s.opt.Addr = net.JoinHostPort(host, port)
	}
	s.update(nil) // the first build
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	w, err := newWatcher(opt.Source, s.update, opt.Log)
	if err != nil {
		return fmt.Errorf("cannot watch %s: %w", opt.Source, err)
	}
	defer w.Close()
	go w.run(ctx)
	searchDone := make(chan struct{})
	go func() { s.updateSearch(ctx); close(searchDone) }()
	// The temporary folder goes only once no index is being written to it.
	defer func() { <-searchDone }()
	fmt.Fprintf(opt.Log, "khuyenhoc: serving %s at http://%s/ (Ctrl+C to stop)\n", opt.Source, s.opt.Addr)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// update takes changes into the preview. An edit to the text of articles
// rewrites only their pages (site.EditArticle), which takes milliseconds
// on any size of site; anything else rebuilds the whole site.
func (s *Server) update(changed []string) {
	s.work.Lock()
	defer s.work.Unlock()
	// Pages rendered on request are rendered again, or rewritten, now.
	for k := range s.editErrs {
		if strings.HasPrefix(k, pageErrKey) {
			delete(s.editErrs, k)
		}
	}
	if s.site == nil || s.buildErr != "" || !allArticles(changed) {
		s.rebuild()
		return
	}
	start := time.Now()
	fsys := sitefs.Dir(s.opt.Source)
	for _, file := range changed {
		l, err := s.site.EditArticle(fsys, file)
		if errors.Is(err, site.ErrNeedsBuild) {
			s.rebuild()
			return
		}
		l.AttachSources(fsys)
		if text := errorText(l); text != "" {
			s.editErrs[file] = text
		} else {
			delete(s.editErrs, file)
		}
	}
	text := s.publish("")
	if text == "" {
		fmt.Fprintf(s.opt.Log, "khuyenhoc: updated %s in %s\n", strings.Join(changed, ", "), time.Since(start).Round(time.Millisecond))
		// The pages are served; the search index follows, off this
		// goroutine, so that the next save is not kept waiting.
		dir, _, _, _ := s.state()
		s.queueSearch(searchJob{dir: dir, run: s.site.SearchUpdate()})
	} else {
		fmt.Fprintf(s.opt.Log, "khuyenhoc: the change has errors; the page stays as it was\n%s", text)
	}
}

// searchJob rewrites the search index of the build in dir.
type searchJob struct {
	dir string
	run func() *diag.List
}

// queueSearch replaces any search update not yet started with job: only
// the latest edits matter.
func (s *Server) queueSearch(job searchJob) {
	select {
	case <-s.searchJobs:
	default:
		s.searchBusy.Add(1)
	}
	s.searchJobs <- job
}

// updateSearch runs the queued search updates until ctx is done.
func (s *Server) updateSearch(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case job := <-s.searchJobs:
			l := job.run()
			s.searchBusy.Add(-1)
			// A full build since replaced the folder, and wrote its own
			// index: a failure to write into the old one does not matter.
			if dir, _, _, _ := s.state(); l.HasErrors(false) && dir == job.dir {
				fmt.Fprintf(s.opt.Log, "khuyenhoc: updating the search index failed:\n%s", errorText(l))
			}
		}
	}
}

// allArticles reports whether every changed path is an article file.
func allArticles(changed []string) bool {
	for _, p := range changed {
		if !strings.HasPrefix(p, content.NewsDir+"/") || !strings.HasSuffix(p, ".md") {
			return false
		}
	}
	return len(changed) > 0
}

// rebuild loads and builds the site; on failure it keeps the last good
// build and records the diagnostics for the overlay.
// s.work must be held.
func (s *Server) rebuild() {
	start := time.Now()
	fsys := sitefs.Dir(s.opt.Source)
	// Today marks the future-dated articles the preview shows.
	st, diags := site.Load(fsys, site.Options{Drafts: true, Preview: true, BaseURL: "http://" + s.opt.Addr + "/",
		Today: civil.Of(time.Now()), History: history.Open(s.opt.Source)})
	var dir string
	if !diags.HasErrors(false) {
		s.mu.Lock()
		dir = filepath.Join(s.root, fmt.Sprintf("build-%d", s.version+1))
		s.mu.Unlock()
		var bd *diag.List
		_, bd = st.Build(context.Background(), site.BuildOptions{Output: dir, Source: s.opt.Source, Lazy: true})
		diags.Merge(bd)
	}
	diags.AttachSources(fsys)
	text := errorText(diags)
	clear(s.editErrs)
	s.buildErr = text
	old, _, _, _ := s.state()
	if text == "" {
		s.site = st
		s.publish(dir)
		if old != "" && old != dir {
			os.RemoveAll(old)
		}
		s.queueSearch(searchJob{dir: dir, run: st.SearchUpdate()})
		fmt.Fprintf(s.opt.Log, "khuyenhoc: rebuilt in %s\n", time.Since(start).Round(time.Millisecond))
	} else {
		s.publish("")
		fmt.Fprintf(s.opt.Log, "khuyenhoc: build failed; the last good site stays up\n%s", text)
	}
}

// publish makes dir (if not "") the site served, sets the overlay from the
// build's and the edits' errors, and tells open pages to reload. It
// returns the overlay's text.
func (s *Server) publish(dir string) string {
	text := s.overlayText()
	s.mu.Lock()
	defer s.mu.Unlock()
	if dir != "" {
		s.dir = dir
	}
	s.errText = text
	s.version++
	close(s.changed)
	s.changed = make(chan struct{})
	return text
}

func (s *Server) overlayText() string {
	text := s.buildErr
	for _, f := range slices.Sorted(maps.Keys(s.editErrs)) {
		text += s.editErrs[f]
	}
	return text
}

// pageErrKey prefixes, in editErrs, the problems of a page rendered on
// request.
const pageErrKey = "page:"

// renderOnRequest renders the page written to name, if the build has one
// and it is not rendered yet: the preview builds everything but the pages
// (BuildOptions.Lazy) and renders each when it is first asked for.
func (s *Server) renderOnRequest(name string) {
	s.work.Lock()
	defer s.work.Unlock()
	if s.site == nil {
		return
	}
	dir, _, _, _ := s.state()
	if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
		return // rendered while this request waited
	}
	start := time.Now()
	found, l := s.site.RenderFile(name)
	if !found {
		return
	}
	l.AttachSources(sitefs.Dir(s.opt.Source))
	text := errorText(l)
	if text == "" {
		fmt.Fprintf(s.opt.Log, "khuyenhoc: rendered /%s in %s\n", name, time.Since(start).Round(time.Millisecond))
		return
	}
	s.editErrs[pageErrKey+name] = text
	// Show the page's problems in the overlay, once: reloading the page
	// does not render it again.
	if s.overlayText() != s.errTextNow() {
		s.publish("")
	}
	fmt.Fprintf(s.opt.Log, "khuyenhoc: /%s has errors\n%s", name, text)
}

func (s *Server) errTextNow() string {
	_, t, _, _ := s.state()
	return t
}

// errorText is the errors of l, formatted for the terminal and overlay.
func errorText(l *diag.List) string {
	var text strings.Builder
	for _, d := range l.Sorted() {
		if d.Severity == diag.Error {
			text.WriteString(diag.Format(d))
		}
	}
	return text.String()
}

// state returns the current build folder, error text and change signal.
func (s *Server) state() (dir, errText string, version int, changed <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dir, s.errText, s.version, s.changed
}
