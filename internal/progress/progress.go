// Package progress tells the person waiting for a long build how far it
// has got.
//
// The build updates a [Tracker] as it goes: the phase it is in and, where
// the work can be counted (pages rendered), how much of it is done. A
// [Reporter] reads the tracker from its own goroutine. It stays silent for
// builds shorter than a delay (about 2 s), so that a quick build prints
// only its summary. After that, on a terminal it keeps one line up to date,
// redrawing it in place and erasing it at the end; in a log (CI), where
// redrawing makes a mess, it writes a plain line now and then instead.
//
// A nil *Tracker is valid and does nothing, so code that may run without
// one (tests, the preview server) calls it without checking.
package progress

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// Tracker holds the state of a build. It is safe for concurrent use.
type Tracker struct {
	mu    sync.Mutex
	phase string
	start time.Time
	total int64
	done  atomic.Int64
}

// Phase starts a phase of total countable steps (0: not counted).
func (t *Tracker) Phase(name string, total int) {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.phase, t.total = name, int64(total)
	t.done.Store(0)
	t.mu.Unlock()
}

// Add counts n steps of the current phase as done.
func (t *Tracker) Add(n int) {
	if t != nil {
		t.done.Add(int64(n))
	}
}

// State is a snapshot of a tracker.
type State struct {
	Phase       string
	Done, Total int64
}

// State returns where the build is.
func (t *Tracker) State() State {
	t.mu.Lock()
	defer t.mu.Unlock()
	return State{Phase: t.phase, Done: min(t.done.Load(), t.total), Total: t.total}
}

// Reporter writes a tracker's progress until stopped.
type Reporter struct {
	w        io.Writer
	t        *Tracker
	terminal bool
	start    time.Time
	stop     chan struct{}
	finished chan struct{}
}

// Settings of a Reporter. The zero value of Delay and Every choose the
// defaults: 2 s of silence, then a line every 100 ms on a terminal and
// every 10 s in a log.
type Settings struct {
	Terminal bool
	Delay    time.Duration
	Every    time.Duration
}

// Start reports t's progress to w until Stop is called.
func Start(w io.Writer, t *Tracker, s Settings) *Reporter {
	if s.Delay == 0 {
		s.Delay = 2 * time.Second
	}
	if s.Every == 0 {
		s.Every = 10 * time.Second
		if s.Terminal {
			s.Every = 100 * time.Millisecond
		}
	}
	r := &Reporter{w: w, t: t, terminal: s.Terminal, start: time.Now(), stop: make(chan struct{}), finished: make(chan struct{})}
	go r.run(s.Delay, s.Every)
	return r
}

func (r *Reporter) run(delay, every time.Duration) {
	defer close(r.finished)
	wait := time.NewTimer(delay)
	defer wait.Stop()
	select {
	case <-r.stop:
		return
	case <-wait.C:
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	drawn := false
	for {
		line := r.line()
		if r.terminal {
			// \r and "erase to end of line" redraw the line in place.
			fmt.Fprintf(r.w, "\r%s\x1b[K", line)
			drawn = true
		} else {
			fmt.Fprintln(r.w, line)
		}
		select {
		case <-r.stop:
			if drawn {
				fmt.Fprint(r.w, "\r\x1b[K")
			}
			return
		case <-tick.C:
		}
	}
}

func (r *Reporter) line() string {
	st := r.t.State()
	elapsed := time.Since(r.start).Round(100 * time.Millisecond)
	if st.Total > 0 {
		return fmt.Sprintf("khuyenhoc: %s %d/%d (%d%%), %s", st.Phase, st.Done, st.Total, st.Done*100/st.Total, elapsed)
	}
	return fmt.Sprintf("khuyenhoc: %s…, %s", st.Phase, elapsed)
}

// Stop ends the report, erasing the line on a terminal. It returns once
// nothing more will be written.
func (r *Reporter) Stop() {
	close(r.stop)
	<-r.finished
}
