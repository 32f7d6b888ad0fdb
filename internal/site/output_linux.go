package site

import (
	"errors"
	"io"
	"io/fs"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders a and b in one step (renameat2 with
// RENAME_EXCHANGE), so no moment is without a complete output. It reports
// false when the file system cannot, and the caller renames twice.
func exchange(a, b string) bool {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE) == nil
}

func diskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// buildRoot is the build folder, open: its files and folders are made
// relative to it (openat, mkdirat), so the kernel does not walk the
// folder's own path again for each of them (~15 % of the system time of
// making a page's folder and file, on tmpfs).
type buildRoot struct {
	dir string
	fd  int
}

func openBuildRoot(dir string) (buildRoot, error) {
	var fd int
	err := retry(func() (err error) {
		fd, err = unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return buildRoot{}, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	return buildRoot{dir: dir, fd: fd}, nil
}

func (r buildRoot) close() error { return unix.Close(r.fd) }

// mkdir makes the folder rel, whose parent exists.
func (r buildRoot) mkdir(rel string) error {
	if err := retry(func() error { return unix.Mkdirat(r.fd, rel, 0o755) }); err != nil {
		return &fs.PathError{Op: "mkdir", Path: filepath.Join(r.dir, rel), Err: err}
	}
	return nil
}

// writeNew writes a new file of the build folder with open, write and
// close alone. os.WriteFile also offers each file to the network poller,
// which refuses regular files: four fcntl and an epoll_ctl a file, about
// a million system calls for a site of 100 000 articles. Like
// os.WriteFile it does not fsync: a failed or interrupted build never
// swaps its folder in, and syncing 200 000 files would cost more than
// the build.
func (r buildRoot) writeNew(rel string, b []byte) error {
	var fd int
	err := retry(func() (err error) {
		fd, err = unix.Openat(r.fd, rel, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
		return err
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: filepath.Join(r.dir, rel), Err: err}
	}
	for len(b) > 0 && err == nil {
		var n int
		err = retry(func() (err error) {
			n, err = unix.Write(fd, b)
			return err
		})
		switch {
		case err != nil:
		case n <= 0:
			err = io.ErrShortWrite
		default:
			b = b[n:]
		}
	}
	if cerr := unix.Close(fd); err == nil && cerr != nil && cerr != unix.EINTR {
		err = cerr
	}
	if err != nil {
		return &fs.PathError{Op: "write", Path: filepath.Join(r.dir, rel), Err: err}
	}
	return nil
}

// retry repeats a system call that a signal interrupted (the Go runtime
// signals its threads to preempt goroutines), as package os does.
func retry(f func() error) error {
	for {
		if err := f(); err != unix.EINTR {
			return err
		}
	}
}
