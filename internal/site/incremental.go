package site

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"

	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// The live preview saves an article far more often than anything else.
// An edit to an article's text, with its front matter untouched, changes
// only three things in a built site: the article's own page, the people
// the text names, and the search index. EditArticle renders just that page
// when the people named stay the same, which takes milliseconds where a
// build of a large site takes seconds; every other change (front matter,
// a new or removed file, data, layouts) needs a full build, which the
// caller makes when EditArticle says so.

// built is what a finished build leaves for later edits.
type built struct {
	dir   string     // the output folder
	links *linkIndex // every file written and each page's ids
}

// ErrNeedsBuild says that a change reaches beyond the article's own page:
// build the whole site.
var ErrNeedsBuild = errors.New("the change needs a full build")

// EditArticle takes the new text of the article file (a path in the site
// folder, "content/news/x.md") into a site built into a folder by Build,
// and rewrites its page there. It returns ErrNeedsBuild when the change
// reaches other pages, and, when the new text has mistakes, the
// diagnostics, leaving the output as it was. Call it from one goroutine at
// a time, with no build of s running.
func (s *Site) EditArticle(fsys fs.FS, file string) (*diag.List, error) {
	l := &diag.List{}
	if s.built == nil {
		return l, ErrNeedsBuild
	}
	i := slices.IndexFunc(s.views.articles, func(a *ArticleView) bool { return a.File == file })
	if i < 0 {
		return l, ErrNeedsBuild // a new file, or a draft not published
	}
	view := s.views.articles[i]
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return l, ErrNeedsBuild // removed or renamed: the lists change
	}
	a := content.Parse(file, src, l)
	if a == nil || l.HasErrors(false) {
		return l, nil
	}
	if !reflect.DeepEqual(a.FrontMatter, view.FrontMatter) || a.Slug != view.Slug {
		return l, ErrNeedsBuild
	}
	if s.mentions == nil || !slices.Equal(s.mentions.in(a.Title, a.Body, a.BodyNFC), s.mentions.of(view.Article)) {
		return l, ErrNeedsBuild
	}
	page := s.pageOf(view)
	if page == nil {
		return l, ErrNeedsBuild
	}
	old := *view.Article
	view.Body, view.BodyLine = a.Body, a.BodyLine
	var buf bytes.Buffer
	if err := s.renderPage(&buf, page, new(content.Scratch)); err != nil {
		s.reportRenderError(l, page, err)
		*view.Article = old
		return l, nil
	}
	name := outputFile(page.Path)
	links := s.built.links.forEdit(name)
	links.scan(name, page, buf.Bytes(), nil)
	links.check(s, l)
	if l.HasErrors(false) {
		*view.Article = old
		return l, nil
	}
	if err := writeAtomic(filepath.Join(s.built.dir, filepath.FromSlash(name)), buf.Bytes()); err != nil {
		*view.Article = old
		l.Errorf(diag.Pos{File: s.built.dir}, "cannot write %s: %v", name, errUnwrap(err))
		return l, nil
	}
	s.built.links.setIDs(name, links.editIDs)
	s.searchIn.edit(view.URL, view.Body)
	return l, nil
}

// RenderFile renders the page written to the output file name
// ("tin-tuc/x/index.html") of a site built with BuildOptions.Lazy, and
// writes it. It returns false if no page writes that file. The
// diagnostics hold the page's problems (a broken link); the page is written
// all the same, for the preview to show it under them. Call it from one
// goroutine at a time, as EditArticle.
func (s *Site) RenderFile(name string) (bool, *diag.List) {
	l := &diag.List{}
	if s.built == nil {
		return false, l
	}
	if s.pageByFile == nil {
		s.pageByFile = make(map[string]*Page, len(s.Pages))
		for _, p := range s.Pages {
			s.pageByFile[outputFile(p.Path)] = p
		}
	}
	page := s.pageByFile[name]
	if page == nil {
		return false, l
	}
	var buf bytes.Buffer
	if err := s.renderPage(&buf, page, new(content.Scratch)); err != nil {
		s.reportRenderError(l, page, err)
		return true, l
	}
	links := s.built.links.forEdit(name)
	links.scan(name, page, buf.Bytes(), nil)
	links.check(s, l)
	if err := writeAtomic(filepath.Join(s.built.dir, filepath.FromSlash(name)), buf.Bytes()); err != nil {
		l.Errorf(diag.Pos{File: s.built.dir}, "cannot write %s: %v", name, errUnwrap(err))
		return true, l
	}
	s.built.links.setIDs(name, links.editIDs)
	return true, l
}

// SearchUpdate returns a function that rewrites the search index of a
// built site with the edits made so far. It owns a copy of what it needs,
// so it may run on another goroutine while later edits are made; the
// index's files are named by their content, and only the small manifest
// is replaced, so a page open in a browser keeps working with the index it
// loaded.
func (s *Site) SearchUpdate() func() *diag.List {
	dir := ""
	if s.built != nil {
		dir = s.built.dir
	}
	in := searchInput{docs: slices.Clone(s.searchIn.docs), meta: s.searchIn.meta}
	return func() *diag.List {
		l := &diag.List{}
		if dir == "" {
			return l
		}
		out := newOutput(dir, l)
		out.w = atomicWriter{dir}
		in.write(out, l)
		return l
	}
}

// pageOf finds the page that shows an article.
func (s *Site) pageOf(v *ArticleView) *Page {
	for _, p := range s.Pages {
		if p.Kind == "article" && p.Article == v {
			return p
		}
	}
	return nil
}

// forEdit is a link index for re-checking one page: it shares the files
// and the other pages' ids, and keeps nothing of the page it replaces.
func (li *linkIndex) forEdit(file string) *linkIndex {
	return &linkIndex{base: li.base, files: li.files, also: li.also, ids: li.ids, scanned: li.scanned, loose: li.loose,
		edit: file, lenient: li.lenient}
}

// atomicWriter writes each file beside its final name and renames it in,
// so the preview server never serves half a page.
type atomicWriter struct{ dir string }

func (w atomicWriter) WriteFile(name string, b []byte) error {
	return writeAtomic(filepath.Join(w.dir, filepath.FromSlash(name)), b)
}

func (w atomicWriter) Close() error { return nil }

func writeAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".edit-*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
