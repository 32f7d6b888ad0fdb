package diag

import (
	"bytes"
	"io/fs"
	"sort"
	"sync"
)

// Source is a file's text with a line index, so any byte offset can be
// turned into a position and any line shown under a diagnostic.
type Source struct {
	Name string
	Data []byte

	// The index is made on first use: most files read have no problem to
	// report, and a build reads 100 000 of them.
	index sync.Once
	lines []int // byte offset where each line starts
}

// NewSource returns data as the source of the file name.
func NewSource(name string, data []byte) *Source {
	return &Source{Name: name, Data: data}
}

// lineStarts returns the offset where each line starts.
func (s *Source) lineStarts() []int {
	s.index.Do(func() {
		s.lines = make([]int, 1, 1+bytes.Count(s.Data, []byte{'\n'}))
		for i, rest := 0, s.Data; ; {
			j := bytes.IndexByte(rest[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			s.lines = append(s.lines, i)
		}
	})
	return s.lines
}

// Line returns line n (1-based) without its line ending, or "".
func (s *Source) Line(n int) string {
	lines := s.lineStarts()
	if n < 1 || n > len(lines) {
		return ""
	}
	start := lines[n-1]
	end := len(s.Data)
	if n < len(lines) {
		end = lines[n] - 1
	}
	if start > end {
		return ""
	}
	return string(bytes.TrimRight(s.Data[start:end], "\r"))
}

// NumLines returns the number of lines.
func (s *Source) NumLines() int { return len(s.lineStarts()) }

// Pos converts a byte offset into a position.
func (s *Source) Pos(offset int) Pos {
	lines := s.lineStarts()
	i := sort.Search(len(lines), func(i int) bool { return lines[i] > offset }) - 1
	if i < 0 {
		i = 0
	}
	return Pos{File: s.Name, Line: i + 1, Col: offset - lines[i] + 1}
}

// At returns the position of line:col in this file.
func (s *Source) At(line, col int) Pos { return Pos{File: s.Name, Line: line, Col: col} }

// Errorf adds an error at pos to l with the source line attached.
func (s *Source) Errorf(l *List, pos Pos, format string, args ...any) *Diagnostic {
	d := l.Errorf(pos, format, args...)
	d.Source = s.Line(pos.Line)
	return d
}

// Warnf adds a warning at pos to l with the source line attached.
func (s *Source) Warnf(l *List, pos Pos, format string, args ...any) *Diagnostic {
	d := l.Warnf(pos, format, args...)
	d.Source = s.Line(pos.Line)
	return d
}

// AttachSources fills in the source line of diagnostics that have a line
// but no excerpt yet, reading each file once from fsys.
func (l *List) AttachSources(fsys fs.FS) {
	cache := map[string]*Source{}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Source != "" || d.Line == 0 || d.File == "" {
			continue
		}
		s, ok := cache[d.File]
		if !ok {
			if b, err := fs.ReadFile(fsys, d.File); err == nil {
				s = NewSource(d.File, b)
			}
			cache[d.File] = s
		}
		if s != nil {
			d.Source = s.Line(d.Line)
		}
	}
}
