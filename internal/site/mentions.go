package site

import (
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/data"
	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// matcher finds which of a set of names occur in a text, in one pass over
// the text whatever the number of names: an Aho–Corasick automaton over
// bytes, compiled into a DFA whose columns are the bytes that occur in some
// name (every other byte sends it back to the start). It is read-only once
// built, so goroutines share it.
type matcher struct {
	class  [256]int32 // byte → column; 0 for bytes in no name
	cols   int
	next   []int32 // state*cols + column → state
	out    []int32 // state → index of a name ending here, or -1
	outFwd []int32 // state → nearest shorter suffix state with a name, or -1
	names  int
	// stay: the byte keeps the automaton at the start. Most of a text is
	// such bytes (names start with a capital), read in a loop of their
	// own without the transition table.
	stay [256]bool
	// emits: a name ends at the state or at one of its suffixes.
	emits []bool
}

func newMatcher(names []string) *matcher {
	m := &matcher{cols: 1, names: len(names)}
	for _, n := range names {
		for i := 0; i < len(n); i++ {
			if m.class[n[i]] == 0 {
				m.class[n[i]] = int32(m.cols)
				m.cols++
			}
		}
	}
	// The trie, with -1 for a missing edge.
	m.next = make([]int32, m.cols)
	m.out = []int32{-1}
	for i := range m.next {
		m.next[i] = -1
	}
	for ni, n := range names {
		s := int32(0)
		for i := 0; i < len(n); i++ {
			c := m.class[n[i]]
			t := m.next[int(s)*m.cols+int(c)]
			if t < 0 {
				t = int32(len(m.out))
				m.out = append(m.out, -1)
				for range m.cols {
					m.next = append(m.next, -1)
				}
				m.next[int(s)*m.cols+int(c)] = t
			}
			s = t
		}
		if len(n) > 0 && m.out[s] < 0 {
			m.out[s] = int32(ni)
		}
	}
	// Breadth first: a state's failure state is shallower, so it is final
	// before the state needs it; missing edges take the failure state's.
	fail := make([]int32, len(m.out))
	m.outFwd = make([]int32, len(m.out))
	m.outFwd[0] = -1
	queue := []int32{}
	for c := range m.cols {
		switch t := m.next[c]; {
		case t < 0 || c == 0:
			m.next[c] = 0
		default:
			fail[t] = 0
			m.outFwd[t] = -1
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		row := int(s) * m.cols
		for c := range m.cols {
			t := m.next[row+c]
			f := m.next[int(fail[s])*m.cols+c]
			if t < 0 || c == 0 {
				m.next[row+c] = f
				continue
			}
			fail[t] = f
			if m.out[f] >= 0 {
				m.outFwd[t] = f
			} else {
				m.outFwd[t] = m.outFwd[f]
			}
			queue = append(queue, t)
		}
	}
	for b := range m.stay {
		m.stay[b] = m.next[m.class[b]] == 0
	}
	m.emits = make([]bool, len(m.out))
	for s := range m.emits {
		m.emits[s] = m.out[s] >= 0 || m.outFwd[s] >= 0
	}
	return m
}

// find calls found for every name that occurs in text, possibly more than
// once per name.
func (m *matcher) find(text string, found func(name int)) {
	s := int32(0)
	for i := 0; i < len(text); i++ {
		if s == 0 {
			for i < len(text) && m.stay[text[i]] {
				i++
			}
			if i == len(text) {
				return
			}
		}
		s = m.next[int(s)*m.cols+int(m.class[text[i]])]
		if !m.emits[s] {
			continue
		}
		for t := s; t > 0; t = m.outFwd[t] {
			if m.out[t] >= 0 {
				found(int(m.out[t]))
			}
		}
	}
}

// mentionIndex knows which people each article names, in its title or its
// text (compared in NFC). The people are those of the meetings' records,
// one per slug, spelled as first met in meeting order, as the people
// taxonomy has them. Articles are scanned as they are read
// (content.LoadOptions.Visit), while their text is in memory, so the text
// of a large site need not stay in memory for this.
type mentionIndex struct {
	names []string // NFC, one per slug, in first-met order
	slugs []string // names[i]'s slug
	m     *matcher

	mu    sync.Mutex
	found map[*content.Article][]int32 // ascending indexes into names
}

func newMentionIndex(d *data.Data) *mentionIndex {
	mi := &mentionIndex{found: map[*content.Article][]int32{}}
	seen := map[string]bool{}
	for _, m := range d.Meetings {
		for _, p := range m.People {
			slug := viet.Slug(p.Name)
			if slug == "" || seen[slug] {
				continue
			}
			seen[slug] = true
			mi.names = append(mi.names, viet.NFC(strings.TrimSpace(p.Name)))
			mi.slugs = append(mi.slugs, slug)
		}
	}
	mi.m = newMatcher(mi.names)
	return mi
}

// in finds the people a's title and text name.
func (mi *mentionIndex) in(title string, body []byte, bodyNFC bool) []int32 {
	if len(mi.names) == 0 {
		return nil
	}
	var found []int32
	mark := func(n int) {
		if !slices.Contains(found, int32(n)) {
			found = append(found, int32(n))
		}
	}
	// The body is read where it lies, not copied into a string: it is
	// not changed while the matcher reads it, and nothing keeps the view.
	text := unsafe.String(unsafe.SliceData(body), len(body))
	if !bodyNFC {
		text = viet.NFC(text)
	}
	mi.m.find(text, mark)
	mi.m.find(title, mark)
	slices.Sort(found)
	return found
}

// visit records the people a names; it is safe for concurrent use.
func (mi *mentionIndex) visit(a *content.Article) {
	found := mi.in(a.Title, a.Body, a.BodyNFC)
	mi.mu.Lock()
	mi.found[a] = found
	mi.mu.Unlock()
}

// of returns the people a names, as found by visit.
func (mi *mentionIndex) of(a *content.Article) []int32 {
	mi.mu.Lock()
	defer mi.mu.Unlock()
	return mi.found[a]
}
