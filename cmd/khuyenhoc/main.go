// Command khuyenhoc builds the study-promotion portal from a site folder.
//
//	khuyenhoc build [--source DIR] [--output DIR] [--base-url URL] [--drafts] [--strict] [--force]
//	khuyenhoc check [--source DIR] [--base-url URL] [--drafts] [--strict]
//	khuyenhoc serve [--source DIR] [--bind ADDR] [--port N]
//	khuyenhoc new article "Tiêu đề" [--date YYYY-MM-DD]
//	khuyenhoc new meeting --cluster ID --date YYYY-MM-DD
//	khuyenhoc help [COMMAND]
//
// Exit status: 0 on success, 1 when the site has errors, 2 on a usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/history"
	"github.com/khuyenhoc/khuyenhoc/internal/hugepages"
	"github.com/khuyenhoc/khuyenhoc/internal/progress"
	"github.com/khuyenhoc/khuyenhoc/internal/site"
	"github.com/khuyenhoc/khuyenhoc/internal/sitefs"
)

const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

func main() {
	setMemoryLimit()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "build the portal into the output folder", runBuild},
		{"check", "load and check everything, write nothing", runCheck},
		{"serve", "preview the site with live reload while editing", runServe},
		{"new", "create an article or meeting file from a template", runNew},
		{"help", "explain a command", nil},
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && name == "help" {
			return run([]string{args[1], "-h"}, stdout, stderr)
		}
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "khuyenhoc: unknown command %q\n\n", name)
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "khuyenhoc builds the study-promotion (khuyến học) portal from site.toml, content/ and data/.")
	fmt.Fprintln(w, "\nUsage:\n  khuyenhoc <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-7s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'khuyenhoc help <command>' for its flags.")
}

// siteFlags are the flags build and check share.
type siteFlags struct {
	source, baseURL string
	drafts, strict  bool
}

func newFlagSet(name, summary string, stderr io.Writer, sf *siteFlags) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&sf.source, "source", ".", "site `folder` holding site.toml, content/, data/ and themes/")
	fs.StringVar(&sf.baseURL, "base-url", "", "publish at this `URL`, overriding site.toml's base_url (e.g. https://example.org/khuyenhoc/)")
	fs.BoolVar(&sf.drafts, "drafts", false, "include articles marked draft = true")
	fs.BoolVar(&sf.strict, "strict", false, "treat warnings as errors")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: khuyenhoc %s [flags]\n\n%s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
		fmt.Fprintln(fs.Output(), "\nExit status: 0 on success, 1 when the site has errors, 2 on a usage error.")
	}
	return fs
}

func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "khuyenhoc %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return exitUsage, false
	}
	return 0, true
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	var output string
	var force bool
	fs := newFlagSet("build", "Build the portal into the output folder. The folder is replaced only when the\nwhole build succeeds: on any error the previous site stays as it was.", stderr, &sf)
	fs.StringVar(&output, "output", "public", "output `folder`")
	fs.BoolVar(&force, "force", false, "replace an output folder that khuyenhoc did not create")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	return buildSite(sf, site.BuildOptions{Output: output, Source: sf.source, Force: force}, stdout, stderr)
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	fs := newFlagSet("check", "Load the site, check every file and every link, and write nothing.", stderr, &sf)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	return buildSite(sf, site.BuildOptions{DryRun: true}, stdout, stderr)
}

// buildSite is the whole of build and check: load, report, build, report.
func buildSite(sf siteFlags, bo site.BuildOptions, stdout, stderr io.Writer) int {
	start := time.Now()
	// Ctrl+C (or SIGTERM) stops the build cleanly: the build folder is
	// removed and the output left as it was. A second Ctrl+C kills at
	// once; what that leaves beside the output, the next build removes.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()

	// The heap a build grows into is backed by huge pages where the
	// system leaves that to programs: a 10 000-article build spent 15 %
	// of its CPU time on page faults (internal/hugepages). And it is
	// collected less often than a server's (memory.go).
	hugepages.Prepare(heapBudget())
	setBuildGCPercent()

	// A build longer than about 2 s shows how far it has got.
	tracker := new(progress.Tracker)
	reporter := progress.Start(stderr, tracker, progress.Settings{Terminal: isTerminal(stderr)})
	fsys := sitefs.Dir(sf.source)
	s, diags := site.Load(fsys, site.Options{Drafts: sf.drafts, BaseURL: sf.baseURL, Today: civil.Of(time.Now()),
		History: history.Open(sf.source), Progress: tracker})
	var stats *site.Stats
	if !diags.HasErrors(sf.strict) {
		var bd *diag.List
		stats, bd = s.Build(ctx, bo)
		diags.Merge(bd)
	}
	reporter.Stop()
	diags.AttachSources(fsys)
	if report(stderr, diags, sf.strict) {
		return exitError
	}
	verb := "built"
	if bo.DryRun {
		verb = "checked"
	}
	fmt.Fprintf(stdout, "khuyenhoc: %s %s\n", verb, stats.Summary(time.Since(start)))
	var kinds []string
	for _, k := range stats.Kinds {
		kinds = append(kinds, k.String())
	}
	fmt.Fprintf(stdout, "  pages: %s\n", strings.Join(kinds, ", "))
	var phases []string
	for _, p := range stats.Phases {
		phases = append(phases, fmt.Sprintf("%s %s", p.Name, p.Duration.Round(time.Microsecond*100)))
	}
	fmt.Fprintf(stdout, "  time:  %s\n", strings.Join(phases, ", "))
	return exitOK
}

// isTerminal reports whether w is a terminal, where a progress line can be
// redrawn in place. CI logs are not, and get plain lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" || os.Getenv("CI") != "" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// report prints diagnostics and says whether they stop the build.
func report(w io.Writer, l *diag.List, strict bool) bool {
	for _, d := range l.Sorted() {
		fmt.Fprint(w, diag.Format(d))
	}
	errs, warns := l.Count()
	failed := l.HasErrors(strict)
	if errs > 0 || warns > 0 {
		fmt.Fprintf(w, "khuyenhoc: %d error(s), %d warning(s)", errs, warns)
		if failed {
			fmt.Fprint(w, "; nothing was written")
		}
		fmt.Fprintln(w)
	}
	return failed
}
