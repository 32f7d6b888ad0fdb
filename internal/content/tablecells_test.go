package content

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// tableSeeds are tables in every shape the cell renderer must match:
// each alignment, header and body cells, empty cells, inline markup,
// escaped pipes, ragged rows, a table inside a list and a quote.
var tableSeeds = []string{
	"| a | b | c | d |\n|---|:--|:-:|--:|\n| 1 | 2 | 3 | 4 |\n|  |  |\n| **x** | `y|z` | [l](/a/) | ![i](/b.png) |\n",
	"Tỉnh | Quỹ\n:--- | ---:\nHòa Bình | 1.234\n\\| pipe | 5 \\| 6\n",
	"- mục\n\n  | x |\n  |---|\n  | y |\n\n> | q |\n> |:-:|\n> | w |\n",
	"| only header |\n|---|\n",
	"|a|\n|-|\n|b|c|d|\n",
	"not | a table\n--- | ---\n\n| x\n|--\n",
}

// TestTableCellsMatchGoldmark: the cell renderer writes what goldmark's
// table extension writes, for generated articles and every table shape.
func TestTableCellsMatchGoldmark(t *testing.T) {
	const articles = 20
	html := checkSameAsGoldmark(t, stockCellsMD, "goldmark's table renderer", tableSeeds, articles, 7)
	if tables := strings.Count(html, "<table>"); tables < articles {
		t.Errorf("only %d tables: the comparison tests little", tables)
	}
}

func FuzzTableCells(f *testing.F) {
	fuzzSameAsGoldmark(f, stockCellsMD, "goldmark's table renderer", tableSeeds)
}

// TestTableCellsWithAttributes: a cell given attributes (by a transformer,
// say) is rendered by goldmark's own renderer, attributes and all.
func TestTableCellsWithAttributes(t *testing.T) {
	src := []byte("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
	render := func(m *Markdown) string {
		doc := m.md.Parser().Parse(text.NewReader(src))
		n := 0
		_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && node.Kind() == east.KindTableCell {
				if n%2 == 0 {
					node.SetAttributeString("class", []byte("so"))
				}
				n++
			}
			return ast.WalkContinue, nil
		})
		var b bytes.Buffer
		if err := m.md.Renderer().Render(&b, src, doc); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	ours, stock := render(oursMD), render(stockCellsMD)
	if ours != stock || !strings.Contains(ours, `<td class="so" style="text-align:left">`) {
		t.Errorf("cells with attributes render\n%s\nwant goldmark's\n%s", ours, stock)
	}
}
