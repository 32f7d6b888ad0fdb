package main

import (
	"os"
	"runtime/debug"
)

// defaultMemoryLimit is the soft limit the garbage collector works to when
// GOMEMLIMIT is not set. With the collector's default GOGC=100 alone the
// heap grows to twice what is live before a collection: a build of 100 000
// articles, 0.8–1.1 GB live, took 3.4 GB of memory. Under the limit the
// collector runs sooner instead, when the heap nears it; peak RSS is the
// limit and some 20 MiB. A site of 10 000 articles (~0.3 GB live) never
// reaches it and pays nothing. A site whose live heap is near or above the
// limit builds more slowly (the runtime caps the collector at half the
// CPU) but still builds; GOMEMLIMIT=20GiB, say, trades that memory back
// for time. At 100 000 articles (~0.95 GB live during the render), 1400
// MiB rather than 1280 took 64 collections instead of 71 and 10 s less CPU
// (93 s against 103 s), for 1 418 MiB peak RSS instead of 1 298 MiB
// (bench/PROFILE.md, fifth round): under the 1.5 GB of issue #8.
const defaultMemoryLimit = 1400 << 20

// setMemoryLimit sets defaultMemoryLimit, or half the machine's memory if
// that is less, unless GOMEMLIMIT already set one.
func setMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	limit := int64(defaultMemoryLimit)
	if total := physicalMemory(); total > 0 {
		limit = min(limit, total/2)
	}
	debug.SetMemoryLimit(limit)
}

// buildGCPercent is the collector's GOGC for build and check when GOGC is
// not set: the heap may grow to three times what is live before a
// collection, not twice. A build is a batch job whose live heap only grows
// until it exits, so fewer collections save CPU; the memory limit still
// caps the heap (at 100 000 articles the limit, not GOGC, decides when to
// collect). At 10 000 articles, six alternating pairs: 3.29 s and 6.10 s
// of CPU against 3.43 s and 6.33 s (median), for 490 MB of memory
// instead of 365 (bench/PROFILE.md, seventh round). serve keeps Go's
// default: it holds the site for hours.
const buildGCPercent = 200

// setBuildGCPercent sets buildGCPercent unless GOGC already set one.
func setBuildGCPercent() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(buildGCPercent)
	}
}

// heapBudget is how much heap a build may grow into, for
// hugepages.Prepare to set aside: the memory limit, at most half the
// machine's memory (GOMEMLIMIT may set more, or none), and at most 4 GiB.
// Setting a range aside maps it, which costs the runtime ~0.1 MB of its
// own bookkeeping per 64 MiB (12 GiB took 60 ms and 20 MB); a heap that
// outgrows the range still works, on small pages beyond it.
func heapBudget() int64 {
	budget := min(debug.SetMemoryLimit(-1), 4<<30)
	if total := physicalMemory(); total > 0 {
		budget = min(budget, total/2)
	}
	return budget
}
