package content

import (
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// plainWriter is goldmark's html.DefaultWriter with a quicker way through
// text that has nothing to escape, unescape or resolve: no NUL, quote,
// ampersand, angle bracket or backslash, which is most of an article's
// text. goldmark's writer looks at every byte for each of them in turn;
// such text it writes unchanged (TestPlainWriterMatchesGoldmark,
// FuzzPlainWriter).
type plainWriter struct{ html.Writer }

// writerSpecial are the bytes goldmark's writer may change or act on.
var writerSpecial = func() (t [256]bool) {
	for _, c := range []byte("\x00\"&<>\\") {
		t[c] = true
	}
	return t
}()

// plainText reports whether b has none of writerSpecial.
func plainText(b []byte) bool {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if writerSpecial[b[i]] || writerSpecial[b[i+1]] || writerSpecial[b[i+2]] || writerSpecial[b[i+3]] ||
			writerSpecial[b[i+4]] || writerSpecial[b[i+5]] || writerSpecial[b[i+6]] || writerSpecial[b[i+7]] {
			return false
		}
	}
	for ; i < len(b); i++ {
		if writerSpecial[b[i]] {
			return false
		}
	}
	return true
}

func (w plainWriter) Write(out util.BufWriter, source []byte) {
	if plainText(source) {
		_, _ = out.Write(source)
		return
	}
	w.Writer.Write(out, source)
}

func (w plainWriter) RawWrite(out util.BufWriter, source []byte) {
	if plainText(source) {
		_, _ = out.Write(source)
		return
	}
	w.Writer.RawWrite(out, source)
}
