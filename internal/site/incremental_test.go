package site

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/search"
)

// editSite builds baseSite into a folder and returns it with its files, so
// that a test can change an article and call EditArticle.
func editSite(t *testing.T) (*siteResult, fstest.MapFS) {
	t.Helper()
	fsys := txtarFS(t, baseSite, true)
	return buildFS(t, fsys, withEditable()), fsys
}

const editFile = "content/news/khai-giang-2022.md"

func setBody(t *testing.T, fsys fstest.MapFS, body string) {
	t.Helper()
	src := string(fsys[editFile].Data)
	i := strings.LastIndex(src, "+++\n")
	fsys[editFile] = &fstest.MapFile{Data: []byte(src[:i+4] + "\n" + body)}
}

func TestEditArticleBodyRewritesOnlyItsPage(t *testing.T) {
	t.Parallel()
	r, fsys := editSite(t)
	page := "tin-tuc/khai-giang-2022/index.html"
	before := map[string]string{}
	for name, b := range r.Files(t) {
		before[name] = string(b)
	}
	setBody(t, fsys, "Lớp học **mới** khai giảng ngày 5/9/2022, xem [hội nghị](/hoi-nghi/).\n")
	l, err := r.Site.EditArticle(fsys, editFile)
	if err != nil || l.Len() > 0 {
		t.Fatalf("EditArticle: %v %v", err, l.Items())
	}
	r.AssertFileContent(t, page, "Lớp học <strong>mới</strong> khai giảng", "! Lớp học khai giảng ngày")
	// The page is exactly what a full build of the new text writes, and
	// nothing else changed but the search index.
	full := buildFS(t, fsys)
	if got, want := r.ReadFile(t, page), full.ReadFile(t, page); got != want {
		t.Errorf("edited page differs from a full build:\n%s\n---\n%s", got, want)
	}
	for name, b := range r.Files(t) {
		if name != page && !strings.HasPrefix(name, "tim-kiem/") && before[name] != string(b) {
			t.Errorf("%s changed", name)
		}
	}
	if l := r.Site.SearchUpdate()(); l.Len() > 0 {
		t.Fatal(l.Items())
	}
	for name, b := range full.Files(t) {
		if strings.HasPrefix(name, "tim-kiem/") && r.ReadFile(t, name) != string(b) {
			t.Errorf("search file %s differs from a full build", name)
		}
	}
}

func TestEditArticleNeedsBuild(t *testing.T) {
	t.Parallel()
	for name, edit := range map[string]func(fstest.MapFS){
		"front matter": func(fsys fstest.MapFS) {
			src := strings.Replace(string(fsys[editFile].Data), "Khai giảng lớp học cộng đồng", "Tiêu đề mới", 1)
			fsys[editFile] = &fstest.MapFile{Data: []byte(src)}
		},
		"names a person": func(fsys fstest.MapFS) {
			src := string(fsys[editFile].Data) + "\nCó bà Trần Thị Chủ dự.\n"
			fsys[editFile] = &fstest.MapFile{Data: []byte(src)}
		},
		"removed": func(fsys fstest.MapFS) { delete(fsys, editFile) },
	} {
		t.Run(name, func(t *testing.T) {
			r, fsys := editSite(t)
			edit(fsys)
			if _, err := r.Site.EditArticle(fsys, editFile); !errors.Is(err, ErrNeedsBuild) {
				t.Errorf("err = %v, want ErrNeedsBuild", err)
			}
		})
	}
	r, fsys := editSite(t)
	if _, err := r.Site.EditArticle(fsys, "content/news/moi.md"); !errors.Is(err, ErrNeedsBuild) {
		t.Errorf("new file: err = %v, want ErrNeedsBuild", err)
	}
	// A one-off build let go of what an edit needs.
	fsys = txtarFS(t, baseSite, true)
	once := buildFS(t, fsys)
	setBody(t, fsys, "Đoạn mới.\n")
	if _, err := once.Site.EditArticle(fsys, editFile); !errors.Is(err, ErrNeedsBuild) {
		t.Errorf("after a build that is not Editable: err = %v, want ErrNeedsBuild", err)
	}
}

