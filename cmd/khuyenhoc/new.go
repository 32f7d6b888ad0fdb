package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/data"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/scaffold"
)

const newUsage = `Usage:
  khuyenhoc new article "Tiêu đề bài viết" [--date YYYY-MM-DD] [--source DIR]
  khuyenhoc new meeting --cluster ID --date YYYY-MM-DD [--source DIR]

Creates content/news/DATE-SLUG.md (a draft) or data/meetings/DATE-CLUSTER.toml with the
template filled in. An existing file is never overwritten.
`

func runNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stderr, newUsage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	what := args[0]
	fs := flag.NewFlagSet("new "+what, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, newUsage) }
	source := fs.String("source", ".", "site `folder`")
	dateFlag := fs.String("date", "", "`date` YYYY-MM-DD (articles: default today)")
	cluster := fs.String("cluster", "", "cluster `id` or name (meetings)")
	// Flags may come before or after the title.
	rest := args[1:]
	var positional []string
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	date := civil.Of(time.Now())
	if *dateFlag != "" {
		d, err := civil.Parse(*dateFlag)
		if err != nil {
			fmt.Fprintf(stderr, "khuyenhoc new: --date: %v\n", err)
			return exitUsage
		}
		date = d
	}
	var rel string
	var err error
	switch what {
	case "article":
		if len(positional) != 1 {
			fmt.Fprint(stderr, "khuyenhoc new article: give the title in quotes\n\n"+newUsage)
			return exitUsage
		}
		rel, err = scaffold.Article(*source, positional[0], date)
	case "meeting":
		if *cluster == "" || *dateFlag == "" || len(positional) > 0 {
			fmt.Fprint(stderr, "khuyenhoc new meeting: give --cluster and --date\n\n"+newUsage)
			return exitUsage
		}
		// Outside a site folder every cluster would be unknown.
		if err := scaffold.CheckSite(*source); err != nil {
			fmt.Fprintf(stderr, "khuyenhoc new: %v\n", err)
			return exitError
		}
		var l diag.List
		d := data.Load(os.DirFS(*source), &l)
		c, rerr := d.Resolve.Cluster(*cluster)
		if rerr != nil {
			fmt.Fprintf(stderr, "khuyenhoc new meeting: %v\n  hint: %s\n", rerr, rerr.Hint)
			return exitError
		}
		rel, err = scaffold.Meeting(*source, c, date)
	default:
		fmt.Fprintf(stderr, "khuyenhoc new: unknown kind %q\n\n%s", what, newUsage)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(stderr, "khuyenhoc new: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "created %s\n", rel)
	return exitOK
}
