package content

import (
	"fmt"
	"maps"
	"slices"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// FrontMatter is the TOML between the +++ lines of an article.
type FrontMatter struct {
	Title   string     `toml:"title" required:"true"`
	Date    civil.Date `toml:"date" required:"true"`
	Summary string     `toml:"summary"`
	// Slug overrides the URL name taken from the file name.
	Slug      string   `toml:"slug"`
	Cluster   string   `toml:"cluster"`
	Meeting   string   `toml:"meeting"`
	Provinces []string `toml:"provinces"`
	Tags      []string `toml:"tags"`
	Authors   []string `toml:"authors"`
	// Source is the publication the article is based on: an id from
	// data/sources.toml, or a table { publication = "…", url = "…" }.
	Source SourceRef `toml:"source"`
	Images []Image   `toml:"image"`
	Draft  bool      `toml:"draft"`
}

// SourceRef is either a source id or an inline publication.
type SourceRef struct {
	ID          string
	Publication string
	Title       string
	URL         string
}

// IsZero reports whether no source was given.
func (s SourceRef) IsZero() bool { return s == SourceRef{} }

// UnmarshalTOML accepts "source-id" or { publication = "…", url = "…", title = "…" }.
func (s *SourceRef) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		s.ID = v
		return nil
	case map[string]any:
		// In key order, so that a table with two mistakes reports the
		// same one on every build.
		for _, k := range slices.Sorted(maps.Keys(v)) {
			val := v[k]
			str, ok := val.(string)
			if !ok {
				return fmt.Errorf("source.%s must be text in double quotes", k)
			}
			switch k {
			case "publication":
				s.Publication = str
			case "url":
				s.URL = str
			case "title":
				s.Title = str
			default:
				return fmt.Errorf("unknown key source.%s (known: publication, url, title)", k)
			}
		}
		if s.Publication == "" {
			return fmt.Errorf("source needs publication = \"…\"")
		}
		return nil
	}
	return fmt.Errorf(`source must be a source id ("khhb-2024-12-04") or { publication = "…", url = "…" }`)
}

// Image is a picture shown with an article.
type Image struct {
	Src     string `toml:"src" required:"true"`
	Alt     string `toml:"alt"`
	Caption string `toml:"caption"`
	Credit  string `toml:"credit"`
	Width   int    `toml:"width"`
	Height  int    `toml:"height"`
}

// Article is one news article from content/news/.
type Article struct {
	FrontMatter
	// File is the path inside the site ("content/news/x.md").
	File string
	// Slug is the URL name: front matter slug, or the file name.
	Slug string
	// Body is the Markdown after the front matter; BodyLine is the line it
	// starts on in File, so Markdown positions map back to file lines.
	Body     []byte
	BodyLine int
	// BodyNFC: Body is known to be in NFC (viet.KnownNFC), as nearly
	// every article is; false says nothing.
	BodyNFC bool
	// bodyOnDisk: Body was let go to save memory; Text reads it again.
	bodyOnDisk bool
	// doc positions front matter keys for checks made by other packages.
	Doc *diag.Source
	// KeyPos finds a front matter key's position.
	KeyPos func(key string) diag.Pos
}
