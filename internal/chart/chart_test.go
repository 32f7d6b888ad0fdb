package chart

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func v(x float64) Value                { return Value{V: x, OK: true} }
func approx(q string, x float64) Value { return Value{V: x, OK: true, Approx: q} }

var gap = Value{}

// fixtures returns one realistic chart per Kind, keyed by Kind.String().
func fixtures() map[string]Chart {
	return map[string]Chart{
		"bar": {
			ID:          "quy-khuyen-hoc",
			Title:       "Quỹ khuyến học toàn quốc",
			Description: "Tổng quỹ khuyến học tăng từ 300 tỷ đồng năm 2019 lên hơn 450 tỷ đồng năm 2023; năm 2021 chưa có số liệu.",
			Unit:        "tỷ đồng",
			Kind:        Bar,
			Categories:  []string{"2019", "2020", "2021", "2022", "2023"},
			Series: []Series{
				{Name: "Tổng quỹ", Values: []Value{v(300), v(352.75), gap, v(410), approx("hơn", 450)}},
			},
			Sources:       []Source{{Label: "Báo cáo tổng kết 2023", URL: "/tai-lieu/bao-cao-2023/"}},
			CategoryLabel: "Năm",
		},
		"stacked-bar": {
			ID:          "hoc-bong-theo-cap",
			Title:       "Suất học bổng theo cấp học",
			Description: "Số suất học bổng trao mỗi năm, chia theo tiểu học, trung học cơ sở và trung học phổ thông.",
			Unit:        "suất",
			Kind:        StackedBar,
			Categories:  []string{"2021", "2022", "2023"},
			Series: []Series{
				{Name: "Tiểu học", Values: []Value{v(12000), v(13500), v(14210)}},
				{Name: "THCS", Values: []Value{v(9800), approx("gần", 11000), v(11250)}},
				{Name: "THPT", Values: []Value{v(6400), v(7020), gap}},
			},
		},
		"line": {
			ID:          "hoi-vien",
			Title:       "Số hội viên",
			Description: "Số hội viên Hội Khuyến học Việt Nam từ 2019 đến 2023, khoảng 3 triệu người.",
			Unit:        "hội viên",
			Kind:        Line,
			Categories:  []string{"2019", "2020", "2021", "2022", "2023"},
			Series: []Series{
				{Name: "Hội viên", Values: []Value{v(2950100), v(2987450), gap, v(3007923), approx("hơn", 3100000)}},
			},
			Sources: []Source{{Label: "Trung ương Hội", URL: "https://khuyenhoc.example.vn/so-lieu"}},
		},
		"ranked-bar": {
			ID:          "quy-theo-tinh",
			Title:       "Quỹ khuyến học theo tỉnh, 2023",
			Description: "Năm tỉnh có quỹ khuyến học lớn nhất năm 2023; Nghệ An đứng đầu với 95,5 tỷ đồng.",
			Unit:        "tỷ đồng",
			Kind:        RankedBar,
			Categories:  []string{"Hà Nội", "Nghệ An", "Thái Bình", "Thanh Hóa", "Hải Dương", "Cao Bằng"},
			Series: []Series{
				{Name: "Quỹ 2023", Values: []Value{v(61.2), approx("gần", 95.5), v(40), v(72.125), v(40), gap}},
			},
			CategoryLabel: "Tỉnh",
		},
		"timeline": {
			ID:          "su-kien-trao-hoc-bong",
			Title:       "Các đợt trao học bổng",
			Description: "Ba đợt trao học bổng lớn từ 2022 đến 2024, mỗi đợt từ 500 đến hơn 1.200 suất.",
			Unit:        "suất",
			Kind:        Timeline,
			Categories:  []string{"2022", "2023-09", "2024-03-15", "2024-08-20"},
			Series: []Series{
				{Name: "Học bổng Vừ A Dính", Values: []Value{v(500), gap, approx("hơn", 1200), v(800)}},
				{Name: "Học bổng Odon Vallet", Values: []Value{gap, v(650), gap, v(700)}},
			},
		},
	}
}

func TestFixturesCoverEveryKind(t *testing.T) {
	f := fixtures()
	for k := Bar; k <= Timeline; k++ {
		c, ok := f[k.String()]
		if !ok || c.Kind != k {
			t.Errorf("no fixture for %v", k)
		}
		if err := c.Validate(); err != nil {
			t.Errorf("fixture %v: %v", k, err)
		}
	}
}

