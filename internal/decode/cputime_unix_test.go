//go:build unix

package decode_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, GC workers included: on a
// machine shared with other benchmarks it varies far less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
