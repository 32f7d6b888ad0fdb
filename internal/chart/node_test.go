package chart

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// vendorDir is where tools/update-echarts.sh puts ECharts.
var vendorDir = filepath.Join("..", "..", "themes", "default", "static", "vendor", "echarts")

type nodeResult struct {
	InitTheme        any               `json:"initTheme"`
	InitOpts         map[string]string `json:"initOpts"`
	GetElementCalls  []string          `json:"getElementCalls"`
	Listeners        []string          `json:"listeners"`
	DrawnBeforeReady bool              `json:"drawnBeforeReady"`
	SVG              string            `json:"svg"`
	Tooltip          []string          `json:"tooltip"`
	SeriesTooltip    [][]string        `json:"seriesTooltip"`
	AxisLabel        []string          `json:"axisLabel"`
	Intl             []string          `json:"intl"`
}

// runNode executes the snippet's script with the vendored ECharts under
// Node (server-side rendering, a stub DOM). Skipped without node or vendor.
func runNode(t *testing.T, c Chart, axisSamples, numbers []float64) nodeResult {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	if _, err := os.Stat(filepath.Join(vendorDir, "echarts.min.js")); err != nil {
		t.Skip("ECharts not vendored; run tools/update-echarts.sh")
	}
	h, err := Snippet(c)
	if err != nil {
		t.Fatal(err)
	}
	s := string(h)
	i, j := strings.Index(s, "<script>"), strings.Index(s, "</script>")
	in, _ := json.Marshal(map[string]any{
		"vendor":      vendorDir,
		"script":      s[i+len("<script>") : j],
		"elementId":   c.DOMID(),
		"height":      c.height(),
		"numbers":     numbers,
		"axisSamples": axisSamples,
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join("testdata", "render.js"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := stderr.String()
		if len(msg) > 2000 { // minified ECharts lines are huge
			msg = "..." + msg[len(msg)-2000:]
		}
		t.Fatalf("node: %v\n%s", err, msg)
	}
	var r nodeResult
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("node output: %v\n%.500s", err, out)
	}
	return r
}

type axisCase struct {
	v     float64
	label string
}

// axisWant lists value-axis labels per fixture; the last one must appear
// in the rendered chart.
var axisWant = map[string][]axisCase{
	"bar":         {{0, "0 tỷ đồng"}, {12.5, "12,5 tỷ đồng"}, {1500, "1.500 tỷ đồng"}, {500, "500 tỷ đồng"}},
	"stacked-bar": {{0, "0 suất"}, {2500, "2.500 suất"}, {35000, "35.000 suất"}},
	"line":        {{0, "0 hội viên"}, {500000, "0,5 triệu hội viên"}, {2250000, "2,25 triệu hội viên"}, {3500000, "3,5 triệu hội viên"}},
	"ranked-bar":  {{0, "0 tỷ đồng"}, {12.5, "12,5 tỷ đồng"}, {20, "20 tỷ đồng"}},
	"timeline":    {{0, "0 suất"}, {1200, "1.200 suất"}},
}

// TestSnippetRunsWithECharts checks, in a real ECharts, that the script
// waits for the DOM, initialises with svg/VI, renders every kind, and that
// the formatters print vi-VN numbers with the unit.
func TestSnippetRunsWithECharts(t *testing.T) {
	for name, c := range fixtures() {
		t.Run(name, func(t *testing.T) {
			axis := axisWant[name]
			samples := make([]float64, len(axis))
			labels := make([]string, len(axis))
			for i, a := range axis {
				samples[i], labels[i] = a.v, a.label
			}
			r := runNode(t, c, samples, nil)
			if r.DrawnBeforeReady {
				t.Error("drew before DOMContentLoaded while the document was loading")
			}
			if r.InitTheme != nil || !reflect.DeepEqual(r.InitOpts, map[string]string{"renderer": "svg", "locale": "VI"}) {
				t.Errorf("init(el, %v, %v)", r.InitTheme, r.InitOpts)
			}
			if !reflect.DeepEqual(r.GetElementCalls, []string{c.DOMID()}) {
				t.Errorf("getElementById calls %v", r.GetElementCalls)
			}
			if !reflect.DeepEqual(r.Listeners, []string{"document:DOMContentLoaded", "window:resize"}) {
				t.Errorf("listeners %v", r.Listeners)
			}
			if !strings.HasPrefix(r.SVG, "<svg") || !strings.Contains(r.SVG, c.Series[0].Name) {
				t.Errorf("rendered SVG lacks the legend:\n%.400s", r.SVG)
			}
			unit := c.unitSuffix()
			want := []string{"0" + unit, "450" + unit, "3.007.923" + unit, "12,5" + unit, "—"}
			if !reflect.DeepEqual(r.Tooltip, want) {
				t.Errorf("tooltip values %q, want %q", r.Tooltip, want)
			}
			if !reflect.DeepEqual(r.AxisLabel, labels) {
				t.Errorf("axis labels %q, want %q", r.AxisLabel, labels)
			}
			if !strings.Contains(r.SVG, labels[len(labels)-1]) {
				t.Errorf("axis label %q not rendered", labels[len(labels)-1])
			}
		})
	}
}

func TestApproxInTooltip(t *testing.T) {
	r := runNode(t, fixtures()["bar"], nil, nil)
	// Series tooltip: value 450 at data index 0, 1, 2; none approximate.
	if len(r.SeriesTooltip) != 1 || r.SeriesTooltip[0] == nil {
		t.Fatalf("no series tooltip formatter: %v", r.SeriesTooltip)
	}
	r = runNode(t, fixtures()["stacked-bar"], nil, nil)
	want := [][]string{nil, {"450 suất", "gần 450 suất", "450 suất"}, nil}
	if !reflect.DeepEqual(r.SeriesTooltip, want) {
		t.Errorf("series tooltips %q, want %q", r.SeriesTooltip, want)
	}
}

// TestFormatNumberMatchesIntl keeps Table's numbers identical to the
// tooltips'.
func TestFormatNumberMatchesIntl(t *testing.T) {
	nums := []float64{0, 1, 12.5, 999, 1000, 3007923, 352.75, 72.125, 0.0004, 1.0005, 2.0015, 999.9996, -0.25, -1234567.89, 1e15, 123456789.123456, 0.1 + 0.2}
	r := runNode(t, fixtures()["bar"], nil, nums)
	for i, n := range nums {
		if got := FormatNumber(n); got != r.Intl[i] {
			t.Errorf("FormatNumber(%v) = %q, Intl vi-VN says %q", n, got, r.Intl[i])
		}
	}
}
