// Package cputime tells the CPU time the process has used, for benchmarks
// that report it: on a machine shared with other work, CPU time varies
// far less than wall time (bench/PROFILE.md).
package cputime
