package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// removers is how many files removeTree removes at once.
const removers = 8

// removeTree removes dir and everything in it, as os.RemoveAll does, but
// several files at a time. A site is tens of thousands of small files in
// as many folders; on a disk each removal can wait on the file system's
// journal, and one at a time (os.RemoveAll, rm -rf) that made replacing
// an output folder of 25 000 files take longer than building it
// (bench/PROFILE.md, fifth round). The folders go one at a time, children
// first: most are in one folder (tin-tuc/), whose lock removals in
// parallel would only fight over (at 100k that took a minute of system
// time). Links are removed, not followed.
func removeTree(dir string) error {
	var files, dirs []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			// Left for os.RemoveAll below, which reports it.
		case d.IsDir():
			dirs = append(dirs, p)
		default:
			files = append(files, p)
		}
		return nil
	})
	removeAll(files)
	// A folder is listed before what is in it.
	for _, d := range slices.Backward(dirs) {
		_ = os.Remove(d)
	}
	// Whatever could not be removed above, and its error.
	return os.RemoveAll(dir)
}

// removeAll removes the paths, removers at a time, ignoring errors.
func removeAll(paths []string) {
	var wg sync.WaitGroup
	next := make(chan string)
	for range min(removers, len(paths)) {
		wg.Go(func() {
			for p := range next {
				_ = os.Remove(p)
			}
		})
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
}
