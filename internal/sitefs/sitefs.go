// Package sitefs opens a site folder as an [fs.FS] that behaves as
// [os.DirFS] but opens files with fewer system calls.
//
// os.DirFS opens every file as os.Open does, ready for the runtime's
// network poller: it sets the descriptor non-blocking, asks the poller to
// take it (which a regular file refuses) and sets it back, four fcntl
// calls and a failing epoll_ctl a file. A build reads every article twice
// (once to load it, once to render it) — 200 000 files at 100 000
// articles — and only ever reads them whole, so here a file is opened
// blocking and handed to the os package as it is, which costs one fcntl:
// about half the time and system time of os.DirFS on a 10k corpus.
//
// On Unix it also reads a whole file into a caller's buffer (ReadInto,
// which decode.ReadFileInto looks for): open, fstat, one read, close, with
// no *os.File made. Stat, ReadDir and ReadFile are os.DirFS's own. Open's
// errors are as os.DirFS's: an *fs.PathError naming the path inside the
// folder.
package sitefs

import (
	"io/fs"
	"os"
)

// Dir returns the folder dir as a file system.
func Dir(dir string) fs.FS { return siteFS{dir: dir, FS: os.DirFS(dir)} }

// siteFS is os.DirFS with Open replaced. The interfaces os.DirFS
// implements are forwarded, so fs.ReadDir, fs.Stat and fs.ReadFile use
// them as they would on os.DirFS.
type siteFS struct {
	dir string
	fs.FS
}

func (f siteFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.FS, name) }
func (f siteFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(f.FS, name) }
func (f siteFS) ReadFile(name string) ([]byte, error)       { return fs.ReadFile(f.FS, name) }
