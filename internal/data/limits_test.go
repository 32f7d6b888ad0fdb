package data

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/decode"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// loadWith loads baseFiles with files added or replaced, and reports how
// long it took and how much it allocated.
func loadWith(t *testing.T, files map[string][]byte) (*diag.List, *Data, time.Duration, uint64) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range baseFiles {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	for name, b := range files {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	l := &diag.List{}
	d := Load(fsys, l)
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	return l, d, took, after.TotalAlloc - before.TotalAlloc
}

func findDiag(t *testing.T, l *diag.List, subs ...string) diag.Diagnostic {
	t.Helper()
	for _, d := range l.Items() {
		text := diag.Format(d)
		ok := true
		for _, s := range subs {
			ok = ok && strings.Contains(text, s)
		}
		if ok {
			return d
		}
	}
	var all strings.Builder
	for _, d := range l.Sorted() {
		all.WriteString(diag.Format(d))
	}
	t.Fatalf("no diagnostic contains %q; got:\n%s", subs, all.String())
	return diag.Diagnostic{}
}

// TestMillionRowCSV: a table of a million rows is refused at the row past
// the limit, quickly, and without reading the rest of it.
func TestMillionRowCSV(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("# schema: 1\nunit,year,period,as_of,purpose,raised,disbursed,meeting,source,note\n")
	for i := range 1_000_000 {
		fmt.Fprintf(&b, "son-la,%d,,,quỹ khuyến học,1 tỷ,,,s1,\n", 1000+i%1000)
	}
	if b.Len() > decode.MaxCSVBytes {
		t.Fatalf("the test file is %d bytes, over MaxCSVBytes: the row limit would not be reached", b.Len())
	}
	l, d, took, alloc := loadWith(t, map[string][]byte{"data/tables/funds.csv": b.Bytes()})
	line := 2 + decode.MaxCSVRows + 1 // schema, header, the rows that fit
	e := findDiag(t, l, fmt.Sprintf("data/tables/funds.csv:%d:1: error: table has more than 200000 data rows", line), "hint:")
	if !strings.HasPrefix(e.Source, "son-la,") {
		t.Errorf("the error shows %q, want the row", e.Source)
	}
	if len(d.Funds) != 0 {
		t.Errorf("%d rows of the refused table published", len(d.Funds))
	}
	for _, ds := range d.Datasets {
		if ds.Spec.Name == "funds" {
			t.Errorf("the refused table is published as a dataset")
		}
	}
	t.Logf("refused in %s, %d MB allocated", took.Round(time.Millisecond), alloc>>20)
	if took > 20*time.Second {
		t.Errorf("refusing took %s", took)
	}
	if alloc > 1<<30 {
		t.Errorf("refusing allocated %d MB", alloc>>20)
	}
}

// TestDataFilesTooBig: a TOML file over 10 MB and a CSV file over 50 MB
// are refused at the line the limit falls on, without being read past it.
func TestDataFilesTooBig(t *testing.T) {
	meeting := []byte("schema = 1\ncluster = \"tay-bac\"\nsummary = \"\"\"\n" + strings.Repeat("Một dòng tóm tắt rất dài lặp lại.\n", 400_000) + "\"\"\"\n")
	csv := []byte("# schema: 1\nunit,year,period,as_of,members,population_ratio,meeting,source,note\nson-la,2024,,,1,,,s1,\"" + strings.Repeat("x", 60<<20) + "\"\n")
	l, _, took, alloc := loadWith(t, map[string][]byte{
		"data/meetings/2024-01-01-tay-bac.toml": meeting,
		"data/tables/members.csv":               csv,
	})
	findDiag(t, l, "data/meetings/2024-01-01-tay-bac.toml:", "error: TOML file is 17.9 MB", "reads TOML files of at most 10 MB", "hint:")
	e := findDiag(t, l, "data/tables/members.csv:3:1: error: CSV file is 60.0 MB; khuyenhoc reads CSV files of at most 50 MB", "hint:")
	if len(e.Source) > 200 || !strings.HasPrefix(e.Source, "son-la,2024") {
		t.Errorf("the error shows %d bytes of the line: %.60q", len(e.Source), e.Source)
	}
	t.Logf("refused in %s, %d MB allocated", took.Round(time.Millisecond), alloc>>20)
	if alloc > 200<<20 {
		t.Errorf("refusing allocated %d MB: the files were read past the limit", alloc>>20)
	}
}
