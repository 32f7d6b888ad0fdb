package search

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestByteChunks: strings grown by appends of every size a chunk takes,
// interleaved, read back as plain appends would have made them.
func TestByteChunks(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var c byteChunks
	lists := make([]chunkList, 300)
	want := make([][]byte, len(lists))
	total := 0
	for range 200_000 {
		i := r.IntN(len(lists))
		if i%3 == 0 {
			i = r.IntN(5) // a few long strings, over many pages
		}
		p := make([]byte, 1+r.IntN(6))
		if r.IntN(1000) == 0 {
			p = make([]byte, r.IntN(8<<maxChunkClass-chunkHead+1))
		}
		for k := range p {
			p[k] = byte(r.Uint32())
		}
		c.add(&lists[i], p)
		want[i] = append(want[i], p...)
		total += len(p)
	}
	if c.total != total {
		t.Errorf("total %d, want %d", c.total, total)
	}
	for i := range lists {
		if got := c.appendTo([]byte("x"), &lists[i]); !bytes.Equal(got[1:], want[i]) || got[0] != 'x' {
			t.Fatalf("string %d: %d bytes, want %d", i, len(got)-1, len(want[i]))
		}
	}
}
