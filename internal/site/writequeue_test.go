package site

import (
	"bytes"
	"context"
	"fmt"
	"sync"
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
