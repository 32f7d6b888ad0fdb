package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"iter"
	"strings"
	"testing"
)

type item struct {
	Name  string
	URL   string
	N     int
	Tags  []string
	Inner *item
	HTML  template.HTML
	Any   any
	M     map[string]string
	Many  []int
	embedded
}

type embedded struct{ Promoted string }

func (i item) Upper() string            { return strings.ToUpper(i.Name) }
func (i *item) PtrMethod() string       { return "ptr:" + i.Name }
func (i item) Join(sep string) string   { return strings.Join(i.Tags, sep) }
func (i item) Self() item               { return i }
func (i item) Vari(xs ...string) string { return i.Name + strings.Join(xs, ",") }
func (i item) Fails() (string, error)   { return "", errors.New("no") }
func (i item) Works() (string, error)   { return "ok", nil }
func (i item) Panics() string           { panic("boom") }
func (i item) Pairs() iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for k, t := range i.Tags {
			if !yield(k, t) {
				return
			}
		}
	}
}
func (i item) Values() iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, t := range i.Tags {
			if !yield(t) {
				return
			}
		}
	}
}

type stringer struct{ s string }

func (s stringer) String() string { return "S(" + s.s + ")" }

var testFuncs = template.FuncMap{
	"rel": func(s string) string { return "/base" + s },
	"add": func(a, b int) int { return a + b },
	"part": func(name string, v any) (template.HTML, error) {
		return template.HTML("<i>" + name + fmt.Sprint(v) + "</i>"), nil
	},
	"badpart": func(name string, v any) (template.HTML, error) { return "", errors.New("bad") },
	"pair":    func(a string, b int) string { return fmt.Sprint(a, b) },
	"many":    func(xs ...string) string { return strings.Join(xs, "+") },
	"boom":    func(string) string { panic("boom") },
}

func sample() *item {
	return &item{
		Name: `Hòa <Bình> & "Nam" 'Định' +1`, URL: "/tin-tuc/a b/?q=x&y=1#h", N: 3,
		Tags:     []string{"một", "hai", "ba"},
		Inner:    &item{Name: "inner", URL: "javascript:alert(1)"},
		HTML:     template.HTML(`<b title="x">đậm</b>`),
		Any:      stringer{"x"},
		M:        map[string]string{"b": "2", "a": "1"},
		embedded: embedded{Promoted: "promoted"},
		Many:     many(300),
	}
}

func many(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = n - i
	}
	return out
}

