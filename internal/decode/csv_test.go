package decode

import (
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// A quote that is never closed swallows the rest of the file; the reader
// notices at the end, but the editor must be sent to where it opens.
func TestCSVUnclosedQuote(t *testing.T) {
	for _, c := range []struct{ src, pos string }{
		{"a,b,c\n1,\"x\"\"y\",3\n2,\"open,3\n4,5,6\n7,8,9\n", "f.csv:3:3"},
		{"\uFEFFa;b\n\"x;y\";\"z\n", "f.csv:2:7"},
		{"\uFEFF\"a;b\n1;2\n", "f.csv:1:4"}, // columns on line 1 count the BOM's bytes
	} {
		var l diag.List
		CSV(diag.NewSource("f.csv", []byte(c.src)), &l)
		ds := l.Items()
		if len(ds) != 1 || ds[0].Pos.String() != c.pos || ds[0].Hint == "" {
			t.Errorf("%q: got %v, want one error at %s", c.src, ds, c.pos)
		}
	}
}
