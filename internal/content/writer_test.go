package content

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/yuin/goldmark/renderer/html"
)

// writeBoth writes src with goldmark's writer and with plainWriter, both
// ways (Write and RawWrite).
func writeBoth(src []byte) (ours, theirs [2]string) {
	for i, w := range []html.Writer{plainWriter{html.DefaultWriter}, html.DefaultWriter} {
		for j := range 2 {
			var b bytes.Buffer
			bw := bufio.NewWriter(&b)
			if j == 0 {
				w.Write(bw, src)
			} else {
				w.RawWrite(bw, src)
			}
			bw.Flush()
			if i == 0 {
				ours[j] = b.String()
			} else {
				theirs[j] = b.String()
			}
		}
	}
	return ours, theirs
}

// TestPlainWriterMatchesGoldmark: on text with and without the bytes
// goldmark's writer acts on, at every place in an 8-byte turn, the output
// is goldmark's.
func TestPlainWriterMatchesGoldmark(t *testing.T) {
	pieces := []string{"a", "Hòa Bình", "đ", " ", "\x00", "\"", "&", "&amp;", "&#x41;", "&#65;", "&copy", "<", ">", "\\", "\\*", "\\ ", "'", "\n", "\xff"}
	rng := rand.New(rand.NewPCG(4, 5))
	plain := 0
	for range 50000 {
		var b bytes.Buffer
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if plainText(b.Bytes()) {
			plain++
		}
		if ours, theirs := writeBoth(b.Bytes()); ours != theirs {
			t.Fatalf("%q: Write, RawWrite %q, goldmark %q", b.Bytes(), ours, theirs)
		}
	}
	if plain < 5000 {
		t.Errorf("only %d plain texts: the fast way is barely tested", plain)
	}
}

func FuzzPlainWriter(f *testing.F) {
	f.Add([]byte("Hội nghị & \"giao ban\" <b> \\* &amp; \x00"))
	f.Add([]byte("khuyến học"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if ours, theirs := writeBoth(src); ours != theirs {
			t.Fatalf("%q: Write, RawWrite %q, goldmark %q", src, ours, theirs)
		}
	})
}
