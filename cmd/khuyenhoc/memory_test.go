package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestHeapBudget: the range set aside for the heap follows the memory
// limit, and neither no limit nor a large one sets aside more than 4 GiB
// or half the machine.
func TestHeapBudget(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	for _, limit := range []int64{64 << 20, 1400 << 20, 20 << 30, math.MaxInt64} {
		debug.SetMemoryLimit(limit)
		got := heapBudget()
		want := min(limit, 4<<30)
		if total := physicalMemory(); total > 0 {
			want = min(want, total/2)
		}
		if got != want {
			t.Errorf("limit %d: heapBudget() = %d, want %d", limit, got, want)
		}
		if got > 4<<30 {
			t.Errorf("limit %d: heapBudget() = %d sets aside more than 4 GiB", limit, got)
		}
	}
}

// TestBuildGCPercent: a build collects at three times the live heap,
// unless GOGC says otherwise.
func TestBuildGCPercent(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	t.Setenv("GOGC", "")
	setBuildGCPercent()
	if got := debug.SetGCPercent(100); got != buildGCPercent {
		t.Errorf("GOGC unset: the build's GC percent is %d, want %d", got, buildGCPercent)
	}
	t.Setenv("GOGC", "50")
	setBuildGCPercent()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC=50: the build changed the GC percent to %d; GOGC must win", got)
	}
}
