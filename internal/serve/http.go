package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
	"time"
)

//go:embed live.js
var liveJS []byte

const (
	eventsPath = "/__khuyenhoc/events"
	livePath   = "/__khuyenhoc/live.js"
)

// liveTag loads the live-reload script. version is that of the build the
// page comes from, so that a rebuild made before the script has connected
// still reloads the page; -1 when there is none.
func liveTag(version int) []byte {
	if version < 0 {
		return []byte(`<script src="` + livePath + `"></script>`)
	}
	return fmt.Appendf(nil, `<script src="%s" data-version="%d"></script>`, livePath, version)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case livePath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(liveJS)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	dir, _, version, _ := s.state()
	if dir == "" {
		// No good build yet: a page that only shows the overlay.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><title>khuyenhoc</title><body><p>Chưa dựng được trang.</p>%s</body></html>", liveTag(-1))
		return
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		http.Error(w, "the build folder is gone", http.StatusServiceUnavailable)
		return
	}
	defer root.Close()
	s.serveFile(w, r, outputFS{root}, version)
}

// outputFS is a build folder as served: only its own files. Through
// os.Root no path leaves the folder ("..", absolute, a link pointing out),
// and, beyond that, a name that is not fs.ValidPath, holds a backslash or
// a colon (a Windows path, a drive letter) or passes through a symbolic
// link anywhere is refused: khuyenhoc never writes links, so one in the
// output was put there by someone else and may point anywhere.
type outputFS struct{ root *os.Root }

func (o outputFS) Open(name string) (fs.File, error) {
	notFound := &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	if !fs.ValidPath(name) || strings.ContainsAny(name, `\:`) {
		return nil, notFound
	}
	if name != "." {
		p := ""
		for elem := range strings.SplitSeq(name, "/") {
			p = path.Join(p, elem)
			st, err := o.root.Lstat(p)
			if err != nil {
				return nil, err
			}
			if st.Mode()&fs.ModeSymlink != 0 {
				return nil, notFound
			}
		}
	}
	return o.root.Open(name)
}

// serveFile serves a file from the build. The URL path is cleaned, so no
// ".." is left, and fsys refuses anything outside the output. A page not
// rendered yet is rendered first.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, fsys fs.FS, version int) {
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	if !fs.ValidPath(name) {
		http.NotFound(w, r)
		return
	}
	if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
		s.renderOnRequest(name)
		if _, err := fs.Stat(fsys, path.Join(name, "index.html")); errors.Is(err, fs.ErrNotExist) && path.Ext(name) != ".html" {
			// "/tin-tuc/x" names the page "/tin-tuc/x/": render it before
			// the redirect below sends the browser there.
			s.renderOnRequest(path.Join(name, "index.html"))
		}
		if _, err := fs.Stat(fsys, "404.html"); errors.Is(err, fs.ErrNotExist) {
			s.renderOnRequest("404.html")
		}
	}
	if st, err := fs.Stat(fsys, name); err == nil && st.IsDir() {
		// The cleaned name, never the raw path: "//host" must not become
		// a redirect to another site.
		http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
		return
	}
	b, err := fs.ReadFile(fsys, name)
	status := http.StatusOK
	if errors.Is(err, fs.ErrNotExist) {
		status = http.StatusNotFound
		name = "404.html"
		b, err = fs.ReadFile(fsys, name)
	}
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if path.Ext(name) == ".html" {
		b = injectLive(b, liveTag(version))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	w.Header().Set("Cache-Control", "no-store")
	if status != http.StatusOK {
		w.WriteHeader(status)
		w.Write(b)
		return
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

// injectLive adds the live-reload script; only serve does this, never build.
func injectLive(b, tag []byte) []byte {
	i := bytes.LastIndex(b, []byte("</body>"))
	if i < 0 {
		return append(b, tag...)
	}
	out := make([]byte, 0, len(b)+len(tag))
	out = append(out, b[:i]...)
	out = append(out, tag...)
	return append(out, b[i:]...)
}

// events streams build results to open pages (Server-Sent Events): the
// current state at once, then one message per rebuild.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	for {
		_, errText, version, changed := s.state()
		msg, _ := json.Marshal(map[string]any{"version": version, "error": errText})
		fmt.Fprintf(w, "data: %s\n\n", msg)
		fl.Flush()
		select {
		case <-r.Context().Done():
			return
		case <-changed:
		}
	}
}
