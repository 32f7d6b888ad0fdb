package config

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/khuyenhoc/khuyenhoc/internal/decode"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

func load(t *testing.T, text string) (*Config, *diag.List) {
	t.Helper()
	l := &diag.List{}
	c := Load(fstest.MapFS{File: {Data: []byte(text)}}, l)
	return c, l
}

func hasError(l *diag.List, subs ...string) bool {
	for _, d := range l.Items() {
		text := diag.Format(d)
		ok := true
		for _, s := range subs {
			ok = ok && strings.Contains(text, s)
		}
		if ok {
			return true
		}
	}
	return false
}

func TestLoad(t *testing.T) {
	c, l := load(t, "title = \"T\"\nbase_url = \"https://example.org/kh\"\nlanguage = \"vi\"\nlicense_url = \"https://creativecommons.org/licenses/by/4.0/\"\n")
	if l.Len() != 0 {
		t.Fatalf("diagnostics: %v", l.Items())
	}
	if c.BasePath() != "/kh/" || c.PerPage != 10 || c.Theme != "default" || c.UnsafeHTML {
		t.Errorf("config %+v", c)
	}
}

// TestLicenseURL: license_url is an address; a script URL is refused.
func TestLicenseURL(t *testing.T) {
	_, l := load(t, "title = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"vi\"\nlicense_url = \"javascript:alert(1)\"\n")
	if !hasError(l, "site.toml:4:1: error: license_url \"javascript:alert(1)\" must start with https:// or http://", "hint:") {
		t.Errorf("diagnostics: %v", l.Items())
	}
}

// TestSiteTOMLTooBig: a site.toml over the TOML limit is refused without
// being read past it.
func TestSiteTOMLTooBig(t *testing.T) {
	_, l := load(t, "title = \"T\"\n"+strings.Repeat("# chú thích\n", decode.MaxTOMLBytes/10))
	if !hasError(l, "site.toml:", "error: TOML file is", "at most 10 MB", "hint:") {
		t.Errorf("diagnostics: %v", l.Items())
	}
}

// FuzzConfigLoad reads any site.toml: Load never fails, every diagnostic
// is inside the file, and the settings it returns are usable.
func FuzzConfigLoad(f *testing.F) {
	for _, s := range []string{
		"title = \"Khuyến học\"\nbase_url = \"https://example.org/khuyenhoc/\"\nlanguage = \"vi\"\nper_page = 10\n[[menu]]\nname = \"Tin\"\nurl = \"/tin-tuc/\"\n",
		"",
		"\x00\xff\xfe",
		"base_url = \"javascript:alert(1)\"\n",
		"base_url = \"https://example.org/?q=1#x\"\n",
		"base_url = \"//example.org/\"\nper_page = -1\nlanguage = \"en\"\n",
		"per_page = 99999999999999999999\n",
		"[[menu]]\n[[menu]]\nurl = 1\n",
		"title = " + strings.Repeat("[", 1000) + "\n",
		"unsafe_html = \"yes\"\ntheme = \"../../etc\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		l := &diag.List{}
		c := Load(fstest.MapFS{File: {Data: src}}, l)
		lines := diag.NewSource(File, src).NumLines()
		for _, d := range l.Items() {
			if d.File != File || d.Line < 0 || d.Line > lines || d.Col < 0 || d.Msg == "" {
				t.Fatalf("diagnostic outside the file (%d lines): %v", lines, d)
			}
		}
		if c == nil || c.PerPage == 0 || c.Theme == "" || c.Language == "" {
			t.Fatalf("Load returned unusable settings %+v", c)
		}
		if bp := c.BasePath(); !strings.HasPrefix(bp, "/") || !strings.HasSuffix(bp, "/") {
			t.Fatalf("base path %q", bp)
		}
		if u := c.AbsURL("/x/"); !l.HasErrors(false) && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			t.Fatalf("no error, but AbsURL gives %q", u)
		}
	})
}
