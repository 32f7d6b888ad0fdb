package content

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkify is goldmark's Linkify extension with a cheaper "no": its parser
// is asked at every space of the text (a bare URL may start after any),
// and for each word it compares prefixes and looks for an e-mail address,
// a sixth of an article's conversion. A link there needs the word to
// start with "http", "ftp:" or "www.", or to be printable ASCII up to an
// @ (an e-mail address); every other word, most of a Vietnamese text, is
// answered here, and the rest by goldmark's parser
// (TestLinkifyMatchesGoldmark, FuzzLinkify).
type linkify struct{}

// linkifyPriority is the extension's own.
const linkifyPriority = 999

func (linkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, linkifyPriority)))
}

type quickLinkify struct{ parser.InlineParser }

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(': // the trigger, which goldmark's parser steps over
			line = line[1:]
		}
	}
	if len(line) == 0 {
		return nil
	}
	switch line[0] {
	case 'h':
		if bytes.HasPrefix(line, []byte("http")) {
			return q.InlineParser.Parse(parent, block, pc)
		}
	case 'f':
		if bytes.HasPrefix(line, []byte("ftp:")) {
			return q.InlineParser.Parse(parent, block, pc)
		}
	case 'w':
		if bytes.HasPrefix(line, []byte("www.")) {
			return q.InlineParser.Parse(parent, block, pc)
		}
	}
	// An address is a run of printable ASCII (its local part, a subset of
	// these) ending at the @.
	i := 0
	for i < len(line) && line[i] > ' ' && line[i] < 0x7f && line[i] != '@' {
		i++
	}
	if i == len(line) || line[i] != '@' {
		return nil
	}
	return q.InlineParser.Parse(parent, block, pc)
}

// lookbackLinkify makes the links goldmark's Linkify makes, for text
// lookbackCannot passes, without being asked at every space.
// A bare URL's scheme ends in ':' ("http:", "https:", "ftp:") and a www
// address's first label in '.': it is asked there, looks back for the
// scheme, decides whether goldmark's Linkify would have been asked where
// it starts, and if so asks that parser there. goldmark's inline loop
// does work at every trigger character; spaces are a sixth of a
// Vietnamese text, ':' and '.' a few in a hundred, and '.' is already
// the Typographer's (TestLinkifyMatchesGoldmark,
// TestLinkifyRandomDocuments, FuzzLinkify).
type lookbackLinkify struct{}

func (lookbackLinkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		// Before the Typographer (9999), which also takes '.'.
		util.Prioritized(lookbackParser{extension.NewLinkifyParser()}, linkifyPriority)))
}

type lookbackParser struct{ linkify parser.InlineParser }

// lookbackCannot reports whether src needs goldmark's way of asking
// Linkify. An @ may make an e-mail link, whose address may hold
// characters other parsers take first. And goldmark's parser can carry
// a backslash's escape past a link Linkify made at the space after it,
// or past the end of a line (three backslashes, or one before a
// two-space break); its writer does not, and the two then disagree on
// the next backslash in a way that depends on where the text was cut.
func lookbackCannot(src []byte) bool {
	return bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("\\ ")) || bytes.Contains(src, []byte("\\\\\n"))
}

func (lookbackParser) Trigger() []byte { return []byte{':', '.'} }

func (p lookbackParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	src := block.Source()
	at := seg.Start
	s := schemeStart(src, at, line[0])
	if s < 0 {
		return nil
	}
	// goldmark put the text since its last stop into the last child.
	txt, ok := parent.LastChild().(*ast.Text)
	if !ok || txt.Segment.Stop != at || txt.Segment.Start > s {
		return nil
	}
	ask, ok := linkifyAsked(src, txt.Segment.Start, s)
	if !ok {
		return nil
	}
	// Undo what goldmark did since Linkify would have been asked, ask it
	// there, and redo it if there is no link.
	saved := txt.Segment
	txt.Segment = txt.Segment.WithStop(ask)
	removed := txt.Segment.Start == s
	if removed {
		parent.RemoveChild(parent, txt)
	}
	lineNo, _ := block.Position()
	block.SetPosition(lineNo, text.NewSegment(ask, seg.Stop))
	link := p.linkify.Parse(parent, block, pc)
	if link == nil {
		if removed {
			parent.AppendChild(parent, txt)
		}
		txt.Segment = saved
		return nil
	}
	link.SetPos(ask)
	return link
}

