package content

import (
	"bytes"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// An article is held for the whole build, 100 000 of them on a large
// site, but what it is read from need not be. The TOML decoder returns
// strings that are slices of one copy of the front matter, so a single
// field keeps all of it; the body is a slice of the whole file, read with
// room to spare. compact gives each field memory of its own, shared
// between articles where the text repeats (tags, provinces, authors, the
// meeting and its source, picture credits), so the front matter and the
// file can be let go: about 0.7 kB an article.

// interner hands out one copy of each string it is given.
type interner map[string]string

func (in interner) get(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := in[s]; ok {
		return c
	}
	c := strings.Clone(s)
	in[c] = c
	return c
}

func (in interner) all(ss []string) {
	for i, s := range ss {
		ss[i] = in.get(s)
	}
}

// compact makes the article hold no memory of the file or front matter
// it was parsed from, but for KeyPos and the front-matter lines in Doc,
// which the caller drops after its checks. Strings that repeat across articles come from in.
// A string field added to FrontMatter must be added here
// (TestCompactDetachesEveryString).
func (a *Article) compact(in interner) {
	fm := &a.FrontMatter
	// Each article's own: copied, not looked up.
	fm.Title, fm.Summary, fm.Slug = strings.Clone(fm.Title), strings.Clone(fm.Summary), strings.Clone(fm.Slug)
	fm.Cluster, fm.Meeting = in.get(fm.Cluster), in.get(fm.Meeting)
	in.all(fm.Provinces)
	in.all(fm.Tags)
	in.all(fm.Authors)
	src := &fm.Source
	src.ID, src.Publication, src.Title, src.URL = in.get(src.ID), in.get(src.Publication), in.get(src.Title), in.get(src.URL)
	for i := range fm.Images {
		img := &fm.Images[i]
		img.Src, img.Alt, img.Caption, img.Credit = in.get(img.Src), in.get(img.Alt), in.get(img.Caption), in.get(img.Credit)
	}
	if fm.Slug != "" {
		a.Slug = fm.Slug // else a slice of File, held anyway
	}
	if a.Body != nil {
		a.Body = bytes.Clone(a.Body)
	}
	if a.Doc != nil {
		// Doc positions front-matter keys only (KeyPos): the lines
		// before the body, copied, are all it needs of the file.
		cut, data := 0, a.Doc.Data
		for range a.BodyLine - 1 {
			i := bytes.IndexByte(data[cut:], '\n')
			if i < 0 {
				cut = len(data)
				break
			}
			cut += i + 1
		}
		a.Doc = diag.NewSource(a.Doc.Name, bytes.Clone(data[:cut]))
	}
}
