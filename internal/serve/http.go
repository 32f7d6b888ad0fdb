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

var liveTag = []byte(`<script src="` + livePath + `"></script>`)

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
	dir, _, _, _ := s.state()
	if dir == "" {
		// No good build yet: a page that only shows the overlay.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><title>khuyenhoc</title><body><p>Chưa dựng được trang.</p>%s</body></html>", liveTag)
		return
	}
	s.serveFile(w, r, os.DirFS(dir))
}

// serveFile serves a file from the build. os.DirFS refuses paths that climb
// out of the folder ("..", absolute, NUL), and the path is cleaned before
// it gets there, so nothing outside the output is reachable.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, fsys fs.FS) {
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	if !fs.ValidPath(name) {
		http.NotFound(w, r)
		return
	}
	if st, err := fs.Stat(fsys, name); err == nil && st.IsDir() {
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
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
		b = injectLive(b)
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
func injectLive(b []byte) []byte {
	i := bytes.LastIndex(b, []byte("</body>"))
	if i < 0 {
		return append(b, liveTag...)
	}
	out := make([]byte, 0, len(b)+len(liveTag))
	out = append(out, b[:i]...)
	out = append(out, liveTag...)
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
