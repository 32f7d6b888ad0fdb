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
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/history"
	"github.com/khuyenhoc/khuyenhoc/internal/site"
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
}

// Run builds, serves and watches until ctx is done.
func Run(ctx context.Context, opt Options) error {
	if opt.Addr == "" {
		opt.Addr = DefaultAddr
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	root, err := os.MkdirTemp("", "khuyenhoc-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(root)
	s := &Server{opt: opt, root: root, changed: make(chan struct{})}
	ln, err := net.Listen("tcp", opt.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (is another khuyenhoc serve running? try --port)", opt.Addr, err)
	}
	s.rebuild()
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	w, err := newWatcher(opt.Source, s.rebuild, opt.Log)
	if err != nil {
		return err
	}
	defer w.Close()
	go w.run(ctx)
	fmt.Fprintf(opt.Log, "khuyenhoc: serving %s at http://%s/ (Ctrl+C to stop)\n", opt.Source, ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// rebuild loads and builds the site; on failure it keeps the last good
// build and records the diagnostics for the overlay.
func (s *Server) rebuild() {
	start := time.Now()
	fsys := os.DirFS(s.opt.Source)
	st, diags := site.Load(fsys, site.Options{Drafts: true, Preview: true, BaseURL: "http://" + s.opt.Addr + "/",
		History: history.Open(s.opt.Source)})
	var dir string
	if !diags.HasErrors(false) {
		s.mu.Lock()
		dir = filepath.Join(s.root, fmt.Sprintf("build-%d", s.version+1))
		s.mu.Unlock()
		var bd *diag.List
		_, bd = st.Build(context.Background(), site.BuildOptions{Output: dir, Source: s.opt.Source})
		diags.Merge(bd)
	}
	diags.AttachSources(fsys)
	var text strings.Builder
	for _, d := range diags.Sorted() {
		if d.Severity == diag.Error {
			text.WriteString(diag.Format(d))
		}
	}
	s.mu.Lock()
	old := s.dir
	if text.Len() == 0 {
		s.dir = dir
		s.errText = ""
	} else {
		s.errText = text.String()
	}
	s.version++
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	if text.Len() == 0 {
		if old != "" && old != dir {
			os.RemoveAll(old)
		}
		fmt.Fprintf(s.opt.Log, "khuyenhoc: rebuilt in %s\n", time.Since(start).Round(time.Millisecond))
	} else {
		fmt.Fprintf(s.opt.Log, "khuyenhoc: build failed; the last good site stays up\n%s", text.String())
	}
}

// state returns the current build folder, error text and change signal.
func (s *Server) state() (dir, errText string, version int, changed <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dir, s.errText, s.version, s.changed
}
