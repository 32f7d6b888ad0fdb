package serve

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watched lists what a site is made of; changes elsewhere (public/, .git)
// do not trigger a rebuild.
var watched = []string{"site.toml", "content", "data", "themes", "layouts", "static"}

// debounce groups the burst of events one save makes (editors write a
// temporary file, rename it, touch metadata) into one rebuild.
// It is short because it is part of the time from saving to seeing.
const debounce = 25 * time.Millisecond

type watcher struct {
	fw      *fsnotify.Watcher
	source  string
	rebuild func(changed []string) // paths in the site folder, slash-separated
	log     io.Writer
}

func newWatcher(source string, rebuild func(changed []string), log io.Writer) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fw: fw, source: source, rebuild: rebuild, log: log}
	// The root itself, non-recursively, for site.toml and new top folders.
	if err := fw.Add(source); err != nil {
		fw.Close()
		return nil, err
	}
	for _, name := range watched[1:] {
		w.addTree(filepath.Join(source, name))
	}
	return w, nil
}

// addTree watches a folder and every folder below it (fsnotify is not
// recursive).
func (w *watcher) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != dir {
				return filepath.SkipDir
			}
			if err := w.fw.Add(p); err != nil {
				fmt.Fprintf(w.log, "khuyenhoc: cannot watch %s: %v\n", p, err)
			}
		}
		return nil
	})
}

// relevant returns the path of name in the site folder, and whether a
// change to it changes the site.
func (w *watcher) relevant(name string) (string, bool) {
	rel, err := filepath.Rel(w.source, name)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	top := strings.Split(rel, "/")[0]
	for _, n := range watched {
		if top == n {
			base := filepath.Base(name)
			// Editor swap and backup files are not content.
			return rel, !strings.HasPrefix(base, ".") && !strings.HasSuffix(base, "~") && !strings.HasSuffix(base, ".swp")
		}
	}
	return "", false
}

func (w *watcher) run(ctx context.Context) {
	var timer *time.Timer
	fire := make(chan struct{}, 1)
	pending := map[string]bool{} // changed since the last rebuild
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			rel, ok := w.relevant(ev.Name)
			if !ok {
				continue
			}
			pending[rel] = true
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					w.addTree(ev.Name)
				}
			}
			if timer != nil {
				timer.Stop()
			}
			timer = time.AfterFunc(debounce, func() {
				select {
				case fire <- struct{}{}:
				default:
				}
			})
		case <-fire:
			changed := slices.Sorted(maps.Keys(pending))
			clear(pending)
			w.rebuild(changed)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(w.log, "khuyenhoc: watching: %v\n", err)
		}
	}
}

func (w *watcher) Close() error { return w.fw.Close() }
