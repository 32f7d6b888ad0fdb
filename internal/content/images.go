package content

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// lazyImages is a goldmark extension that marks every image of an article
// body loading="lazy" decoding="async": the browser fetches a picture
// only as it nears the screen, and decodes it off the main thread. The
// attributes are on the node, so goldmark's own image renderer writes them
// (its attribute filter allows both).
type lazyImages struct{}

func (lazyImages) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(lazyImages{}, 600)))
}

func (lazyImages) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			img.SetAttributeString("loading", []byte("lazy"))
			img.SetAttributeString("decoding", []byte("async"))
		}
		return ast.WalkContinue, nil
	})
}