// cases are templates executed both ways; fast lists the ones the fast path
// must run itself (the rest may fall back, and must then give the same
// result through html/template).
var cases = []struct {
	name, src string
	fast      bool
}{
	{"text", `<p>{{.Name}}</p>`, true},
	{"attr", `<p title="{{.Name}}" data-x='{{.Name}}'>x</p>`, true},
	{"unquoted attr", `<p title={{.Name}}>x</p>`, true},
	{"href", `<a href="{{.URL}}">{{.URL}}</a><a href="{{.Inner.URL}}">x</a>`, true},
	{"href parts", `<a href="/x/{{.Name}}?q={{.Name}}&r={{.N}}#{{.Name}}">x</a>`, true},
	{"url percent", `<a href="{{"/a%zz/%41%4"}}">x</a><a href="/x?q={{"%zz%41"}}&r={{"%"}}">y</a><a href="{{"/b%"}}">z</a>`, true},
	{"src func", `<img src="{{rel .URL}}" alt="{{.Name}}">`, true},
	{"title", `<html><head><title>{{.Name}} – {{.HTML}}</title></head></html>`, true},
	{"comment", `<!-- {{.Name}} --><p>x</p>`, true},
	{"trusted html", `<div>{{.HTML}}</div>`, true},
	{"trusted html in attr", `<p title="{{.HTML}}">x</p>`, false},
	{"textarea", `<textarea>{{.Name}}</textarea>`, true},
	{"numbers", `{{.N}} {{1}} {{1.5}} {{0x10}} {{'a'}} {{add .N 2}} {{add 1 2}} {{add 1.0 0x2}} {{add 'a' 1e2}} {{add -3 .N}}`, true},
	{"if else", `{{if .Tags}}có{{else}}không{{end}}{{if .Missing}}{{end}}`, false},
	{"if chain", `{{if eq .N 1}}một{{else if eq .N 3}}ba{{else}}khác{{end}}`, true},
	{"with", `{{with .Inner}}{{.Name}}{{end}}{{with .Tags}}{{len .}}{{else}}-{{end}}`, true},
	{"else with", `{{with .Nil}}{{else with .Inner}}{{.Name}}{{end}}`, false},
	{"range slice", `{{range $i, $t := .Tags}}{{if $i}}, {{end}}{{$t}}{{end}}`, true},
	{"range dot", `{{range .Tags}}[{{.}}]{{else}}none{{end}}`, true},
	{"range empty", `{{range .Inner.Tags}}x{{else}}trống{{end}}`, true},
	{"range long", `{{range $i, $x := .Many}}{{if ge $i 254}}{{$i}}={{$x}},{{end}}{{end}}{{range .Many}}{{if lt . 3}}{{.}}{{end}}{{end}}`, true},
	{"range map", `{{range $k, $v := .M}}{{$k}}={{$v}};{{end}}`, true},
	{"range int", `{{range 3}}{{.}}{{end}}`, true},
	{"range seq2", `{{range $i, $t := .Pairs}}{{$i}}:{{$t}} {{end}}{{range .Pairs}}{{.}}{{end}}`, true},
	{"range seq2 break", `{{range $i, $t := .Pairs}}{{if eq $i 2}}{{break}}{{end}}{{if eq $i 0}}{{continue}}{{end}}{{$t}}{{end}}{{range .Inner.Pairs}}x{{else}}trống{{end}}{{range $k := .Pairs}}{{$k}}{{end}}{{range .Pairs}}{{.}}{{else}}none{{end}}`, true},
	{"range seq break", `{{range .Values}}{{if eq . "hai"}}{{break}}{{end}}{{.}}{{end}}{{range .Inner.Values}}x{{else}}trống{{end}}{{range $v := .Values}}{{$v}}{{else}}none{{end}}`, true},
	{"range seq", `{{range .Values}}{{.}};{{end}}`, true},
	{"break continue", `{{range $i, $t := .Tags}}{{if eq $i 1}}{{continue}}{{end}}{{if eq $i 2}}{{break}}{{end}}{{$t}}{{end}}`, true},
	{"variables", `{{$x := .Name}}{{$n := 1}}{{range .Tags}}{{$n = add $n 1}}{{$x}}{{end}}{{$n}}{{$.N}}`, true},
	{"root in range", `{{range .Tags}}{{$.N}}{{end}}`, true},
	{"methods", `{{.Upper}} {{.PtrMethod}} {{.Join ", "}} {{.Works}} {{.Promoted}}`, true},
	{"methods of a value and of an address", `{{define "u"}}{{.Upper}}{{.Name}}{{end}}{{template "u" .}}{{template "u" .Self}}{{template "u" .}}{{range .M}}{{end}}`, true},
	{"methods of a value", `{{.Self.Upper}} {{.Self.Join "-"}} {{.Self.Works}} {{with .Self}}{{.Upper}}{{.Self.Self.Upper}}{{end}} {{.Vari}} {{.Vari "a" "b"}} {{range .M}}{{.}}{{end}}`, true},
	{"method error", `{{.Fails}}`, false},
	{"method panic", `{{.Panics}}`, false},
	{"func panic", `{{boom "x"}}`, false},
	{"missing field", `{{.NoSuchField}}`, false},
	{"nil pointer", `{{.Inner.Inner.Name}}`, false},
	{"map keys", `{{.M.a}} {{.M.zz}} {{index .M "b"}}`, true},
	{"index slice", `{{index .Tags 1}} {{slice .Tags 1 2}} {{slice .Name 0 3}}`, true},
	{"index out of range", `{{index .Tags 9}}`, false},
	{"comparisons", `{{eq .N 3}} {{ne .N 3}} {{lt .N 4}} {{le 3 .N}} {{gt .N 1}} {{ge .N 4}} {{eq .Name "x" "y"}} {{eq .N 1 2 3}}`, true},
	{"bad comparison", `{{lt .Tags 1}}`, false},
	{"bad eq", `{{eq .N "x"}}`, false},
	{"eq piped", `{{.N | eq 3}} {{.N | eq 4 5}} {{if eq .Name .Name}}y{{end}} {{eq .Tags .Tags}}`, false},
	{"eq piped fast", `{{.N | eq 3}} {{.N | eq 4 5}} {{if eq .Name .Name}}y{{end}} {{eq .Inner nil}} {{eq .HTML "x"}}`, true},
	{"and or not", `{{and .N .Name}} {{or .Missing .N}} {{not .Tags}} {{and 0 .Fails}} {{or 1 .Fails}} {{.N | and 1}}`, false},
	{"and or short", `{{and .N .Name}} {{or "" .N}} {{not .Tags}} {{and 0 .Fails}} {{or 1 .Fails}} {{.N | and 1}}`, true},
	{"len", `{{len .Tags}} {{len .Name}} {{len .M}}`, true},
	{"print", `{{print .N .Name}} {{println .N}} {{printf "%d-%s" .N .Name}} {{.N | printf "%03d"}}`, true},
	{"stringer", `{{.Any}} <a title="{{.Any}}">x</a>`, true},
	{"pipeline", `{{.Name | rel}} {{"/x" | rel | rel}} {{(rel "/y")}} {{(.Inner).Name}}`, true},
	{"text funcs escaped", `<p title="{{rel .Name}}">{{rel .Name}}</p><a href="{{rel .Name}}">x</a><a href="/{{rel .Name}}">x</a>{{.Name | rel}}<p title="{{part .Name .N}}">{{part .Name .N}}</p><textarea>{{rel .Name}}</textarea>`, false},
	{"text funcs", `<p title="{{rel .Name}}">{{rel .Name}}</p><a href="{{rel .Name}}">x</a><a href="/{{rel .Name}}">x</a>{{.Name | rel}}{{part .Name .N}}<textarea>{{rel .Name}}{{part .Name .N}}</textarea><!-- {{rel .Name}} -->`, true},
	{"partial", `{{part "card" .N}} {{part "x" .}}`, true},
	{"partial error", `{{badpart "card" .N}}`, false},
	{"reflect func", `{{pair "a" 2}} {{many "a" "b" .Name}} {{many}}`, true},
	{"wrong args", `{{rel}}`, false},
	{"template call", `{{define "card"}}<li>{{.}}</li>{{end}}<ul>{{range .Tags}}{{template "card" .}}{{end}}</ul>`, true},
	{"template scope", `{{define "c"}}{{$x := "in"}}{{$x}}{{$.N}}{{end}}{{$x := "out"}}{{range .Tags}}{{template "c" $}}{{$x}}{{$x = .}}{{end}}{{$x}}`, true},
	{"block", `{{block "b" .Tags}}{{range .}}{{.}}{{end}}{{end}}`, true},
	{"template in attr", `{{define "v"}}{{.}}{{end}}<p title="{{template "v" .Name}}">x</p>`, false},
	{"script", `<script>var x = {{.Name}};</script>`, false},
	{"style", `<p style="color: {{.Name}}">x</p>`, false},
	{"nil data field", `{{.Name}}`, true},
	{"html builtin", `{{html .Name}}`, false},
	{"trim", `<p>  {{- .Name -}}  </p>`, true},
}