func TestOptionGolden(t *testing.T) {
	for name, c := range fixtures() {
		t.Run(name, func(t *testing.T) {
			got, err := Option(c)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/chart/ -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Option differs from %s (run with -update and review the diff):\n%s", path, got)
			}
		})
	}
}

func TestOptionDeterministic(t *testing.T) {
	for name, c := range fixtures() {
		a, err := Option(c)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Option(c)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two calls differ", name)
		}
		s1, _ := Snippet(c)
		s2, _ := Snippet(c)
		if s1 != s2 {
			t.Errorf("%s: two Snippet calls differ", name)
		}
	}
}

func TestOptionContent(t *testing.T) {
	f := fixtures()
	opt := func(name string) string {
		o, err := Option(f[name])
		if err != nil {
			t.Fatal(err)
		}
		return string(o)
	}
	bar := opt("bar")
	for _, want := range []string{
		`"aria": {`, `"enabled": true`,
		`"description": "Tổng quỹ khuyến học tăng từ 300 tỷ đồng`,
		`"containLabel": true`, `"bottom": "0"`, `"animation": false`,
		`new Intl.NumberFormat('vi-VN').format(v) + " tỷ đồng"`,
		`var q = ["","","","","hơn"]`,
		`"value": "-"`,
	} {
		if !strings.Contains(bar, want) {
			t.Errorf("bar option lacks %s", want)
		}
	}
	if strings.Contains(bar, "__f__") {
		t.Error("bar option still has go-echarts function markers")
	}
	if strings.Contains(bar, `"title"`) || strings.Contains(bar, `"toolbox"`) {
		t.Error("bar option has title or toolbox")
	}
	if got := strings.Count(opt("stacked-bar"), `"stack": "total"`); got != 3 {
		t.Errorf("stacked-bar: %d stacked series, want 3", got)
	}
	if strings.Contains(bar, `"stack"`) {
		t.Error("plain bar is stacked")
	}
	if pct := withUnit(f["bar"], "%"); !strings.Contains(pct, `format(v) + "%"`) {
		t.Errorf("unit %% not appended without space: %s", pct)
	}
	if none := withUnit(f["bar"], ""); !strings.Contains(none, `format(v) + ""`) {
		t.Errorf("empty unit: %s", none)
	}

	ranked := opt("ranked-bar")
	wantOrder := `"data": [
        "Nghệ An",
        "Thanh Hóa",
        "Hà Nội",
        "Thái Bình",
        "Hải Dương",
        "Cao Bằng"
      ]`
	if !strings.Contains(ranked, wantOrder) {
		t.Errorf("ranked-bar categories not sorted descending:\n%s", ranked)
	}
	if !strings.Contains(ranked, `"inverse": true`) || !strings.Contains(ranked, `"type": "category"`) {
		t.Error("ranked-bar: y axis is not an inverse category axis")
	}
	tl := opt("timeline")
	for _, want := range []string{`"type": "time"`, `"type": "scatter"`, `"2024-03-15",`, `"name": "15/03/2024"`, `"trigger": "item"`} {
		if !strings.Contains(tl, want) {
			t.Errorf("timeline option lacks %s", want)
		}
	}
}

func withUnit(c Chart, unit string) string {
	c.Unit = unit
	o, err := Option(c)
	if err != nil {
		panic(err)
	}
	return string(o)
}

func TestOptionDoesNotModifyInput(t *testing.T) {
	c := fixtures()["ranked-bar"]
	before := c.Categories[0]
	if _, err := Option(c); err != nil {
		t.Fatal(err)
	}
	c.Table()
	c.CSV()
	if c.Categories[0] != before || c.Series[0].Values[0].V != 61.2 {
		t.Error("Option/Table/CSV reordered the caller's slices")
	}
}

