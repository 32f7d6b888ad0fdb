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
