package content

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// basePath is a goldmark extension that makes site-relative links in
// Markdown ("/tin-tuc/x/") work when the site is published under a
// sub-path, by prefixing the base path ("/khuyenhoc/tin-tuc/x/").
type basePath struct{ prefix string }

func (b basePath) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(b, 500)))
}

func (b basePath) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	if b.prefix == "" {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = b.rewrite(n.Destination)
		case *ast.Image:
			n.Destination = b.rewrite(n.Destination)
		}
		return ast.WalkContinue, nil
	})
}

func (b basePath) rewrite(dest []byte) []byte {
	if !bytes.HasPrefix(dest, []byte("/")) || bytes.HasPrefix(dest, []byte("//")) {
		return dest
	}
	return append([]byte(b.prefix), dest...)
}

func newBasePath(base string) basePath {
	return basePath{prefix: strings.TrimSuffix(base, "/")}
}