var urlRE = regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+`)

func TestSnippet(t *testing.T) {
	for name, c := range fixtures() {
		t.Run(name, func(t *testing.T) {
			h, err := Snippet(c)
			if err != nil {
				t.Fatal(err)
			}
			s := string(h)
			for _, want := range []string{
				`<figure class="chart-figure">`,
				`<div id="chart-` + c.ID + `" class="chart" role="img" aria-label="`,
				`width: 100%; height: `,
				`document.getElementById("chart-` + c.ID + `")`,
				`echarts.init(el, dark ? "dark" : null, {renderer: "svg", locale: "VI"})`,
				`window.addEventListener("resize"`,
				`"DOMContentLoaded"`,
				`</figure>`,
			} {
				if !strings.Contains(s, want) {
					t.Errorf("snippet lacks %q", want)
				}
			}
			// Nothing is loaded: no src, no link, no import, no CSS url().
			for _, bad := range []string{"src=", "<link", "import(", "url(", "@import", "cdn", "jsdelivr", "unpkg", "go-echarts.github.io"} {
				if strings.Contains(strings.ToLower(s), bad) {
					t.Errorf("snippet contains %q", bad)
				}
			}
			if n := strings.Count(s, "<script"); n != 1 {
				t.Errorf("%d <script> elements, want 1", n)
			}
			// The only URLs allowed are the chart's own source links.
			rest := s
			for _, src := range c.Sources {
				rest = strings.ReplaceAll(rest, `href="`+src.URL+`"`, "")
			}
			if m := urlRE.FindAllString(rest, -1); m != nil {
				t.Errorf("snippet refers to other origins: %q", m)
			}
		})
	}
}

func TestSnippetWithoutExternalSourcesHasNoHTTP(t *testing.T) {
	c := fixtures()["bar"] // site-relative source only
	h, err := Snippet(c)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.ToLower(string(h)), "http") {
		t.Errorf("snippet contains http:\n%s", h)
	}
	if !strings.Contains(string(h), `Nguồn: <a href="/tai-lieu/bao-cao-2023/">Báo cáo tổng kết 2023</a>`) {
		t.Errorf("source link missing:\n%s", h)
	}
}

// TestSnippetCountsSourcesLeftOut: a chart citing more sources than it
// names says how many more, in Vietnamese grouping.
func TestSnippetCountsSourcesLeftOut(t *testing.T) {
	c := fixtures()["bar"]
	c.MoreSources = 1234
	h, err := Snippet(c)
	if err != nil {
		t.Fatal(err)
	}
	if want := `Báo cáo tổng kết 2023</a> và 1.234 nguồn khác</span>`; !strings.Contains(string(h), want) {
		t.Errorf("snippet does not end its sources with %q:\n%s", want, h)
	}
	c.MoreSources = -1
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "MoreSources") {
		t.Errorf("Validate(MoreSources -1) = %v, want an error", err)
	}
}

func TestSnippetEscapesText(t *testing.T) {
	evil := `</script><script>alert(1)</script><!--"'&`
	c := Chart{
		ID: "x", Title: evil, Description: evil, Unit: evil, Kind: Line,
		Categories: []string{evil, "b"},
		Series:     []Series{{Name: evil, Values: []Value{approx(evil, 1), v(2)}}},
		Sources:    []Source{{Label: evil, URL: "/a?b=" + evil}},
	}
	h, err := Snippet(c)
	if err != nil {
		t.Fatal(err)
	}
	s := string(h)
	if strings.Count(s, "<script>") != 1 || strings.Count(s, "</script>") != 1 {
		t.Errorf("text broke out of its context:\n%s", s)
	}
	if strings.Contains(s, "alert(1)</") || strings.Contains(s, "<!--") {
		t.Errorf("unescaped markup:\n%s", s)
	}
	c.Sources = []Source{{Label: "x", URL: "javascript:alert(1)"}}
	if _, err := Snippet(c); err == nil {
		t.Error("javascript: URL accepted")
	}
}

func TestSnippetHeight(t *testing.T) {
	c := fixtures()["ranked-bar"]
	c.Categories = make([]string, 20)
	c.Series[0].Values = make([]Value, 20)
	for i := range c.Categories {
		c.Categories[i] = string(rune('a' + i))
	}
	h, err := Snippet(c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(h), "height: 640px;") { // 80 + 28*20
		t.Errorf("ranked bar height does not grow:\n%.300s", h)
	}
	c = fixtures()["bar"]
	c.Height = 420
	h, _ = Snippet(c)
	if !strings.Contains(string(h), "height: 420px;") {
		t.Error("Height not used")
	}
}

