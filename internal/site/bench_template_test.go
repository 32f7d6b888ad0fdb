package site

import (
	"bytes"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/cputime"
)

// BenchmarkRenderTemplates executes the layouts alone (the Markdown of
// articles is rendered before) for every page of a kind of a generated
// site of 1 000 articles, one page per iteration, and reports the CPU time
// (the machine is shared: wall time varies more). The partials
// partialCached keeps are rendered in the first pass and reused after,
// as on every list page of a build.
func BenchmarkRenderTemplates(b *testing.B) {
	s, _ := benchSite(b, 1000)
	byKind := map[string][]*Page{}
	for _, p := range s.Pages {
		if p.Kind == "article" {
			body, err := s.Markdown.Render(p.Article.Body)
			if err != nil {
				b.Fatal(err)
			}
			pc := *p
			pc.Body = body
			p = &pc
		}
		byKind[p.Kind] = append(byKind[p.Kind], p)
	}
	for _, kind := range []string{"article", "news", "term"} {
		pages := byKind[kind]
		if len(pages) == 0 {
			b.Fatalf("no %s pages", kind)
		}
		b.Run(kind, func(b *testing.B) {
			var buf bytes.Buffer
			for _, p := range pages {
				buf.Reset()
				if err := s.Theme.Render(&buf, kind, s.withCharts(p)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			cpu := cputime.Used()
			i := 0
			for b.Loop() {
				buf.Reset()
				if err := s.Theme.Render(&buf, kind, s.withCharts(pages[i%len(pages)])); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(cputime.Used()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}
