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
