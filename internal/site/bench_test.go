package site

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
	"github.com/khuyenhoc/khuyenhoc/internal/sitefs"
)

// benchSite generates a corpus of n articles into a temporary folder and
// loads it, reading it as the command does (sitefs). With b.Loop the
// benchmark function, and so this, runs once.
func benchSite(b *testing.B, n int) (*Site, string) {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Generate(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	s, l := Load(sitefs.Dir(dir), Options{})
	if l.Len() > 0 {
		b.Fatalf("corpus has diagnostics: %v", l.Items())
	}
	return s, dir
}

// BenchmarkRenderArticle renders one article page: Markdown, then the
// theme's layouts; "template" is the layouts alone.
func BenchmarkRenderArticle(b *testing.B) {
	s, _ := benchSite(b, 200)
	var articles []*Page
	for _, p := range s.Pages {
		if p.Kind == "article" {
			articles = append(articles, p)
		}
	}
	b.Run("markdown+template", func(b *testing.B) {
		var buf bytes.Buffer
		var scratch content.Scratch
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			buf.Reset()
			if err := s.renderPage(&buf, articles[i%len(articles)], &scratch); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("template", func(b *testing.B) {
		rendered := make([]*Page, len(articles))
		for i, p := range articles {
			body, err := s.Markdown.Render(p.Article.Body)
			if err != nil {
				b.Fatal(err)
			}
			pc := *p
			pc.Body = body
			rendered[i] = &pc
		}
		var buf bytes.Buffer
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			buf.Reset()
			if err := s.Theme.Render(&buf, "article", rendered[i%len(rendered)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

// BenchmarkLoad1k reads, checks and lays out a generated site of 1 000
// articles.
func BenchmarkLoad1k(b *testing.B) { benchLoad(b, 1000) }

// BenchmarkBuild1k is the whole of `khuyenhoc check` on 1 000 articles:
// load, render every page, link check; it writes nothing.
func BenchmarkBuild1k(b *testing.B) { benchBuild(b, 1000) }

// BenchmarkBuild10k is BenchmarkBuild1k on 10 000 articles (the corpus
// takes a few seconds to generate; run it with -bench Build10k).
func BenchmarkBuild10k(b *testing.B) { benchBuild(b, 10000) }

// BenchmarkBuildSite builds the site folder named by $KHUYENHOC_BENCH_SITE
// (for example a 100k corpus from khuyenhoc-corpus), without writing, and
// reports each phase; it is the harness for profiling a large build:
//
//	KHUYENHOC_BENCH_SITE=/tmp/site100k go test -run - -bench BuildSite \
//	    -benchtime 1x -cpuprofile cpu.out ./internal/site
func BenchmarkBuildSite(b *testing.B) {
	dir := os.Getenv("KHUYENHOC_BENCH_SITE")
	if dir == "" {
		b.Skip("set KHUYENHOC_BENCH_SITE to a site folder")
	}
	fsys := sitefs.Dir(dir) // as the command reads it
	b.ReportAllocs()
	for b.Loop() {
		s, l := Load(fsys, Options{})
		if l.HasErrors(false) {
			b.Fatal(l.Items())
		}
		if _, l := s.Build(context.Background(), BuildOptions{DryRun: true}); l.HasErrors(false) {
			b.Fatal(l.Items())
		}
		for _, p := range s.Phases {
			b.ReportMetric(p.Duration.Seconds(), p.Name+"-s")
		}
	}
}

func benchLoad(b *testing.B, n int) {
	_, dir := benchSite(b, n)
	fsys := sitefs.Dir(dir)
	b.ReportAllocs()
	for b.Loop() {
		if _, l := Load(fsys, Options{}); l.Len() > 0 {
			b.Fatal(l.Items())
		}
	}
}

func benchBuild(b *testing.B, n int) {
	_, dir := benchSite(b, n)
	fsys := sitefs.Dir(dir)
	b.ReportAllocs()
	for b.Loop() {
		s, l := Load(fsys, Options{})
		if l.Len() > 0 {
			b.Fatal(l.Items())
		}
		if _, l := s.Build(context.Background(), BuildOptions{DryRun: true}); l.Len() > 0 {
			b.Fatal(l.Items())
		}
	}
}
