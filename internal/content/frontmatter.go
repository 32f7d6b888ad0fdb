package content

import (
	"bytes"
	"errors"
)

// Delimiter opens and closes front matter.
const Delimiter = "+++"

// ErrNoFrontMatter and ErrUnclosed describe malformed front matter.
var (
	ErrNoFrontMatter = errors.New("article does not start with +++")
	ErrUnclosed      = errors.New("front matter is not closed")
)

// SplitFrontMatter separates front matter from the body. fmLine is the line
// the front matter starts on (2) and bodyLine the line the body starts on.
// A byte order mark and CRLF line endings are accepted.
func SplitFrontMatter(src []byte) (fm, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != Delimiter {
		return nil, src, 1, ErrNoFrontMatter
	}
	if !found {
		return nil, nil, 0, ErrUnclosed
	}
	line := 2
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		next := len(rest) + 1
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
			next = off + end + 1
		}
		if string(bytes.TrimRight(l, " \t\r")) == Delimiter {
			body = nil
			if next <= len(rest) {
				body = rest[next:]
			}
			return rest[:off], body, line + 1, nil
		}
		line++
		off = next
	}
	return rest, nil, 0, ErrUnclosed
}
