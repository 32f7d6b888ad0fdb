//go:build unix

package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// Open opens name blocking, for reading. The *os.File it returns reads
// folders as well as files.
func (f siteFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	full := f.dir + "/" + name
	for {
		fd, err := syscall.Open(full, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		switch {
		case err == nil:
			return os.NewFile(uintptr(fd), full), nil
		case !errors.Is(err, syscall.EINTR):
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		// A signal interrupted the call (the runtime preempts
		// goroutines with one): os.Open tries again too.
	}
}