func TestValidate(t *testing.T) {
	base := fixtures()["bar"]
	tests := []struct {
		name   string
		modify func(*Chart)
		want   string
	}{
		{"ok", func(*Chart) {}, ""},
		{"empty id", func(c *Chart) { c.ID = "" }, "empty ID"},
		{"bad id", func(c *Chart) { c.ID = "Quỹ 2023" }, "a-z, 0-9"},
		{"no description", func(c *Chart) { c.Description = " " }, "empty Description"},
		{"bad kind", func(c *Chart) { c.Kind = 99 }, "unknown Kind"},
		{"no categories", func(c *Chart) { c.Categories = nil; c.Series[0].Values = nil }, "no Categories"},
		{"no series", func(c *Chart) { c.Series = nil }, "no Series"},
		{"short series", func(c *Chart) { c.Series[0].Values = c.Series[0].Values[:2] }, "has 2 values for 5 categories"},
		{"unnamed series", func(c *Chart) { c.Series[0].Name = "" }, "no Name"},
		{"duplicate series", func(c *Chart) { c.Series = append(c.Series, c.Series[0]) }, "used twice"},
		{"NaN", func(c *Chart) { c.Series[0].Values[0].V = nan() }, "is NaN"},
		{"timeline date", func(c *Chart) { c.Kind = Timeline; c.Categories[1] = "12/2020" }, `"12/2020", want an ISO date`},
		{"timeline bad month", func(c *Chart) { c.Kind = Timeline; c.Categories[1] = "2020-13" }, "want an ISO date"},
		{"source label", func(c *Chart) { c.Sources[0].Label = "" }, "no Label"},
		{"source url", func(c *Chart) { c.Sources[0].URL = "data:text/html,x" }, "http(s) or site-relative"},
		{"negative height", func(c *Chart) { c.Height = -1 }, "negative Height"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := clone(base)
			tt.modify(&c)
			err := c.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v, want it to mention %q", err, tt.want)
			}
			if tt.want != "" {
				if _, err := Option(c); err == nil {
					t.Error("Option accepted an invalid chart")
				}
				if _, err := Snippet(c); err == nil {
					t.Error("Snippet accepted an invalid chart")
				}
			}
		})
	}
	// All problems are reported at once.
	err := Chart{}.Validate()
	if n := len(err.(interface{ Unwrap() []error }).Unwrap()); n < 4 {
		t.Errorf("only %d problems reported for the zero Chart: %v", n, err)
	}
	var target interface{ Unwrap() []error }
	if !errors.As(err, &target) {
		t.Error("Validate error is not a joined error")
	}
}

func nan() float64 { var z float64; return z / z }

func clone(c Chart) Chart {
	c.Categories = append([]string(nil), c.Categories...)
	s := make([]Series, len(c.Series))
	for i, x := range c.Series {
		s[i] = Series{Name: x.Name, Values: append([]Value(nil), x.Values...)}
	}
	c.Series = s
	c.Sources = append([]Source(nil), c.Sources...)
	return c
}

func TestKindText(t *testing.T) {
	for k := Bar; k <= Timeline; k++ {
		b, err := k.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Kind
		if err := back.UnmarshalText(b); err != nil || back != k {
			t.Errorf("%v: round trip gave %v, %v", k, back, err)
		}
	}
	if _, err := ParseKind("pie"); err == nil {
		t.Error("ParseKind(pie) succeeded")
	}
	if s := Kind(7).String(); s != "Kind(7)" {
		t.Errorf("Kind(7).String() = %q", s)
	}
}

func TestAxisScale(t *testing.T) {
	one := func(unit string, k Kind, vals ...float64) Chart {
		c := Chart{Unit: unit, Kind: k}
		for i := range vals {
			c.Categories = append(c.Categories, string(rune('a'+i)))
		}
		for i, x := range vals {
			s := Series{Name: string(rune('A' + i)), Values: make([]Value, len(vals))}
			s.Values[0] = v(x) // all in the first category, one series each
			c.Series = append(c.Series, s)
		}
		return c
	}
	tests := []struct {
		c    Chart
		div  int
		word string
	}{
		{one("tỷ đồng", Bar, 450), 1, ""},
		{one("hội viên", Line, 999999), 1, ""},
		{one("hội viên", Line, 3007923), 1e6, "triệu"},
		{one("đồng", Bar, -4.5e11), 1e9, "tỷ"},
		{one("triệu đồng", Bar, 5e6), 1, ""},
		{one("Tỷ đồng", Bar, 5e9), 1, ""},
		{one("suất", StackedBar, 600000, 500000), 1e6, "triệu"}, // the stack reaches 1,1 triệu
		{one("suất", Bar, 600000, 500000), 1, ""},
	}
	for i, tt := range tests {
		div, word := newBuilder(tt.c).axisScale()
		if div != tt.div || word != tt.word {
			t.Errorf("%d: axisScale = %d %q, want %d %q", i, div, word, tt.div, tt.word)
		}
	}
}
