// Command floor is the goldmark-only floor of a build: it reads every
// content/news/*.md of a site, drops the +++ front matter and converts the
// Markdown to HTML with goldmark configured as internal/content configures
// it (GFM tables, strikethrough, linkify, footnotes, typographer, heading
// ids), on GOMAXPROCS workers, writing nothing. No site generator can build
// those articles faster than this.
//
//	go run ./bench/floor /tmp/site10k
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor SITE-FOLDER")
		os.Exit(2)
	}
	start := time.Now()
	files, err := filepath.Glob(filepath.Join(os.Args[1], "content", "news", "*.md"))
	if err != nil || len(files) == 0 {
		fmt.Fprintln(os.Stderr, "floor: no content/news/*.md in", os.Args[1])
		os.Exit(1)
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	var (
		next     atomic.Int64
		in, out  atomic.Int64
		wg       sync.WaitGroup
		failures atomic.Int64
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				src, err := os.ReadFile(files[i])
				if err != nil {
					failures.Add(1)
					continue
				}
				body := afterFrontMatter(src)
				buf.Reset()
				if err := md.Convert(body, &buf); err != nil {
					failures.Add(1)
				}
				in.Add(int64(len(body)))
				out.Add(int64(buf.Len()))
			}
		}()
	}
	wg.Wait()
	if failures.Load() > 0 {
		fmt.Fprintf(os.Stderr, "floor: %d files failed\n", failures.Load())
		os.Exit(1)
	}
	fmt.Printf("floor: %d files, %.1f MB Markdown → %.1f MB HTML in %s on %d workers\n",
		len(files), float64(in.Load())/1e6, float64(out.Load())/1e6, time.Since(start).Round(time.Millisecond), runtime.GOMAXPROCS(0))
}

// afterFrontMatter returns what follows the closing +++ line.
func afterFrontMatter(src []byte) []byte {
	if !bytes.HasPrefix(src, []byte("+++")) {
		return src
	}
	if i := bytes.Index(src[3:], []byte("\n+++")); i >= 0 {
		rest := src[3+i+4:]
		if j := bytes.IndexByte(rest, '\n'); j >= 0 {
			return rest[j+1:]
		}
		return nil
	}
	return src
}
