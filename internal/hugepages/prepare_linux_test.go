package hugepages

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"unsafe"
)

func system(enabled, overcommit string) fstest.MapFS {
	fsys := fstest.MapFS{}
	if enabled != "" {
		fsys["sys/kernel/mm/transparent_hugepage/enabled"] = &fstest.MapFile{Data: []byte(enabled + "\n")}
	}
	if overcommit != "" {
		fsys["proc/sys/vm/overcommit_memory"] = &fstest.MapFile{Data: []byte(overcommit + "\n")}
	}
	return fsys
}

func TestWorthIt(t *testing.T) {
	for _, c := range []struct {
		name, enabled, overcommit, godebug string
		want                               bool
	}{
		{"left to the program", "always [madvise] never", "0", "", true},
		{"overcommit always", "always [madvise] never", "1", "", true},
		{"other GODEBUG settings", "always [madvise] never", "0", "madvdontneed=1,disablethp=0", true},
		{"given to every program", "[always] madvise never", "0", "", false},
		{"given to none", "always madvise [never]", "0", "", false},
		{"no THP in the kernel", "", "0", "", false},
		{"strict overcommit", "always [madvise] never", "2", "", false},
		{"overcommit unknown", "always [madvise] never", "", "", false},
		{"turned off with Go's switch", "always [madvise] never", "0", "gctrace=1, disablethp=1", false},
	} {
		if got := worthIt(system(c.enabled, c.overcommit), c.godebug); got != c.want {
			t.Errorf("%s: worthIt = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestHeapGrowsIntoAdvisedRange: after Prepare, a large allocation lies in
// a mapping the kernel knows as advised for huge pages ("hg" in its
// VmFlags), and the memory set aside is not resident. The allocation may
// begin in the part of the range before its first whole huge page, which
// is not advised: its page 4 MiB in is looked at.
func TestHeapGrowsIntoAdvisedRange(t *testing.T) {
	if raceDetector {
		t.Skip("under the race detector Prepare does nothing: the detector writes the shadow of every allocation")
	}
	if !worthIt(os.DirFS("/"), os.Getenv("GODEBUG")) {
		t.Skip("this system does not leave transparent huge pages to programs (enabled is not [madvise], strict overcommit, or GODEBUG=disablethp=1): nothing to advise")
	}
	before := residentKB(t)
	const n = 512 << 20
	if got := Prepare(n); got < n-2*hugePage {
		t.Fatalf("Prepare(%d) advised %d bytes", n, got)
	}
	if grown := residentKB(t) - before; grown > 64<<10 {
		t.Errorf("resident memory grew by %d KiB: the range set aside was touched", grown)
	}
	block := make([]byte, 32<<20)
	addr := uintptr(unsafe.Pointer(&block[4<<20]))
	flags, ok := vmFlags(t, addr)
	if !ok {
		t.Fatalf("no mapping holds %#x", addr)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the mapping of a new 32 MiB block, 4 MiB in at %#x, is not advised for huge pages: VmFlags %q", addr, flags)
	}
}

// vmFlags returns the VmFlags of the mapping of this process holding addr.
func vmFlags(t *testing.T, addr uintptr) (string, bool) {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip("cannot read /proc/self/smaps:", err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			in = lo <= addr && addr < hi
			continue
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return strings.TrimSpace(flags), true
		}
	}
	return "", false
}

// residentKB is the process's resident memory in KiB.
func residentKB(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("cannot read /proc/self/status:", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int
			fmt.Sscan(v, &kb)
			return kb
		}
	}
	t.Skip("no VmRSS in /proc/self/status")
	return 0
}
