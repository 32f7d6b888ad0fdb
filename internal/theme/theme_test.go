package theme

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"unsafe"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

type card struct{ Title string }

func TestPartialCachedRendersOncePerValue(t *testing.T) {
	calls := 0
	fsys := fstest.MapFS{
		"themes/t/layouts/base.html":          {Data: []byte(`{{define "base"}}{{block "main" .}}{{end}}{{end}}`)},
		"themes/t/layouts/partials/card.html": {Data: []byte(`{{define "card"}}<b>{{count}}{{.Title}}</b>{{end}}`)},
		"themes/t/layouts/list.html":          {Data: []byte(`{{define "main"}}{{range .}}{{partialCached "card" .}}{{end}}{{end}}`)},
	}
	var l diag.List
	th := Load(fsys, "t", template.FuncMap{"count": func() int { calls++; return calls }}, &l)
	if l.Len() > 0 {
		t.Fatal(l.Items())
	}
	a, b := &card{"A<"}, &card{"B"}
	var out strings.Builder
	if err := th.Render(&out, "list", []*card{a, b, a, a, b}); err != nil {
		t.Fatal(err)
	}
	if want := "<b>1A&lt;</b><b>2B</b><b>1A&lt;</b><b>1A&lt;</b><b>2B</b>"; out.String() != want {
		t.Errorf("got %s, want %s", out.String(), want)
	}
	// A value that is not comparable (a map) is rendered every time.
	calls = 0
	out.Reset()
	if err := th.Render(&out, "list", []map[string]string{{"Title": "M"}, {"Title": "M"}}); err != nil {
		t.Fatal(err)
	}
	if want := "<b>1M</b><b>2M</b>"; out.String() != want {
		t.Errorf("maps: got %s, want %s", out.String(), want)
	}
}

// TestPartialCachedCopiesText: text given as the key may be memory its
// owner reuses (an article's HTML is made in a reused scratch buffer): the
// cache keeps a copy, so the owner's later writes neither change a key
// already stored nor stay reachable from the cache.
func TestPartialCachedCopiesText(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/t/layouts/base.html":          {Data: []byte(`{{define "base"}}{{block "main" .}}{{end}}{{end}}`)},
		"themes/t/layouts/partials/echo.html": {Data: []byte(`{{define "echo"}}[{{.}}]{{end}}`)},
		"themes/t/layouts/one.html":           {Data: []byte(`{{define "main"}}{{partialCached "echo" .}}{{end}}`)},
	}
	var l diag.List
	th := Load(fsys, "t", nil, &l)
	if l.Len() > 0 {
		t.Fatal(l.Items())
	}
	scratch := []byte("bài một")
	var out strings.Builder
	if err := th.Render(&out, "one", template.HTML(unsafe.String(&scratch[0], len(scratch)))); err != nil {
		t.Fatal(err)
	}
	n := 0
	for k := range th.partials["echo"].cached {
		n++
		key := k.(template.HTML)
		if unsafe.StringData(string(key)) == &scratch[0] || key != "bài một" {
			t.Errorf("the cache keeps the caller's memory as its key (%q)", key)
		}
	}
	if n != 1 || out.String() != "[bài một]" {
		t.Errorf("%d entries, rendered %s", n, out.String())
	}
}

// TestLiteralIDs: the ids a page of a kind writes as they are, from the
// frame, the partials and that kind's layout (a site's override counts,
// the overridden file does not); ids made by an action are not known.
func TestLiteralIDs(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/t/layouts/base.html":          {Data: []byte(`{{define "base"}}<main id="noi-dung">{{block "main" .}}{{end}}</main>{{end}}`)},
		"themes/t/layouts/partials/head.html": {Data: []byte(`{{define "head"}}<input id="header-q">{{end}}`)},
		"themes/t/layouts/article.html":       {Data: []byte(`{{define "main"}}<h2 id="cu">{{.}}</h2>{{end}}`)},
		"themes/t/layouts/meeting.html":       {Data: []byte(`{{define "main"}}<h2 id="thanh-phan">{{.}}</h2>{{end}}`)},
		"layouts/article.html":                {Data: []byte(`{{define "main"}}<aside id="lien-quan"></aside><p id="{{.}}"></p><p id='x-{{.}}'></p>{{end}}`)},
	}
	var l diag.List
	th := Load(fsys, "t", nil, &l)
	if l.Len() > 0 {
		t.Fatal(l.Items())
	}
	got := strings.Join(th.LiteralIDs("article"), " ")
	if want := "header-q lien-quan noi-dung"; got != want {
		t.Errorf("LiteralIDs(article) = %q, want %q", got, want)
	}
}

// TestPartialCachedUnknown: a name no template has is html/template's
// error, every time.
func TestPartialCachedUnknown(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/t/layouts/base.html": {Data: []byte(`{{define "base"}}{{block "main" .}}{{end}}{{end}}`)},
		"themes/t/layouts/one.html":  {Data: []byte(`{{define "main"}}{{partialCached "nope" .}}{{end}}`)},
	}
	var l diag.List
	th := Load(fsys, "t", nil, &l)
	if l.Len() > 0 {
		t.Fatal(l.Items())
	}
	for range 3 {
		var out strings.Builder
		if err := th.Render(&out, "one", "x"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
			t.Errorf("got %v, want an error naming the template", err)
		}
	}
}
