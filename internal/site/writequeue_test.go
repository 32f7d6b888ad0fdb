package site

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// newTestOutput is an output writing into a new temporary folder.
func newTestOutput(t *testing.T) (*output, *diag.List, string) {
	dir := t.TempDir()
	l := &diag.List{}
	o := newOutput("public", l)
	o.dir = dir
	w, err := newDirWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	o.w = w
	return o, l, dir
}

// TestWriteQueue: files handed to the writers from several goroutines,
// each reusing its buffer as render workers do, are all written with the
// bytes they had when handed over; a file larger than the whole queue
// goes through; after drain, puts write at once.
func TestWriteQueue(t *testing.T) {
	t.Parallel()
	o, l, dir := newTestOutput(t)
	o.startWriters(context.Background())
	want := map[string][]byte{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			var buf bytes.Buffer
			for i := range 200 {
				buf.Reset()
				fmt.Fprintf(&buf, "page %d of worker %d %s", i, g, bytes.Repeat([]byte{'x'}, i*97))
				p := fmt.Sprintf("w%d/p%d/index.html", g, i)
				mu.Lock()
				want[p] = bytes.Clone(buf.Bytes())
				mu.Unlock()
				o.put(p, buf.Bytes())
			}
		})
	}
	wg.Wait()
	big := bytes.Repeat([]byte("big "), queueBytes/4+1)
	o.put("big.bin", big)
	want["big.bin"] = big
	o.drain()
	o.put("after/drain.txt", []byte("at once"))
	want["after/drain.txt"] = []byte("at once")
	if l.Len() > 0 {
		t.Fatalf("diagnostics: %v", l.Items())
	}
	if d := diffFiles(want, snapshot(t, dir)); d != "" {
		t.Error(d)
	}
}

// TestWriteQueueStops: once the build is stopped (an interrupt, a failed
// write), files not yet being written are skipped.
func TestWriteQueueStops(t *testing.T) {
	t.Parallel()
	o, _, dir := newTestOutput(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	o.startWriters(ctx)
	for i := range 100 {
		o.put(fmt.Sprintf("p%d/index.html", i), []byte("x"))
	}
	o.drain()
	if files := snapshot(t, dir); len(files) > 0 {
		t.Errorf("%d files written after the build stopped", len(files))
	}
}

// gatedWriter holds every write until open is closed, and counts the
// writes in progress at once.
type gatedWriter struct {
	fileWriter
	open      chan struct{}
	now, most atomic.Int32
}

func (w *gatedWriter) WriteFile(name string, b []byte) error {
	n := w.now.Add(1)
	for m := w.most.Load(); n > m && !w.most.CompareAndSwap(m, n); m = w.most.Load() {
	}
	<-w.open
	defer w.now.Add(-1)
	return w.fileWriter.WriteFile(name, b)
}

// newGatedOutput is a test output whose writes are held until released
// (gatedWriter), with its writers started.
func newGatedOutput(t *testing.T) (*output, *diag.List, string, *gatedWriter) {
	o, l, dir := newTestOutput(t)
	gw := &gatedWriter{fileWriter: o.w, open: make(chan struct{})}
	o.w = gw
	o.startWriters(context.Background())
	return o, l, dir, gw
}

// drainedAll drains o and checks that the writes reached maxWriters at
// once and that all n files were written, without a diagnostic.
func drainedAll(t *testing.T, o *output, l *diag.List, dir string, gw *gatedWriter, n int) {
	t.Helper()
	o.drain()
	if got := gw.most.Load(); got != maxWriters {
		t.Errorf("%d writes at once, want %d", got, maxWriters)
	}
	if got := len(snapshot(t, dir)); got != n || l.Len() > 0 {
		t.Errorf("%d files written of %d; diagnostics: %v", got, n, l.Items())
	}
}

// releaseAt lets the writes go once n are held at once, or after ten
// seconds (a test counting them then fails).
func (w *gatedWriter) releaseAt(n int32) {
	for deadline := time.Now().Add(10 * time.Second); w.now.Load() < n && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	close(w.open)
}

// TestWriteQueueAddsWritersWhenBehind: one writer while it keeps up; a
// writer more each time another quarter of the queue's bytes waits for
// each one running, up to maxWriters (several writers fight over the
// folders' locks, bench/PROFILE.md, sixth round).
func TestWriteQueueAddsWritersWhenBehind(t *testing.T) {
	t.Parallel()
	o, l, dir, gw := newGatedOutput(t)
	q := o.q
	running := func() int {
		q.mu.Lock()
		defer q.mu.Unlock()
		return q.running
	}
	// Files of 1 MiB, which take a buffer of exactly that: a quarter of
	// the queue is 8 of them.
	const mib = 1 << 20
	file := bytes.Repeat([]byte{'x'}, mib)
	// The writers are held: every file put is still waiting.
	steps := []struct{ puts, running int }{
		{queueBytes / 4 / mib, 1},        // a quarter waits for one writer: not more
		{queueBytes/4/mib + 1, 2},        // past it: a second
		{queueBytes / 2 / mib, 2},        // half for two: not more
		{queueBytes/2/mib + 1, 3},        // past it: a third
		{3*queueBytes/4/mib + 1, 4},      // past three quarters: a fourth
		{queueBytes/mib - maxWriters, 4}, // never more than maxWriters
	}
	done := 0
	for _, s := range steps {
		for ; done < s.puts; done++ {
			o.put(fmt.Sprintf("p%d/index.html", done), file)
		}
		if got := running(); got != s.running {
			t.Fatalf("after %d MiB waiting: %d writers, want %d", done, got, s.running)
		}
	}
	gw.releaseAt(maxWriters)
	drainedAll(t, o, l, dir, gw, done)
}

// TestWriteQueueTakesSmallFilesAtOnce: thousands of small files (charts'
// CSV, the search index) are handed over without waiting for a writer
// and without adding one; the files left when the render is done are
// written by every writer.
func TestWriteQueueTakesSmallFilesAtOnce(t *testing.T) {
	// Not parallel, and with bufPool emptied (a collection moves pooled
	// buffers to the victim cache, a second drops them): a buffer is
	// counted by its capacity, and buffers of up to maxPooled left by
	// other tests' pages made these 8-byte files look like megabytes
	// waiting, which added writers (seen under -race in CI).
	runtime.GC()
	runtime.GC()
	o, l, dir, gw := newGatedOutput(t)
	q := o.q
	const n = 5000 // far more than a channel's worth
	for i := range n {
		o.put(fmt.Sprintf("du-lieu/p%d.csv", i), []byte("a,b\n1,2\n"))
	}
	q.mu.Lock()
	running, waiting := q.running, len(q.jobs)
	q.mu.Unlock()
	if running != 1 || waiting < n-1 {
		t.Errorf("%d writers, %d files waiting; want 1 writer and the files handed over", running, waiting)
	}
	go gw.releaseAt(maxWriters) // drain's writers
	drainedAll(t, o, l, dir, gw, n)
}
