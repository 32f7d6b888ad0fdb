package site

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/data"
	"github.com/khuyenhoc/khuyenhoc/internal/history"
)

// overlapHistories answers File only once another File call is running at
// the same time (or after a second, failing the test then): the histories
// of tables are read concurrently.
type overlapHistories struct {
	t        *testing.T
	mu       sync.Mutex
	inFlight int
	together chan struct{}
	once     sync.Once
}

func (h *overlapHistories) File(path string, _ []string) history.History {
	h.mu.Lock()
	h.inFlight++
	if h.inFlight >= 2 {
		h.once.Do(func() { close(h.together) })
	}
	h.mu.Unlock()
	select {
	case <-h.together:
	case <-time.After(time.Second):
		h.t.Errorf("File(%s) ran alone for a second: histories are read one at a time", path)
	}
	h.mu.Lock()
	h.inFlight--
	h.mu.Unlock()
	return history.History{Unavailable: "history of " + path}
}

func TestReadHistoriesConcurrentlyInOrder(t *testing.T) {
	var tables []data.PublishedTable
	for i := range 10 {
		tables = append(tables, data.PublishedTable{Source: fmt.Sprintf("data/tables/t%d.csv", i)})
	}
	got := readHistories(&overlapHistories{t: t, together: make(chan struct{})}, tables)()
	for i, h := range got {
		if want := "history of " + tables[i].Source; h.Unavailable != want {
			t.Errorf("history %d = %q, want %q", i, h.Unavailable, want)
		}
	}
	for _, h := range readHistories(nil, tables)() {
		if h.Unavailable == "" {
			t.Error("without a repository a history says why it is not there")
		}
	}
}
