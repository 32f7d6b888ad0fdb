// Command khuyenhoc-corpus writes a generated site of n articles, for
// benchmarks and load tests (see package internal/corpus):
//
//	khuyenhoc-corpus -n 10000 -seed 1 -out /tmp/site10k
//
// The same -n and -seed always give the same files. -out must be new,
// empty, or a corpus written earlier, which is replaced.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	seed := flag.Int64("seed", 1, "random seed; the same seed gives the same site")
	out := flag.String("out", "", "site `folder` to write (required)")
	root := flag.String("root", "", "khuyenhoc source tree to copy the theme and provinces from (default: found automatically)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	var err error
	if *root != "" {
		err = corpus.GenerateFrom(*root, *out, *n, *seed)
	} else {
		err = corpus.Generate(*out, *n, *seed)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "khuyenhoc-corpus:", err)
		os.Exit(1)
	}
	fmt.Printf("khuyenhoc-corpus: %d articles (seed %d) in %s, %s\n", *n, *seed, *out, time.Since(start).Round(time.Millisecond))
}
