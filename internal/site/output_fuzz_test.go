package site

import (
	"path/filepath"
	"strings"
	"testing"
)

// FuzzCheckOutputPath: a path checkOutputPath accepts stays inside the
// output folder on every system: it is local for filepath, as written
// with slashes and as the same text read with backslashes.
func FuzzCheckOutputPath(f *testing.F) {
	for _, s := range []string{
		"index.html", "tin-tuc/a/index.html", "../x", "a/../../x", "/etc/passwd", `..\x`, "C:x", "c:/x",
		"a\x00b", ".hidden", ".well-known/x", "a./b", "a /b", "…/x", "a//b", "", ".", "..", "x/.", "\u2024\u2024/x",
		"tin-tuc/\u202e/lmth.exe", "con/aux.txt",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if checkOutputPath(p) != nil {
			return
		}
		if p == markerFile {
			return
		}
		if !filepath.IsLocal(filepath.FromSlash(p)) || strings.ContainsAny(p, `\:`) {
			t.Fatalf("checkOutputPath(%q) accepts a path that is not local", p)
		}
		root := filepath.FromSlash("/out/dir")
		if full := filepath.Join(root, filepath.FromSlash(p)); !strings.HasPrefix(full, root+string(filepath.Separator)) {
			t.Fatalf("checkOutputPath(%q) accepts a path outside: %s", p, full)
		}
		for _, elem := range strings.Split(p, "/") {
			if elem == "" || elem == "." || elem == ".." || strings.TrimRight(elem, ". ") != elem {
				t.Fatalf("checkOutputPath(%q) accepts the element %q", p, elem)
			}
		}
	})
}
