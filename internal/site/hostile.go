package site

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// unsafeURLsError is an article's links and images whose URL would run
// script or embed a document.
type unsafeURLsError []content.UnsafeURL

func (e unsafeURLsError) Error() string {
	return fmt.Sprintf("%d link(s) with a %s URL", len(e), e[0].Scheme)
}

// imageProblemsError is an article's local pictures that cannot be found
// or sized.
type imageProblemsError []content.ImageProblem

func (e imageProblemsError) Error() string {
	return fmt.Sprintf("%d picture(s) that cannot be shown: %v", len(e), e[0].Err)
}

// reportRenderError reports why a page could not be rendered: the unsafe
// links of an article, each at its place in the Markdown, or the layout
// that failed.
func (s *Site) reportRenderError(l *diag.List, p *Page, err error) {
	var unsafe unsafeURLsError
	if errors.As(err, &unsafe) && p.Article != nil {
		a := p.Article.Article
		for _, u := range unsafe {
			what := "link"
			if u.Image {
				what = "image"
			}
			e := l.Errorf(s.bodyPos(a, u.Offset), "%s %q: a %s URL is not allowed", what, u.URL, u.Scheme)
			e.Hint = content.UnsafeHint(u.Scheme, u.Image)
		}
		return
	}
	var images imageProblemsError
	if errors.As(err, &images) && p.Article != nil {
		for _, im := range images {
			l.Errorf(s.bodyPos(p.Article.Article, im.Offset), "%v", im.Err).Hint = im.Hint
		}
		return
	}
	e := l.Errorf(diag.Pos{File: p.Origin}, "rendering %s: %v", p.Path, err)
	e.Hint = "a layout in themes/" + s.Config.Theme + "/layouts or layouts/ failed on this page"
}

// bodyPos turns a byte offset into an article's body into its position in
// the file.
func (s *Site) bodyPos(a *content.Article, off int) diag.Pos {
	body, err := s.text(a)
	if err != nil {
		return diag.Pos{File: a.File}
	}
	off = min(max(off, 0), len(body))
	before := body[:off]
	line := a.BodyLine + bytes.Count(before, []byte("\n"))
	col := off - bytes.LastIndexByte(before, '\n')
	return diag.Pos{File: a.File, Line: line, Col: col}
}
