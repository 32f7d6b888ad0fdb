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
// are therefore handed to writer goroutines, and the workers go on
// rendering. Goroutines blocked in a system call do not hold a CPU (the
// runtime hands it to another), so the writers cost no render worker.
//
// One writer, as long as it keeps up. Several writers making folders in
// one parent (200 000 of them under tin-tuc/ at 100k) fight over its lock
// in the kernel, and on ext4 the loser spins: a 100k build with four
// writers took 125 s of CPU where one took 105–108 s, and 68–71 s where
// one took 61–65 s (bench/PROFILE.md, sixth round). On tmpfs the count
// made no difference. A writer is added only while the bytes waiting keep
// growing (behind): a slow disk or a network file system, where writes
// wait rather than spin, and more of them at once do help. The files
// still waiting when the render is done get every writer (drain).
//
// The queue is bounded by bytes, not by files: the thousands of small
// files made before the render (charts' CSV, the search index) are handed
// over at once and written while the pages render, instead of holding up
// the build until one writer has made them (a full queue of 1024 files
// did: the files phase of a 100k build took 2.2 s, 0.7 s of it making
// them).
const (
	// maxWriters is how many files may be written at once.
	maxWriters = 4
	// queueBytes bounds the bytes handed over and not yet written, so
	// memory stays flat when the disk is slower than the workers: they
	// wait for room instead of piling pages up. 32 MB is ~2 500 pages of
	// the average size, several hundred milliseconds of writing.
	queueBytes = 32 << 20
)

// writeQueue writes the files of one output on the writer goroutines.
type writeQueue struct {
	o   *output
	ctx context.Context
	wg  sync.WaitGroup

	mu      sync.Mutex
	room    *sync.Cond // signalled when bytes are written
	work    *sync.Cond // signalled when a file is handed over, or at drain
	jobs    []writeJob // first in, first out
	queued  int64      // bytes handed over and not yet written
	running int        // writer goroutines started
	closed  bool       // drain has begun: no more files
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

// startWriters makes every later put hand its file to the writers (one
// to begin with). A write not yet started when ctx ends (an interrupt, a
// failed write) is skipped. drain must be called before the folder is
// used or removed.
func (o *output) startWriters(ctx context.Context) {
	q := &writeQueue{o: o, ctx: ctx}
	q.room, q.work = sync.NewCond(&q.mu), sync.NewCond(&q.mu)
	q.mu.Lock()
	q.addWriter()
	q.mu.Unlock()
	o.q = q
}

// addWriter starts one more writer; q.mu must be held.
func (q *writeQueue) addWriter() {
	q.running++
	q.wg.Add(1)
	go q.run()
}

// behind reports whether the writers have fallen behind the workers
// enough to add one: more than a quarter of the queue's bytes waits for
// each writer running. The backlog must grow again for each writer
// added, so one burst of large files does not start them all. q.mu must
// be held.
func (q *writeQueue) behind() bool {
	return q.queued > int64(q.running)*queueBytes/4
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
	q.mu.Lock()
	q.closed = true
	// Nothing renders any more: the files left may all be written at
	// once.
	for q.running < min(maxWriters, len(q.jobs)) {
		q.addWriter()
	}
	q.work.Broadcast()
	q.mu.Unlock()
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
	q.jobs = append(q.jobs, writeJob{p, buf})
	if q.running < maxWriters && q.behind() {
		q.addWriter()
	}
	q.mu.Unlock()
	q.work.Signal()
}

// next waits for the next file to write; ok is false once the queue is
// drained and empty.
func (q *writeQueue) next() (j writeJob, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.jobs) == 0 {
		if q.closed {
			return writeJob{}, false
		}
		q.work.Wait()
	}
	j = q.jobs[0]
	q.jobs[0] = writeJob{}
	q.jobs = q.jobs[1:]
	return j, true
}

func (q *writeQueue) run() {
	defer q.wg.Done()
	for {
		j, ok := q.next()
		if !ok {
			return
		}
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
