package chart

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// TestFuncOptsMatchesGoEcharts: every formatter the fixtures use, in
// every unit, is marked as go-echarts marks it.
func TestFuncOptsMatchesGoEcharts(t *testing.T) {
	n := 0
	for name, c := range fixtures() {
		for _, unit := range []string{"", "tỷ đồng", "%", "hội viên", "người"} {
			c.Unit = unit
			b := newBuilder(c.ordered())
			b.build()
			for _, js := range b.funcs {
				n++
				if got, want := funcOpts(js), opts.FuncOpts(js); got != want {
					t.Errorf("%s, unit %q: funcOpts(%q) = %q, go-echarts %q", name, unit, js, got, want)
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d formatters compared", n)
	}
}

// inertLowered is how Snippet judged a script before inertScript, but
// lowering ASCII letters only, as HTML does to compare tag names (Go's
// ToLower also turns "İ" into "i").
func inertLowered(js string) bool {
	l := strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, js)
	return !strings.Contains(l, "</script") && !strings.Contains(l, "<!--")
}

func TestInertScript(t *testing.T) {
	cases := append([]string{
		"", "<", "<!", "<!-", "<!--", "a<!--b", "</script", "</SCRIPT>", "</ScRiPt ", "</scrip", "</scripts",
		"x </script", "<<!--", "<</script", "v <= 12 && w < 3", script, "\u0130</script", "</scr\u0130pt",
	}, script+"</script>")
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"<", "!", "-", "/", "s", "S", "c", "r", "i", "I", "p", "t", "T", " ", "\u0130", "\u212a", "é"}
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(14) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, js := range cases {
		if got, want := inertScript(js), inertLowered(js); got != want {
			t.Errorf("inertScript(%q) = %v, lowered %v", js, got, want)
		}
	}
}

func FuzzInertScript(f *testing.F) {
	f.Add("</script")
	f.Add("<!--")
	f.Add(script)
	f.Fuzz(func(t *testing.T, js string) {
		if got, want := inertScript(js), inertLowered(js); got != want {
			t.Errorf("inertScript(%q) = %v, lowered %v", js, got, want)
		}
	})
}
