package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/khuyenhoc/khuyenhoc/internal/decode"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// NewsDir holds the articles.
const NewsDir = "content/news"

// validSlug reports whether s is a URL name: lower-case ASCII letters and
// digits in runs joined by single hyphens, as ^[a-z0-9]+(-[a-z0-9]+)*$
// says (TestValidSlugIsThePattern), without a regular expression for each
// of 100 000 articles.
func validSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// MaxArticleBytes is the largest article file (docs/data-format.md,
// "Limits"); a longer one is an error, found without reading it all.
const MaxArticleBytes = 10 << 20

func errUnwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Load reads every article under content/news/, newest first. Drafts are
// kept (Article.Draft); the caller decides whether to publish them.
func Load(fsys fs.FS, l *diag.List) []*Article {
	return LoadWith(fsys, LoadOptions{}, l)
}

// LoadOptions change how LoadWith reads articles.
type LoadOptions struct {
	// Visit, if not nil, is called once for each article read, on the
	// goroutine that parsed it, while its body is in memory.
	Visit func(*Article)
	// KeepBodies is how many bytes of article text stay in memory
	// (Article.Body) at most; past it, a body is let go after Visit and
	// read again by [Article.Text]. The text of 100 000 articles is most of
	// a large site's memory. 0 keeps every body.
	KeepBodies int64
}

// LoadWith is Load with options.
func LoadWith(fsys fs.FS, opt LoadOptions, l *diag.List) []*Article {
	var out []*Article
	var files []string
	err := fs.WalkDir(fsys, NewsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == NewsDir {
				return fs.SkipDir
			}
			l.Errorf(diag.Pos{File: p}, "cannot read: %v", err)
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && p != NewsDir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// fs.WalkDir does not follow links; a link to a folder of
			// articles would be skipped without a word, and a link
			// that leads back to itself must not hang the build.
			st, err := fs.Stat(fsys, p)
			switch {
			case err != nil:
				e := l.Errorf(diag.Pos{File: p}, "symbolic link that cannot be followed: %v", errUnwrap(err))
				e.Hint = "the link points to a file that does not exist, or to itself (a loop): delete it or make it point to an article"
				return nil
			case st.IsDir():
				e := l.Errorf(diag.Pos{File: p}, "symbolic link to a folder: khuyenhoc does not read articles through linked folders")
				e.Hint = "move the articles into content/news/ (or a folder inside it), or delete the link"
				return nil
			}
		}
		if d.IsDir() || path.Ext(p) != ".md" {
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		l.Errorf(diag.Pos{File: NewsDir}, "cannot read: %v", err)
	}
	// Articles are read and parsed on every CPU, each into a list of its
	// own; the lists are merged in path order, so the report is the same
	// whatever the scheduling. They are taken last path first: the bodies
	// kept (KeepBodies) are then those of the newest articles where names
	// begin with the date (as `khuyenhoc new` makes them), whose pages a
	// build renders first, and lets go of early, not last.
	arts := make([]*Article, len(files))
	lists := make([]diag.List, len(files))
	var next, kept atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(files))) {
		wg.Go(func() {
			in := interner{} // one a worker: no lock, at most a copy a CPU
			// The file is read into the worker's buffer: compact copies
			// what the article keeps of it.
			var buf bytes.Buffer
			for {
				i := len(files) - int(next.Add(1))
				if i < 0 {
					return
				}
				a := readArticle(&buf, fsys, files[i], &lists[i])
				if a == nil {
					continue
				}
				if opt.Visit != nil {
					opt.Visit(a)
				}
				if opt.KeepBodies > 0 && kept.Add(int64(len(a.Body))) > opt.KeepBodies {
					a.Body, a.bodyOnDisk = nil, true
				}
				a.compact(in)
				arts[i] = a
			}
		})
	}
	wg.Wait()
	for i := range files {
		l.Merge(&lists[i])
		if arts[i] != nil {
			out = append(out, arts[i])
		}
	}
	slices.SortFunc(out, func(a, b *Article) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	return out
}

// Text returns the article's Markdown body, reading it again from fsys
// if LoadWith let it go.
func (a *Article) Text(fsys fs.FS) ([]byte, error) {
	if !a.bodyOnDisk {
		return a.Body, nil
	}
	src, err := fs.ReadFile(fsys, a.File)
	if err != nil {
		return nil, err
	}
	return a.bodyOf(src)
}

// LetGo drops the body kept in memory; Text reads it again from the file
// if it is asked for. Not safe while another goroutine reads the
// article's text.
func (a *Article) LetGo() {
	if a.Body != nil {
		a.Body, a.bodyOnDisk = nil, true
	}
}

// TextInto is Text reading into sc when the body must be read again: the
// result may then be sc's memory, valid only until sc is next used.
func (a *Article) TextInto(fsys fs.FS, sc *Scratch) ([]byte, error) {
	if !a.bodyOnDisk {
		return a.Body, nil
	}
	src, err := decode.ReadFileInto(&sc.src, fsys, a.File, MaxArticleBytes)
	if err != nil {
		return nil, err
	}
	return a.bodyOf(src)
}

