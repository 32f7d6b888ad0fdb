// Package hugepages lets the Go heap of a short-lived program be backed by
// transparent huge pages (2 MiB) on Linux, where the system leaves that to
// each program: the "madvise" setting, the default of Debian and Ubuntu.
//
// # Why
//
// A build touches a few hundred megabytes of fresh heap, and the kernel
// backs each 4 KiB page with memory when it is first touched: a page
// fault. On a virtual machine a fault is dear: touching 350 MiB of fresh
// memory took 1.09 s of CPU on the 2-CPU benchmark machine (89 600 faults,
// 12 µs each), against 0.02 s with huge pages. A 10 000-article build
// made 85 000 faults, 15 % of its CPU time (bench/PROFILE.md, seventh
// round). The Go runtime does not ask for huge pages for its heap: in a
// long-running server they can stall allocations while the kernel
// compacts memory, and hold memory the program has freed (golang/go#61718,
// #64332). A build lives for seconds and frees little until it exits.
//
// # How
//
// Prepare allocates n bytes, which the runtime maps but never touches
// (fresh memory is zero), advises the kernel to use huge pages there
// (madvise MADV_HUGEPAGE, which marks the mapping, not the pages), and
// gives the block back untouched (debug.FreeOSMemory). The runtime hands
// out the lowest free addresses first, so the heap then grows into the
// advised range, and the kernel backs it 2 MiB at a time. Nothing is
// resident until used: the peak RSS of a build is unchanged.
//
// # When not
//
// Prepare does nothing when the system already gives huge pages to every
// program ("always") or to none ("never"), under strict overcommit
// (vm.overcommit_memory = 2, where even untouched memory is charged), on a
// 32-bit system (the address space is too small to set aside), under the
// race detector (which writes the shadow of all memory allocated), and when
// GODEBUG holds disablethp=1, Go's own switch against huge pages for the
// heap: that is how a user turns this off.
package hugepages
