package site

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

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

// TestWriteQueueAddsWritersWhenBehind: one writer while it keeps up; a
// writer more each time another quarter of the queue's files wait for
// each one running, up to maxWriters (several writers fight over the
// folders' locks, bench/PROFILE.md, sixth round).
func TestWriteQueueAddsWritersWhenBehind(t *testing.T) {
	t.Parallel()
	o, l, dir := newTestOutput(t)
	gw := &gatedWriter{fileWriter: o.w, open: make(chan struct{})}
	o.w = gw
	o.startWriters(context.Background())
	q := o.q
	running := func() int {
		q.mu.Lock()
		defer q.mu.Unlock()
		return q.running
	}
	put := func(from, to int) {
		for i := from; i < to; i++ {
			o.put(fmt.Sprintf("p%d/index.html", i), []byte("x"))
		}
	}
	// The writers are held: every file put is still waiting.
	steps := []struct{ puts, running int }{
		{queueJobs / 4, 1},     // a quarter waits for one writer: not more
		{queueJobs/4 + 1, 2},   // past it: a second
		{queueJobs / 2, 2},     // half for two: not more
		{queueJobs/2 + 1, 3},   // past it: a third
		{3*queueJobs/4 + 1, 4}, // past three quarters: a fourth
		{queueJobs - 8, 4},     // never more than maxWriters
	}
	done := 0
	for _, s := range steps {
		put(done, s.puts)
		done = s.puts
		if got := running(); got != s.running {
			t.Fatalf("after %d files waiting: %d writers, want %d", done, got, s.running)
		}
	}
	close(gw.open)
	o.drain()
	if got := gw.most.Load(); got != maxWriters {
		t.Errorf("%d writes at once, want %d", got, maxWriters)
	}
	if n := len(snapshot(t, dir)); n != done || l.Len() > 0 {
		t.Errorf("%d files written of %d; diagnostics: %v", n, done, l.Items())
	}
}