// bodyOf returns the body of src, the article's file read again, which
// must still split where it did when loaded.
func (a *Article) bodyOf(src []byte) ([]byte, error) {
	_, body, line, err := SplitFrontMatter(src)
	if err != nil || line != a.BodyLine {
		return nil, fmt.Errorf("%s changed while the site was being built: build again", a.File)
	}
	return body, nil
}

// readArticle reads the article at p into buf and parses it; the article
// refers to buf until it is compacted.
func readArticle(buf *bytes.Buffer, fsys fs.FS, p string, l *diag.List) *Article {
	b, err := decode.ReadFileInto(buf, fsys, p, MaxArticleBytes)
	var big *decode.TooBigError
	switch {
	case errors.As(err, &big):
		big.Report(l, "article", "an article this long usually holds a pasted picture or file: save pictures in static/ and link to them, and split a long text into several articles (see docs/data-format.md, Limits)")
		return nil
	case errors.Is(err, fs.ErrNotExist):
		e := l.Errorf(diag.Pos{File: p}, "%s disappeared while khuyenhoc was reading content/", p)
		e.Hint = "a file was removed or renamed during the build (a sync tool, an editor saving): build again"
		return nil
	case err != nil:
		l.Errorf(diag.Pos{File: p}, "cannot read: %v", errUnwrap(err))
		return nil
	}
	return Parse(p, b, l)
}

// Parse reads one article. It returns nil when the front matter cannot be
// read at all; other problems are reported and the article is returned.
func Parse(name string, src []byte, l *diag.List) *Article {
	s := diag.NewSource(name, src)
	// Nearly every article is known NFC by its bytes, which also proves
	// it UTF-8: one pass instead of two over each file.
	nfc := viet.KnownNFC(unsafe.String(unsafe.SliceData(src), len(src)))
	if !nfc && !decode.CheckUTF8(s, l) {
		return nil
	}
	fm, body, bodyLine, err := SplitFrontMatter(src)
	switch {
	case errors.Is(err, ErrNoFrontMatter):
		d := s.Errorf(l, s.At(1, 1), "article does not start with front matter")
		d.Hint = "the first line must be +++, followed by title = \"…\" and date = YYYY-MM-DD, then a closing +++"
		return nil
	case errors.Is(err, ErrUnclosed):
		d := s.Errorf(l, s.At(1, 1), "front matter is opened with +++ but never closed")
		d.Hint = "did you forget the closing +++ line after the front matter?"
		return nil
	}
	// Decode the front matter at its real line numbers: blank out the
	// opening delimiter so positions match the file.
	fmSrc := diag.NewSource(name, append([]byte("\n"), fm...))
	a := &Article{File: name, Body: body, BodyLine: bodyLine, Doc: s, BodyNFC: nfc}
	doc, _ := decode.TOML(fmSrc, &a.FrontMatter, l)
	a.KeyPos = doc.Pos
	a.Title = viet.NFC(a.Title)
	a.Slug = strings.TrimSuffix(path.Base(name), ".md")
	if a.FrontMatter.Slug != "" {
		a.Slug = a.FrontMatter.Slug
	}
	if !validSlug(a.Slug) {
		d := doc.Errorf(l, "slug", "URL name %q must be lower-case letters, digits and hyphens", a.Slug)
		d.Hint = fmt.Sprintf("rename the file (or set slug) to %q", viet.Slug(a.Slug))
	}
	if !doc.Parsed() {
		// The syntax error is the one thing to fix; a missing summary or
		// body would only be its echo.
		return a
	}
	if strings.TrimSpace(a.Summary) == "" {
		doc.Warnf(l, "title", "article has no summary").Hint = `add summary = "…": it is shown in lists, feeds and link previews`
	}
	for i, img := range a.Images {
		if sch := UnsafeScheme(img.Src); sch != "" {
			doc.Errorf(l, fmt.Sprintf("image[%d].src", i), "image src %q: a %s URL is not allowed", img.Src, sch).Hint = UnsafeHint(sch, true)
		}
		if img.Credit == "" {
			doc.Warnf(l, fmt.Sprintf("image[%d]", i), "image %s has no credit", img.Src).Hint = `add credit = "Ảnh: …"`
		}
		if img.Alt == "" && img.Caption == "" {
			doc.Warnf(l, fmt.Sprintf("image[%d]", i), "image %s has neither alt text nor caption", img.Src).Hint = "describe the picture for readers who cannot see it"
		}
	}
	for _, u := range UnsafeURLs(body) {
		what := "link"
		if u.Image {
			what = "image"
		}
		d := s.Errorf(l, s.Pos(len(src)-len(body)+u.Offset), "%s %q: a %s URL is not allowed", what, u.URL, u.Scheme)
		d.Hint = UnsafeHint(u.Scheme, u.Image)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		// The body would start after the closing +++, which may be the
		// file's last line.
		s.Warnf(l, s.At(min(bodyLine, s.NumLines()), 1), "article has no body").Hint = "write the article below the closing +++ line"
	}
	return a
}
