package cputime

import (
	"runtime"
	"testing"
	"time"
)

// TestUsedGrowsWithWork: a busy loop of 50 ms of wall time shows as CPU
// time where it can be told.
func TestUsedGrowsWithWork(t *testing.T) {
	before := Used()
	if before == 0 {
		if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
			t.Skip("CPU time is not told on", runtime.GOOS)
		}
		t.Fatal("no CPU time used at all")
	}
	x := 0
	for start := time.Now(); time.Since(start) < 50*time.Millisecond; {
		x++
	}
	if after := Used(); after <= before {
		t.Errorf("CPU time went from %v to %v across a busy loop (%d turns)", before, after, x)
	}
}
