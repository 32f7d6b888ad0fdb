//go:build !linux

package main

// physicalMemory is the machine's RAM in bytes, or 0 if unknown: not
// looked up on this system.
func physicalMemory() int64 { return 0 }
