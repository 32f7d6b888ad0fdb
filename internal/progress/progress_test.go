package progress

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a strings.Builder safe to write from the reporter while
// the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func waitFor(t *testing.T, w *syncBuffer, sub string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if strings.Contains(w.String(), sub) {
			return
		}
	}
	t.Fatalf("%q never written; got %q", sub, w.String())
}

func TestQuickBuildPrintsNothing(t *testing.T) {
	var w syncBuffer
	var tr Tracker
	tr.Phase("render", 10)
	r := Start(&w, &tr, Settings{Terminal: true, Delay: time.Hour})
	r.Stop()
	if w.String() != "" {
		t.Errorf("wrote %q", w.String())
	}
}

func TestTerminalRedrawsOneLine(t *testing.T) {
	var w syncBuffer
	var tr Tracker
	tr.Phase("data+content", 0)
	r := Start(&w, &tr, Settings{Terminal: true, Delay: time.Nanosecond, Every: time.Millisecond})
	waitFor(t, &w, "khuyenhoc: data+content…")
	tr.Phase("render", 200)
	tr.Add(50)
	waitFor(t, &w, "khuyenhoc: render 50/200 (25%)")
	r.Stop()
	out := w.String()
	if strings.Contains(out, "\n") {
		t.Errorf("a terminal line must be redrawn, not repeated: %q", out)
	}
	if !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("the line is not erased at the end: %q", out)
	}
}

func TestLogGetsPlainLines(t *testing.T) {
	var w syncBuffer
	var tr Tracker
	tr.Phase("render", 4)
	tr.Add(9) // more than the total is shown as the total
	r := Start(&w, &tr, Settings{Delay: time.Nanosecond, Every: time.Millisecond})
	waitFor(t, &w, "khuyenhoc: render 4/4 (100%)")
	r.Stop()
	if out := w.String(); strings.ContainsAny(out, "\r\x1b") || !strings.HasSuffix(out, "\n") {
		t.Errorf("log lines must be plain: %q", out)
	}
}

func TestNilTracker(t *testing.T) {
	var tr *Tracker
	tr.Phase("x", 1)
	tr.Add(1)
}
