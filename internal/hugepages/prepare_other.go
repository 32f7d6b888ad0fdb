//go:build !linux

package hugepages

// Prepare does nothing here: transparent huge pages are Linux's.
func Prepare(n int64) int64 { return 0 }