// run executes src on data with html/template, then with a Program, and
// returns both outputs and whether the fast path ran itself.
func run(t *testing.T, src string, data any) (slow, fast string, slowErr error, ran bool) {
	t.Helper()
	tpl, err := template.New("t").Funcs(testFuncs).Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var a bytes.Buffer
	slowErr = tpl.Execute(&a, data)
	p, err := Compile(tpl, "t", testFuncs)
	if err != nil {
		return a.String(), a.String(), slowErr, false
	}
	var b bytes.Buffer
	b.WriteString("kept|")
	err = p.Execute(&b, data)
	switch {
	case err == ErrFallback:
		if b.String() != "kept|" {
			t.Errorf("a fallback left %q in the buffer", b.String())
		}
		return a.String(), a.String(), slowErr, false
	case err != nil:
		t.Fatalf("Execute: %v", err)
	}
	return a.String(), strings.TrimPrefix(b.String(), "kept|"), slowErr, true
}

func TestMatchesHTMLTemplate(t *testing.T) {
	var bugs []any
	report := func(r any) { bugs = append(bugs, r) }
	FallbackBugs.Store(&report)
	defer FallbackBugs.Store(nil)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, data := range []any{sample(), nil} {
				if data == nil && c.name != "nil data field" {
					continue
				}
				bugs = nil
				slow, fast, slowErr, ran := run(t, c.src, data)
				if slow != fast {
					t.Errorf("differs:\nhtml/template: %q\nfast path:     %q", slow, fast)
				}
				if ran && slowErr != nil {
					t.Errorf("fast path succeeded where html/template failed: %v", slowErr)
				}
				if c.fast && !ran {
					t.Errorf("fell back (html/template error: %v)", slowErr)
				}
				if !c.fast && ran {
					t.Errorf("ran on the fast path; mark the case fast")
				}
				if len(bugs) > 0 {
					t.Errorf("fell back on a runtime error of its own: %v", bugs)
				}
			}
		})
	}
}

