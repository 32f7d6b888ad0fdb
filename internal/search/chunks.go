package search

import "encoding/binary"

// byteChunks holds many byte strings that grow by small appends, in
// chunks carved from large pages: a string's chunks double in size up to
// maxChunk and are linked, so an append never copies what is already
// there, most strings (a pair's postings are mostly one or two) cost no
// allocation of their own, and the collector sees a few pages instead of
// a slice per string.
//
// A chunk is its header — the address of the next chunk (4 bytes) and
// the bytes it holds (2 bytes), set once it is full — then its bytes. An
// address is page<<pageBits | offset.
type byteChunks struct {
	pages [][]byte
	free  int // where the free part of the last page begins
	total int // the bytes of every string
}

// A chunkList is one string of a byteChunks.
type chunkList struct {
	head, tail uint32
	used       uint16 // the bytes in the tail chunk
	class      uint8  // the tail chunk is 8<<class bytes; 0: no chunk yet
}

const (
	pageBits      = 16
	chunkHead     = 6
	maxChunkClass = 9 // 4 KB
)

// add appends p, at most 8<<maxChunkClass - chunkHead bytes, to l.
func (c *byteChunks) add(l *chunkList, p []byte) {
	if l.class == 0 || int(l.used)+len(p) > 8<<l.class-chunkHead {
		c.newChunk(l, len(p))
	}
	page := c.pages[l.tail>>pageBits]
	off := int(l.tail&(1<<pageBits-1)) + chunkHead + int(l.used)
	for i, b := range p { // a posting is a few bytes: no call to copy
		page[off+i] = b
	}
	l.used += uint16(len(p))
	c.total += len(p)
}

// newChunk gives l a new tail chunk, the next size up, with room for n
// bytes.
func (c *byteChunks) newChunk(l *chunkList, n int) {
	class := l.class
	for class < maxChunkClass && (class == l.class || 8<<class-chunkHead < n) {
		class++
	}
	size := 8 << class
	if len(c.pages) == 0 || c.free+size > 1<<pageBits {
		c.pages = append(c.pages, make([]byte, 1<<pageBits))
		c.free = 0
	}
	a := uint32(len(c.pages)-1)<<pageBits | uint32(c.free)
	c.free += size
	if l.class == 0 {
		l.head = a
	} else {
		t := c.pages[l.tail>>pageBits][l.tail&(1<<pageBits-1):]
		binary.LittleEndian.PutUint32(t, a)
		binary.LittleEndian.PutUint16(t[4:], l.used)
	}
	l.tail, l.used, l.class = a, 0, class
}

// appendTo appends the string l to b.
func (c *byteChunks) appendTo(b []byte, l *chunkList) []byte {
	if l.class == 0 {
		return b
	}
	for a := l.head; ; {
		ch := c.pages[a>>pageBits][a&(1<<pageBits-1):]
		if a == l.tail {
			return append(b, ch[chunkHead:chunkHead+int(l.used)]...)
		}
		b = append(b, ch[chunkHead:chunkHead+int(binary.LittleEndian.Uint16(ch[4:]))]...)
		a = binary.LittleEndian.Uint32(ch)
	}
}
