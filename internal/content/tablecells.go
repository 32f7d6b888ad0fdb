package content

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// tableCells renders GFM table cells exactly as goldmark's table extension
// does, without what it spends on each cell: an fmt.Fprintf for the tag,
// and for an aligned cell an fmt.Sprintf, a copy-on-write buffer and a
// style attribute set on the node, only to be written out. Articles carry
// tables of figures, right-aligned: those were 120 MB of the 1.5 GB a 10k
// build allocated. A cell that has attributes of its own is left to
// goldmark's renderer (TestTableCellsMatchGoldmark).
type tableCells struct{}

// tableCellsPriority runs before the table extension's renderer (500):
// goldmark registers renderers from the highest priority value down, so
// the lower value's function is the one kept.
const tableCellsPriority = 400

func (tableCells) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(cellRenderer{stock: stockCellRenderer()}, tableCellsPriority)))
}

type cellRenderer struct{ stock renderer.NodeRendererFunc }

func (r cellRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTableCell, r.render)
}

func (r cellRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if node.Attributes() != nil {
		return r.stock(w, source, node, entering)
	}
	n := node.(*east.TableCell)
	tag := "td"
	if n.Parent().Kind() == east.KindTableHeader {
		tag = "th"
	}
	if !entering {
		_, _ = w.WriteString("</")
		_, _ = w.WriteString(tag)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	_ = w.WriteByte('<')
	_, _ = w.WriteString(tag)
	if n.Alignment != east.AlignNone {
		_, _ = w.WriteString(` style="text-align:`)
		_, _ = w.WriteString(n.Alignment.String())
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// stockCellRenderer returns the table extension's own cell renderer.
func stockCellRenderer() renderer.NodeRendererFunc {
	var funcs registered = map[ast.NodeKind]renderer.NodeRendererFunc{}
	extension.NewTableHTMLRenderer().RegisterFuncs(funcs)
	return funcs[east.KindTableCell]
}

type registered map[ast.NodeKind]renderer.NodeRendererFunc

func (r registered) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { r[k] = f }
