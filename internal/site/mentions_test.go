package site

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// The matcher must agree with strings.Contains for every name and text,
// including names inside other names and names sharing prefixes.
func TestMatcherAgreesWithContains(t *testing.T) {
	names := []string{"Lê Mạnh Hùng", "Lê Mạnh", "Mạnh Hùng", "Nguyễn Văn An", "Nguyễn Văn Anh", "An", "Đoàn Đình Anh", "Hùng", "x"}
	texts := []string{
		"", "Ông Lê Mạnh Hùng dự.", "Nguyễn Văn Anh phát biểu", "Lê Mạnh", "Bà Nguyễn Văn A", "Đoàn Đình Anh và An",
		"Không ai cả.", "xxLê MạnhHùngxx",
	}
	r := rand.New(rand.NewPCG(1, 2))
	pieces := append(slices.Clone(names), " ", "Lê", "Mạnh", "Văn", "Ann", "Đ", "\u0300")
	for range 500 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	m := newMatcher(names)
	for _, text := range texts {
		got := make([]bool, len(names))
		m.find(text, func(n int) { got[n] = true })
		for i, n := range names {
			if want := strings.Contains(text, n); got[i] != want {
				t.Errorf("text %q, name %q: found = %v, want %v", text, n, got[i], want)
			}
		}
	}
}

func TestMatcherNoNames(t *testing.T) {
	newMatcher(nil).find("anything", func(int) { t.Error("found a name in an empty set") })
}

// BenchmarkMentions finds the people of a generated site's meetings in
// its articles, as Load does while it reads them; bytes/s is text read.
func BenchmarkMentions(b *testing.B) {
	s, _ := benchSite(b, 1000)
	var bodies [][]byte
	var size int64
	for _, a := range s.Articles {
		body, err := s.text(a)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, body)
		size += int64(len(body))
	}
	b.SetBytes(size / int64(len(bodies)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a := s.Articles[i%len(bodies)]
		s.mentions.in(a.Title, bodies[i%len(bodies)], a.BodyNFC)
		i++
	}
}

// An article typed in NFD (decomposed accents, as some Mac editors save)
// names a person as well as one in NFC: its text is normalised before
// the names are looked for, since its bytes do not show it NFC.
func TestMentionsInNFDArticle(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+tayBacMeeting(5)+`-- content/news/bai-nfd.md --
+++
title = "Bài NFD"
date = 2024-05-02
summary = "Tin."
+++

`+norm.NFD.String("Có bà Trần Thị Chủ dự.")+"\n")
	if a := r.Site.bySlug["bai-nfd"]; a == nil || a.BodyNFC {
		t.Fatalf("the NFD article is missing or taken for NFC: %+v", a)
	}
	r.AssertFileContent(t, "nhan-vat/tran-thi-chu/index.html", `href="/khuyenhoc/tin-tuc/bai-nfd/"`)
}
