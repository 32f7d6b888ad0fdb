// Package diag collects and prints the problems khuyenhoc finds in a site.
//
// Every loader reports into a [List] instead of returning at the first error,
// so an editor sees every mistake in one run. A [Diagnostic] names the file,
// line and column, says what is wrong, and where it can, how to fix it:
//
//	data/meetings.toml:12:8: error: unknown cluster "tay-bac-2"
//	  12 | cluster = "tay-bac-2"
//	     |           ^
//	  hint: did you mean "tay-bac"?
//
// Positions are 1-based; a Line of 0 means the problem concerns the whole
// file. Printing is deterministic: [List.Sorted] orders by file, line, column
// and message, so CI logs diff cleanly between runs.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Error stops the build: nothing is written.
	Error Severity = iota
	// Warning is printed; it fails the build only under --strict.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a position in a source file. Line and Col are 1-based; zero means
// unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diagnostic is one problem found in the site.
type Diagnostic struct {
	Pos
	Severity Severity
	Msg      string
	// Hint says what to do about it ("dates are YYYY-MM-DD").
	Hint string
	// Source is the offending source line, shown with a caret under Col.
	Source string
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Msg)
}

// List collects diagnostics. It is safe for concurrent use, so parallel
// loaders and renderers can report into one list.
type List struct {
	mu    sync.Mutex
	items []*Diagnostic
}

// Add appends d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, &d)
	l.mu.Unlock()
}

// Errorf adds an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) *Diagnostic {
	return l.add(pos, Error, fmt.Sprintf(format, args...))
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) *Diagnostic {
	return l.add(pos, Warning, fmt.Sprintf(format, args...))
}

// add stores a diagnostic and returns it for attaching a hint or source
// line. Set those before another goroutine reads the list: a loader running
// in parallel reports into a List of its own and the caller merges.
func (l *List) add(pos Pos, sev Severity, msg string) *Diagnostic {
	d := &Diagnostic{Pos: pos, Severity: sev, Msg: msg}
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
	return d
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	if other == nil || l == other {
		return
	}
	for _, d := range other.Items() {
		l.Add(d)
	}
}

// Items returns a copy of the diagnostics in the order they were added.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Diagnostic, len(l.items))
	for i, d := range l.items {
		out[i] = *d
	}
	return out
}

// Sorted returns the diagnostics ordered by file, line, column, message.
func (l *List) Sorted() []Diagnostic {
	items := l.Items()
	slices.SortStableFunc(items, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return items
}

// Count returns the number of errors and warnings.
func (l *List) Count() (errors, warnings int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any error was added; with strict, warnings count.
func (l *List) HasErrors(strict bool) bool {
	e, w := l.Count()
	return e > 0 || (strict && w > 0)
}

// Len returns the number of diagnostics.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Format renders d as the editor sees it: the position line, the source line
// with a caret under the column, and the hint.
func Format(d Diagnostic) string {
	var b strings.Builder
	shown := d
	if d.Source != "" && d.Col > 0 {
		// Editors count columns in characters, not bytes: "lũy kế" is six.
		shown.Col = caretOffset(d.Source, d.Col) + 1
	}
	b.WriteString(shown.String())
	b.WriteByte('\n')
	if d.Source != "" && d.Line > 0 {
		num := fmt.Sprint(d.Line)
		src := strings.ReplaceAll(d.Source, "\t", " ")
		fmt.Fprintf(&b, "  %s | %s\n", num, src)
		if d.Col > 0 {
			// Columns count runes, so Vietnamese text keeps the caret aligned.
			pad := strings.Repeat(" ", caretOffset(src, d.Col))
			fmt.Fprintf(&b, "  %s | %s^\n", strings.Repeat(" ", len(num)), pad)
		}
	}
	if d.Hint != "" {
		fmt.Fprintf(&b, "  hint: %s\n", d.Hint)
	}
	return b.String()
}

// caretOffset converts a 1-based byte column into the number of runes
// before it, which is where a terminal draws the caret.
func caretOffset(line string, col int) int {
	if col-1 > len(line) {
		col = len(line) + 1
	}
	n := 0
	for range line[:col-1] {
		n++
	}
	return n
}

// Closest returns the candidate nearest to word by edit distance, or "" when
// none is near enough to be a plausible typo. Used for "did you mean" hints.
func Closest(word string, candidates []string) string {
	w := strings.ToLower(word)
	n := utf8.RuneCountInString(w)
	if n > maxSuggestLen {
		return ""
	}
	// Allow roughly one edit per three letters: close enough to be a slip,
	// far enough that unrelated words are not suggested.
	limit := max(2, n/3)
	best, bestDist := "", -1
	for _, c := range candidates {
		// The distance is at least the difference in length, so a
		// candidate much longer or shorter is skipped without computing
		// it: comparing a 1 MB cell with every name would stall the build.
		if m := utf8.RuneCountInString(c); m-n > limit || n-m > limit {
			continue
		}
		d := distance(w, strings.ToLower(c))
		if bestDist < 0 || d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}

// maxSuggestLen is the longest word (in characters) Closest looks for: no
// id, key or name is longer, so a longer word is no typo of one.
const maxSuggestLen = 200

// DidYouMean returns a hint naming the closest candidate, or "".
func DidYouMean(word string, candidates []string) string {
	if c := Closest(word, candidates); c != "" {
		return fmt.Sprintf("did you mean %q?", c)
	}
	return ""
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