// FuzzEscapers compares the escaping of any text in every context the
// fast path handles.
func FuzzEscapers(f *testing.F) {
	for _, s := range []string{"", "a", `Hòa <Bình> & "x" 'y' +`, "javascript:x", "/a b/?q=1&r=%zz%41#x", "\x00\xff\ufdd0\uffff", "hòa\ufdd0\uffff\xff", "%zz/x%4", "/a/%41%", "mailto:x@y", "HTTP://X"} {
		f.Add(s)
	}
	const src = `<p title="{{.}}" data-u={{.}}>{{.}}</p><a href="{{.}}">x</a><a href="/p/{{.}}?q={{.}}">y</a><title>{{.}}</title><textarea>{{.}}</textarea><!-- {{.}} -->`
	tpl := template.Must(template.New("t").Parse(src))
	tpl.Execute(&bytes.Buffer{}, "")
	p, err := Compile(tpl, "t", nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range []any{s, template.HTML(s), template.URL(s)} {
			var a, b bytes.Buffer
			errA := tpl.Execute(&a, v)
			errB := p.Execute(&b, v)
			if errB == ErrFallback {
				continue
			}
			if errA != nil || errB != nil {
				t.Fatalf("errors: %v, %v", errA, errB)
			}
			if a.String() != b.String() {
				t.Fatalf("%T %q:\nhtml/template: %q\nfast path:     %q", v, s, a.String(), b.String())
			}
		}
	})
}

func TestCompileRefusesDerivedTemplates(t *testing.T) {
	tpl := template.Must(template.New("t").Parse(`{{define "v"}}{{.}}{{end}}<a title="{{template "v" .}}">`))
	tpl.Execute(&bytes.Buffer{}, "x")
	if _, err := Compile(tpl, "t", nil); err == nil {
		t.Error("compiled a template that calls a derived template")
	}
}
