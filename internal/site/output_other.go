//go:build !linux

package site

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// exchange would swap the folders a and b in one step; without renameat2
// the caller renames twice, and a build killed in between leaves the old
// output beside, for the next build to move back (see cleanStale).
func exchange(a, b string) bool { return false }

func diskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }

// buildRoot is the build folder; its files and folders are named by
// their full paths.
type buildRoot struct{ dir string }

func openBuildRoot(dir string) (buildRoot, error) { return buildRoot{dir: dir}, nil }

func (r buildRoot) close() error { return nil }

// mkdir makes the folder rel, whose parent exists.
func (r buildRoot) mkdir(rel string) error { return os.Mkdir(filepath.Join(r.dir, rel), 0o755) }

// writeNew writes a new file of the build folder.
func (r buildRoot) writeNew(rel string, b []byte) error {
	return os.WriteFile(filepath.Join(r.dir, rel), b, 0o644)
}
