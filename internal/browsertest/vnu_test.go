package browsertest_test

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/browsertest"
	"github.com/khuyenhoc/khuyenhoc/internal/site"
)

// vnuCanary is a page with one error the Nu Html Checker must report: it is
// checked with every site, so that a checker that reports nothing (a wrong
// option, a crash hidden by its exit status) cannot pass for a clean site.
const vnuCanary = `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>canary</title></head>
<body><p><div></div></p></body></html>
`

// TestHTMLChecker runs the Nu Html Checker (vnu.jar, the W3C validator's
// engine) over every HTML file the build writes, for the sample site and a
// generated site of 1,000 articles, one Java run per site, and fails on
// every error. It needs Java and vnu.jar (see tools.go); without them it is
// skipped, unless KHUYENHOC_VNU=required.
func TestHTMLChecker(t *testing.T) {
	java, jar := browsertest.VNU(t)
	t.Parallel() // Java, not the browser: runs beside the browser tests
	t.Run("sample", func(t *testing.T) {
		t.Parallel()
		checkHTML(t, java, jar, buildSample(t, site.Options{}))
	})
	t.Run("generated-"+strconv.Itoa(corpusArticles), func(t *testing.T) {
		t.Parallel()
		checkHTML(t, java, jar, buildCorpus(t))
	})
}

// checkHTML runs vnu.jar over the folder out (and the canary) and fails t
// for every error in out, or when a page was not checked.
func checkHTML(t *testing.T, java, jar, out string) {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatalf("no .html file in %s", out)
	}
	canary := filepath.Join(t.TempDir(), "canary.html")
	if err := os.WriteFile(canary, []byte(vnuCanary), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	// --verbose writes the name of each checked file to stdout; the
	// messages go to stderr, one per line (--format gnu). Language
	// detection only ever warns, and takes a third of the time.
	cmd := exec.CommandContext(ctx, java, "-jar", jar,
		"--errors-only", "--skip-non-html", "--no-langdetect", "--format", "gnu", "--verbose",
		out, canary)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running %s: %v", cmd, err)
	}

	checked := map[string]bool{}
	for _, l := range lines(stdout.Bytes()) {
		if abs, err := filepath.Abs(l); err == nil {
			checked[abs] = true
		}
	}
	var missed []string
	for _, p := range pages {
		if abs, _ := filepath.Abs(p); !checked[abs] {
			missed = append(missed, p)
		}
	}
	if len(missed) > 0 {
		t.Errorf("%d of %d pages were not checked, such as %s\nstdout:\n%s\nstderr:\n%s",
			len(missed), len(pages), missed[0], tailString(stdout.String(), 2000), tailString(stderr.String(), 2000))
	}

	// A message is "file:PATH":L.C-L.C: error: TEXT.
	prefix := `"file:` + filepath.ToSlash(out) + "/"
	var errs []string
	canaryErrors := 0
	byText := map[string]int{}
	known := 0
	for _, l := range lines(stderr.Bytes()) {
		if strings.Contains(l, filepath.ToSlash(canary)) {
			canaryErrors++
			continue
		}
		if vnuOutdated(l) {
			known++
			continue
		}
		errs = append(errs, strings.Replace(l, prefix, `"`, 1))
		text := l
		if i := strings.Index(l, ": error: "); i >= 0 {
			text = l[i+len(": error: "):]
		}
		byText[text]++
	}
	if canaryErrors == 0 {
		t.Fatalf("the checker did not report the canary's error: it does not work (exit %v)\nstderr:\n%s", err, tailString(stderr.String(), 4000))
	}
	t.Logf("Nu Html Checker: %d pages checked in %s, %d error(s), %d known checker error(s) left out", len(checked)-1, time.Since(start).Round(time.Millisecond), len(errs), known)
	if len(errs) == 0 {
		return
	}
	const show = 50
	for _, e := range errs[:min(show, len(errs))] {
		t.Error(e)
	}
	if len(errs) > show {
		t.Errorf("… and %d more", len(errs)-show)
	}
	type count struct {
		text string
		n    int
	}
	var counts []count
	for text, n := range byText {
		counts = append(counts, count{text, n})
	}
	slices.SortFunc(counts, func(a, b count) int { return cmp.Or(b.n-a.n, strings.Compare(a.text, b.text)) })
	var b strings.Builder
	for _, c := range counts {
		b.WriteString("\n" + strconv.Itoa(c.n) + " × " + c.text)
	}
	t.Errorf("%d error(s) in %d page(s), by message:%s", len(errs), len(pages), b.String())
}

// vnuBlockingExpect is what the checker says of <link rel="expect"
// href="#…" blocking="render">, which the HTML standard allows since
// February 2024 (whatwg/html#9970: blocking is for rel="stylesheet" or
// "expect"); vnu 26.9.27 still knows only the first. The theme uses it so
// that Chromium shows a page once its content has been read and not half
// of it (see base.html).
const vnuBlockingExpect = `A “link” element with a “blocking” attribute must have a “rel” attribute whose value is “stylesheet”.`

// vnuOutdated reports whether the message l ("file:PATH":L.C-L.C: error:
// TEXT) is vnuBlockingExpect about a link with rel="expect": the file's
// line L must hold one. Any other use of blocking is still an error.
func vnuOutdated(l string) bool {
	if !strings.HasSuffix(l, ": error: "+vnuBlockingExpect) || !strings.HasPrefix(l, `"file:`) {
		return false
	}
	end := strings.Index(l, `":`)
	if end < 0 {
		return false
	}
	path := strings.TrimPrefix(l[:end], `"file:`)
	pos := l[end+2:]
	dot := strings.IndexByte(pos, '.')
	if dot < 0 {
		return false
	}
	line, err := strconv.Atoi(pos[:dot])
	if err != nil || line < 1 {
		return false
	}
	b, err := os.ReadFile(filepath.FromSlash(path))
	if err != nil {
		return false
	}
	text := strings.Split(string(b), "\n")
	return line <= len(text) && strings.Contains(text[line-1], `<link rel="expect" `)
}

// lines returns the non-empty lines of b.
func lines(b []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func tailString(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
