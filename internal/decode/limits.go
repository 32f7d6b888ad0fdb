package decode

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"unicode/utf8"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// Limits on what khuyenhoc reads (docs/data-format.md, "Limits"). A file
// over a limit is an error, found without reading the rest of it, so a
// file exported by mistake (a whole database, a pasted video) neither
// hangs the build nor fills the memory.
const (
	// MaxTOMLBytes is the largest TOML file: site.toml and data/*.toml.
	MaxTOMLBytes = 10 << 20
	// MaxCSVBytes is the largest CSV table file.
	MaxCSVBytes = 50 << 20
	// MaxCSVRows is the most data rows one CSV table may have.
	MaxCSVRows = 200_000
)

// TooBigError is a file longer than the limit for its kind.
type TooBigError struct {
	Name string
	Max  int64
	// Size is the file's size, when the file system tells it; 0 when it
	// does not (the file is then known only to be over Max).
	Size int64
	// Line is the line the limit falls on, and Text its start.
	Line int
	Text string
}

func (e *TooBigError) Error() string {
	if e.Size > 0 {
		return fmt.Sprintf("%s is %s, over the limit of %s", e.Name, HumanBytes(e.Size), HumanBytes(e.Max))
	}
	return fmt.Sprintf("%s is over the limit of %s", e.Name, HumanBytes(e.Max))
}

// Report adds the error to l at the line the limit falls on.
func (e *TooBigError) Report(l *diag.List, what, hint string) *diag.Diagnostic {
	size := "more than " + HumanBytes(e.Max)
	if e.Size > 0 {
		size = HumanBytes(e.Size)
	}
	d := l.Errorf(diag.Pos{File: e.Name, Line: e.Line, Col: 1}, "%s is %s; khuyenhoc reads %s of at most %s (the limit is reached on this line)", what, size, what+"s", HumanBytes(e.Max))
	d.Source = e.Text
	d.Hint = hint
	return d
}

// intoReader is a file system that reads a file into a buffer itself, in
// fewer steps than Open, Stat and Read (sitefs.Dir): at most limit bytes
// of it, returning its size (-1 when it is not a regular file).
type intoReader interface {
	ReadInto(buf *bytes.Buffer, name string, limit int64) (size int64, err error)
}

// ReadFile reads name from fsys, but not more than max bytes: a longer
// file gives a *TooBigError, and only its first max bytes are read.
func ReadFile(fsys fs.FS, name string, max int64) ([]byte, error) {
	return ReadFileInto(new(bytes.Buffer), fsys, name, max)
}

// ReadFileInto is ReadFile reading into buf, emptied first, so that a
// goroutine reading many files reuses one buffer: the bytes returned are
// buf's, valid until buf is next used.
func ReadFileInto(buf *bytes.Buffer, fsys fs.FS, name string, max int64) ([]byte, error) {
	buf.Reset()
	// A little past the limit is read, to show the line it falls on.
	const context = 256
	var size int64
	if r, ok := fsys.(intoReader); ok {
		var err error
		if size, err = r.ReadInto(buf, name, max+context); err != nil {
			return nil, err
		}
	} else {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		// Room for a last read that finds the end, so the buffer never grows.
		buf.Grow(int(min(max+context, size)) + bytes.MinRead)
		if _, err := io.Copy(buf, io.LimitReader(f, max+context)); err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
	}
	b := buf.Bytes()
	if int64(len(b)) <= max {
		return b, nil
	}
	head := b[:max]
	e := &TooBigError{Name: name, Max: max, Line: 1 + bytes.Count(head, []byte("\n"))}
	if size > max {
		e.Size = size
	}
	start := bytes.LastIndexByte(head, '\n') + 1
	text, cut := b[start:min(len(b), start+120)], false
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	} else {
		cut = start+120 < len(b)
	}
	for len(text) > 0 && !utf8.Valid(text) {
		text = text[:len(text)-1] // cut inside a character
	}
	e.Text = string(bytes.TrimRight(text, "\r"))
	if cut {
		e.Text += "…"
	}
	return nil, e
}

// HumanBytes writes a size as people read it: "10 MB", "512 KB".
func HumanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