// schemeStart is where a link would start whose scheme ends at src[at]
// (':' after http, https or ftp; '.' after www), or -1.
func schemeStart(src []byte, at int, c byte) int {
	before := src[:at]
	if c == '.' {
		if bytes.HasSuffix(before, []byte("www")) {
			return at - 3
		}
		return -1
	}
	switch {
	case bytes.HasSuffix(before, []byte("https")):
		return at - 5
	case bytes.HasSuffix(before, []byte("http")):
		return at - 4
	case bytes.HasSuffix(before, []byte("ftp")):
		return at - 3
	}
	return -1
}

// linkifyAsked reports whether goldmark's inline loop would have asked
// Linkify for a link at s, and where: at s itself, or at the character
// before, which it steps over. from is where the text holding s begins:
// goldmark's loop began there, after a line start or an inline node, or
// at a trigger character that no parser took.
func linkifyAsked(src []byte, from, s int) (int, bool) {
	if from == s {
		// The loop began at s: it asks Linkify at the first character.
		return s, true
	}
	if allBackticks(src[from:s]) {
		// An unclosed code span's backticks: a text node of their own,
		// after which the loop began again at s.
		return s, true
	}
	switch src[s-1] {
	case ' ':
		// Every space asks Linkify, escaped or not; it steps over ' ' only.
		return s - 1, true
	case '(', '~':
		// Punctuation asks unless escaped. '(' has no other parser;
		// Strikethrough takes a '~' before a letter unless a '~' precedes
		// it, and this one is text, so it did not.
		return s - 1, !escapedAt(src, from, s-1)
	}
	// '*' and '_' before a letter always open emphasis: as text, they
	// were escaped.
	return 0, false
}

// escapedAt reports whether src[i] follows an odd run of backslashes
// that starts at or after from.
func escapedAt(src []byte, from, i int) bool {
	n := 0
	for j := i - 1; j >= from && src[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

func allBackticks(b []byte) bool {
	for _, c := range b {
		if c != '`' {
			return false
		}
	}
	return len(b) > 0
}

// CloseBlock keeps the spaces at a line's end that goldmark keeps with
// its Linkify. goldmark trims the text after a line's last trigger
// character; Linkify makes every space and tab one, so of two or more
// spaces and tabs ending a line, all but the last stay in the HTML.
// Without Linkify asked there, they would all go.
func (lookbackParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	src := block.Source()
	lines := parent.Lines()
	var fixes map[int]int // a line's trimmed end → where goldmark's Linkify would have ended it
	for i := range lines.Len() {
		if end, keep := keptSpaces(src, lines.At(i)); keep > end {
			if fixes == nil {
				fixes = map[int]int{}
			}
			fixes[end] = keep
		}
	}
	if fixes == nil {
		return
	}
	_ = ast.Walk(parent, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		// The line's text ends where goldmark trimmed it. An unclosed code
		// span's backticks may end there too, before an empty text: one
		// of them takes the spaces, which come out the same either way.
		if t, ok := n.(*ast.Text); ok && entering {
			if end := t.Segment.Stop; fixes[end] > 0 {
				t.Segment = t.Segment.WithStop(fixes[end])
				delete(fixes, end)
			}
		}
		return ast.WalkContinue, nil
	})
}

// keptSpaces returns where goldmark trims the text of line, and where it
// would with Linkify's triggers: before the last of the spaces and tabs
// (and carriage returns) that end the part of the line its inline loop
// reads. A line ending in a backslash break is not trimmed.
func keptSpaces(src []byte, line text.Segment) (end, keep int) {
	e := line.Stop
	switch {
	case e-line.Start >= 2 && src[e-1] == '\n' && src[e-2] == '\\' && (e-line.Start == 2 || src[e-3] != '\\'),
		e-line.Start >= 3 && src[e-1] == '\n' && src[e-2] == '\r' && src[e-3] == '\\' && (e-line.Start == 3 || src[e-4] != '\\'):
		return e, e
	case e-line.Start >= 3 && src[e-1] == '\n' && src[e-2] == ' ' && src[e-3] == ' ':
		e -= 3
	case e-line.Start >= 4 && src[e-1] == '\n' && src[e-2] == '\r' && src[e-3] == ' ' && src[e-4] == ' ':
		e -= 4
	case e > line.Start && src[e-1] == '\n':
		e--
	}
	end = e
	for end > line.Start && util.IsSpace(src[end-1]) {
		end--
	}
	keep = end
	for i := e - 1; i > end; i-- {
		if src[i] != '\r' {
			keep = i // the last trigger: the text from it is trimmed
			break
		}
	}
	return end, keep
}
