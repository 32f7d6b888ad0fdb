package hugepages

import (
	"io/fs"
	"math"
	"os"
	"runtime/debug"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of a transparent huge page on the systems Go runs
// on: a range is advised only in whole huge pages.
const hugePage = 2 << 20

// Prepare sets aside n bytes of the address space the heap will grow into
// for huge pages, if the system leaves that to the program (see the
// package documentation). It returns how many bytes were advised: 0 when
// it did nothing.
func Prepare(n int64) int64 {
	if raceDetector || !worthIt(os.DirFS("/"), os.Getenv("GODEBUG")) {
		return 0
	}
	return advise(n)
}

// worthIt reports whether huge pages must be asked for, reading the
// system's settings from root (the file system's root).
func worthIt(root fs.FS, godebug string) bool {
	if math.MaxInt == math.MaxInt32 {
		return false
	}
	for _, kv := range strings.Split(godebug, ",") {
		if strings.TrimSpace(kv) == "disablethp=1" {
			return false
		}
	}
	enabled, err := fs.ReadFile(root, "sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || selected(string(enabled)) != "madvise" {
		return false
	}
	overcommit, err := fs.ReadFile(root, "proc/sys/vm/overcommit_memory")
	return err == nil && strings.TrimSpace(string(overcommit)) != "2"
}

// selected returns the setting in brackets of a sysfs choice such as
// "always [madvise] never".
func selected(choices string) string {
	_, after, ok := strings.Cut(choices, "[")
	if !ok {
		return ""
	}
	s, _, _ := strings.Cut(after, "]")
	return s
}

// advise allocates n bytes, advises the whole huge pages inside them and
// lets them go back to the runtime, and then to the system, untouched.
func advise(n int64) int64 {
	if n < 2*hugePage {
		return 0
	}
	block := make([]byte, n)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	from := int((start+hugePage-1)&^(hugePage-1) - start)
	to := int((start+uintptr(n))&^(hugePage-1) - start)
	err := unix.Madvise(block[from:to], unix.MADV_HUGEPAGE)
	// block is not used again: a collection frees the block, and every free page is returned to
	// the system, so the runtime counts none of it against its memory
	// limit; the advice stays with the mapping.
	debug.FreeOSMemory()
	if err != nil {
		return 0
	}
	return int64(to - from)
}
