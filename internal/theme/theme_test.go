package theme

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

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
