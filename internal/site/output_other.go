//go:build !linux

package site

import (
	"errors"
	"os"
	"syscall"
)

// exchange would swap the folders a and b in one step; without renameat2
// the caller renames twice, and a build killed in between leaves the old
// output beside, for the next build to move back (see cleanStale).
func exchange(a, b string) bool { return false }

func diskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }

// writeNew writes a new file of the build folder.
func writeNew(name string, b []byte) error { return os.WriteFile(name, b, 0o644) }
