package decode

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

func TestTooDeep(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	for _, c := range []struct {
		doc  string
		want string // "" for accepted, else the position of the error
	}{
		{"a = " + deep("[", "]", MaxDepth), ""},
		{"a = " + deep("[", "]", MaxDepth+1), "1:21"},
		{"a = " + deep("{b=", "}", MaxDepth), ""},
		{"a = " + deep("{b=", "}", MaxDepth+1), "1:53"},
		{"x = 1\n" + strings.Repeat("a.", MaxDepth-1) + "a = 1", ""},
		{"x = 1\n" + strings.Repeat("a.", MaxDepth) + "a = 1", "2:32"},
		{`"q".` + strings.Repeat("a.", MaxDepth) + "a = 1", "1:34"},
		{"[" + strings.Repeat("a.", MaxDepth) + "a]", "1:33"},
		{"[[" + strings.Repeat("a.", MaxDepth) + "a]]", "1:34"},
		{"a = {" + strings.Repeat("b.", MaxDepth) + "c = 1}", "1:37"},
		// Dots and brackets in values, strings and comments do not count.
		{"a = [" + strings.Repeat("1.5, ", 100) + "]", ""},
		{"a = \"" + strings.Repeat("[{.", 100) + "\"", ""},
		{"a = '''\n" + strings.Repeat("[{.", 100) + "\n'''\nb = 1", ""},
		{"a = \"\"\"\\\"\"\"" + strings.Repeat("[", 100) + "\"\"\"", ""},
		{"# " + strings.Repeat("[", 100) + "\na = 1", ""},
		{"a = [\n  1, # " + strings.Repeat("[", 100) + "\n  2,\n]", ""},
		{"\"" + strings.Repeat("a.", 100) + "\" = 1", ""},
	} {
		var l diag.List
		var v map[string]any
		TOML(diag.NewSource("d.toml", []byte(c.doc)), &struct{ M map[string]any }{v}, &l)
		got := ""
		for _, d := range l.Items() {
			if strings.HasPrefix(d.Msg, "TOML: ") && !strings.HasPrefix(d.Msg, "TOML syntax") {
				got = strings.TrimPrefix(d.Pos.String(), "d.toml:")
			}
		}
		if got != c.want {
			t.Errorf("%.60q: depth error at %q, want %q", c.doc, got, c.want)
		}
	}
}

// TestSampleWithinDepth checks that every TOML file of the sample site
// passes the depth check.
func TestSampleWithinDepth(t *testing.T) {
	files, _ := filepath.Glob("../../data/*.toml")
	more, _ := filepath.Glob("../../data/meetings/*.toml")
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if off, what := tooDeep(b); off >= 0 {
			t.Errorf("%s: %s at byte %d", f, what, off)
		}
	}
}

// TestTOMLHostileDepthIsFast: input nested 10 000 deep would take the
// parser minutes; the depth check refuses it at once.
func TestTOMLHostileDepthIsFast(t *testing.T) {
	for _, doc := range []string{
		"x = " + strings.Repeat("{a=", 10000) + "1" + strings.Repeat("}", 10000),
		strings.Repeat("a.", 500000) + "a = 1",
		"[" + strings.Repeat("a.", 500000) + "a]",
	} {
		start := time.Now()
		var l diag.List
		var f file
		TOML(diag.NewSource("d.toml", []byte(doc)), &f, &l)
		if d := time.Since(start); d > time.Second || l.Len() != 1 || l.Items()[0].Hint == "" {
			t.Errorf("%.30q: %v, %v", doc, d, l.Items())
		}
	}
}