func TestEditArticleMistakeKeepsPage(t *testing.T) {
	t.Parallel()
	r, fsys := editSite(t)
	page := "tin-tuc/khai-giang-2022/index.html"
	was := r.ReadFile(t, page)
	setBody(t, fsys, "Đoạn một.\n\nXem [trang hỏng](/khong-co/) và [nhấn](javascript:alert(1)).\n")
	l, err := r.Site.EditArticle(fsys, editFile)
	if err != nil {
		t.Fatal(err)
	}
	l.AttachSources(fsys)
	if !l.HasErrors(false) {
		t.Fatal("want errors")
	}
	text := ""
	for _, d := range l.Sorted() {
		text += diag.Format(d)
	}
	if !strings.Contains(text, editFile+":10:") {
		t.Errorf("diagnostics do not name %s:10:\n%s", editFile, text)
	}
	if r.ReadFile(t, page) != was {
		t.Error("the page changed although the edit had errors")
	}
	// Fixed, the edit goes through, and the old text is not kept.
	setBody(t, fsys, "Đoạn đã sửa.\n")
	if l, err := r.Site.EditArticle(fsys, editFile); err != nil || l.Len() > 0 {
		t.Fatalf("EditArticle: %v %v", err, l.Items())
	}
	r.AssertFileContent(t, page, "Đoạn đã sửa.")
	if entries, _ := os.ReadDir(filepath.Join(r.Out, "tin-tuc", "khai-giang-2022")); len(entries) != 1 {
		t.Errorf("the page's folder holds %d files, want 1 (no temporary files left)", len(entries))
	}
}

// TestTextBudget: a site whose article text is let go after loading, and
// read again, builds byte for byte the same.
func TestTextBudget(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	if err := corpus.Generate(src, 60, 3); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(src)
	all := buildFS(t, fsys)
	some := buildFS(t, fsys, func(c *txtarConfig) { c.site.TextBudget = 1 })
	if some.Site.Articles[len(some.Site.Articles)-1].Body != nil && some.Site.Articles[0].Body != nil {
		t.Fatal("no article text was let go")
	}
	want := all.Files(t)
	got := some.Files(t)
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("%s differs", name)
		}
	}
}

// TestSearchIndexFromRender: a one-off build, whose search index takes
// each article's text from the render workers, writes the same index as
// an editable build, which reads every article for it before the render;
// and a word only the text of an article has finds it.
func TestSearchIndexFromRender(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	if err := corpus.Generate(src, 80, 5); err != nil {
		t.Fatal(err)
	}
	news, err := filepath.Glob(filepath.Join(src, "content", "news", "*.md"))
	if err != nil || len(news) < 80 {
		t.Fatalf("%d articles, %v", len(news), err)
	}
	f, err := os.OpenFile(news[len(news)/2], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\nMột từ riêng: **xyzzyquạ**.\n")
	f.Close()
	fsys := os.DirFS(src)
	once := buildFS(t, fsys)
	if once.Site.searchFeed != nil {
		t.Error("the build kept its search feed")
	}
	editable := buildFS(t, fsys, withEditable())
	want, got := editable.Files(t), once.Files(t)
	n := 0
	for name, b := range want {
		if !strings.HasPrefix(name, search.Dir) {
			continue
		}
		n++
		if !bytes.Equal(got[name], b) {
			t.Errorf("%s differs", name)
		}
	}
	if n < 10 {
		t.Fatalf("only %d search files", n)
	}
	res := search.Query(got, "xyzzyqua ", search.Filter{})
	if len(res) != 1 || res[0].Type != "tin-tuc" {
		t.Errorf("a word of an article's text finds %v, want the article", res)
	}
}
