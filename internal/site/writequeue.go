package site

import (
	"context"
	"sync"
)

// Writing a file blocks its goroutine in the kernel: creating the file and
// its folder, copying the bytes, sometimes waiting for the disk to take
// dirty pages. When the render workers wrote their own pages, a worker
// held that way left its CPU idle; at 100 000 articles written to ext4,
// that was most of the difference between a build and a check. The pages
// are therefore handed to a few writer goroutines, and the workers go on
// rendering. Goroutines blocked in a system call do not hold a CPU (the
// runtime hands it to another), so the writers cost no render worker.
const (
	// writers is how many files are written at once. A few cover the
	// latency of one file system; more only add contention on its locks.
	writers = 4
	// queueBytes bounds the bytes handed over and not yet written, so
	// memory stays flat when the disk is slower than the workers: they
	// wait for room instead of piling pages up. 32 MB is ~2 500 pages of
	// the average size, several hundred milliseconds of writing.
	queueBytes = 32 << 20
)

// writeQueue writes the files of one output on the writer goroutines.
type writeQueue struct {
	o    *output
	ctx  context.Context
	jobs chan writeJob
	wg   sync.WaitGroup

	mu     sync.Mutex
	room   *sync.Cond
	queued int64 // bytes handed over and not yet written
}

type writeJob struct {
	path string
	buf  *[]byte
}

// bufPool recycles the buffers files are copied into on their way to a
// writer: a build writes 200 000 pages of 1 kB to 3 MB. A buffer is
// counted against queueBytes by its capacity, and one grown past
// maxPooled by a large file is left to the collector, so the buffers
// held stay about queueBytes however the sizes mix.
var bufPool = sync.Pool{New: func() any { return new([]byte) }}

const maxPooled = 256 << 10

// startWriters makes every later put hand its file to the writers. A
// write not yet started when ctx ends (an interrupt, a failed write) is
// skipped. drain must be called before the folder is used or removed.
func (o *output) startWriters(ctx context.Context) {
	q := &writeQueue{o: o, ctx: ctx, jobs: make(chan writeJob, 1024)}
	q.room = sync.NewCond(&q.mu)
	for range writers {
		q.wg.Add(1)
		go q.run()
	}
	o.q = q
}

// drain waits until every file handed over is written or skipped; puts
// after it write at once. It must not run concurrently with put, and may
// run more than once.
func (o *output) drain() {
	q := o.q
	if q == nil {
		return
	}
	o.q = nil
	close(q.jobs)
	q.wg.Wait()
}

// enqueue copies b, since callers reuse their buffers, and waits while the
// queue is full. A file larger than the whole queue still goes through,
// alone.
func (q *writeQueue) enqueue(p string, b []byte) {
	buf := bufPool.Get().(*[]byte)
	*buf = append((*buf)[:0], b...)
	n := int64(cap(*buf))
	q.mu.Lock()
	for q.queued > 0 && q.queued+n > queueBytes {
		q.room.Wait()
	}
	q.queued += n
	q.mu.Unlock()
	q.jobs <- writeJob{p, buf}
}

func (q *writeQueue) run() {
	defer q.wg.Done()
	for j := range q.jobs {
		if q.ctx.Err() == nil {
			q.o.writeNow(j.path, *j.buf)
		}
		n := int64(cap(*j.buf))
		if n <= maxPooled {
			bufPool.Put(j.buf)
		}
		q.mu.Lock()
		q.queued -= n
		q.mu.Unlock()
		q.room.Broadcast()
	}
}
