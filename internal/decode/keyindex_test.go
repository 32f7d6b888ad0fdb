package decode

import (
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

func TestKeyPositions(t *testing.T) {
	src := diag.NewSource("k.toml", []byte(`schema = 1

[[cluster]]
id = "a"
  [[cluster.member]]
  province = "x"
  [[cluster.member]]
  province = "y"

[[cluster]]
id = "b"
tags = ["một, hai", 'ba]', [1, 2], { k = "v, w" }]
empty = [ ]
  [[cluster.member]]
  province = "z"
  articles = [
    "first",   # comment, with a comma
    """multi
    line""", "third",
    { name = "x", n = [1,
      2] },
  ]
after = 1
`))
	var v map[string]any
	if _, err := toml.Decode(string(src.Data), &v); err != nil {
		t.Fatalf("the test document is not TOML: %v", err)
	}
	idx := indexKeys(src)
	for path, want := range map[string]string{
		"cluster[0].member[1].province": "8:3",
		// A new [[cluster]] starts its members from 0 again.
		"cluster[1].member[0]":             "14:3",
		"cluster[1].member[0].province":    "15:3",
		"cluster[1].tags[0]":               "12:9",
		"cluster[1].tags[1]":               "12:23",
		"cluster[1].tags[2]":               "12:30",
		"cluster[1].tags[3]":               "12:38",
		"cluster[1].member[0].articles":    "16:3",
		"cluster[1].member[0].articles[0]": "17:5",
		"cluster[1].member[0].articles[1]": "18:5",
		"cluster[1].member[0].articles[2]": "19:14",
		"cluster[1].member[0].articles[3]": "20:5",
		"cluster[1].member[0].after":       "23:1",
	} {
		pos, ok := idx[path]
		if !ok {
			t.Errorf("%s: not indexed", path)
			continue
		}
		if got := pos.String(); got != "k.toml:"+want {
			t.Errorf("%s at %s, want %s", path, got, want)
		}
	}
	for _, path := range []string{"cluster[1].empty[0]", "cluster[1].member[0].articles[4]", "cluster[0].member[2]"} {
		if pos, ok := idx[path]; ok {
			t.Errorf("%s indexed at %s; there is no such element", path, pos)
		}
	}
}
