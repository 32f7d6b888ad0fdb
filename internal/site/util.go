package site

import (
	"runtime"
	"strconv"
	"sync"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

func itoa(n int) string { return strconv.Itoa(n) }

func qual(s string) viet.Qualifier { return viet.Qualifier(s) }

// parallel calls f on consecutive ranges covering [0, n), one per CPU, and
// waits for them.
func parallel(n int, f func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(n*w/workers, n*(w+1)/workers)
		}()
	}
	wg.Wait()
}
