package content

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// TestCompactDetachesEveryString fills every string of an article's front
// matter, found by reflection, with a slice of one backing string, as the
// TOML decoder does, and checks that compact leaves none pointing into it
// (a field it forgets keeps the whole front matter in memory), that the
// body no longer points into the file, and that nothing changed value.
func TestCompactDetachesEveryString(t *testing.T) {
	backing := strings.Repeat("front matter text ", 200)
	file := []byte(strings.Repeat("file ", 100))
	n := 0
	next := func() string {
		n++
		return backing[n : n+5]
	}
	a := &Article{File: "content/news/x.md", Body: file[10:20]}
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			v.SetString(next())
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					fill(v.Field(i))
				}
			}
		case reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
			for i := range v.Len() {
				fill(v.Index(i))
			}
		}
	}
	fill(reflect.ValueOf(&a.FrontMatter).Elem())
	a.Slug = a.FrontMatter.Slug
	before := a.FrontMatter
	before.Provinces, before.Tags, before.Authors = clone(before.Provinces), clone(before.Tags), clone(before.Authors)
	before.Images = append([]Image(nil), before.Images...)
	a.compact(interner{})

	lo := uintptr(unsafe.Pointer(unsafe.StringData(backing)))
	hi := lo + uintptr(len(backing))
	var check func(path string, v reflect.Value)
	check = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			if p := uintptr(unsafe.Pointer(unsafe.StringData(v.String()))); p >= lo && p < hi {
				t.Errorf("%s still points into the front matter", path)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					check(path+"."+v.Type().Field(i).Name, v.Field(i))
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				check(path+"[]", v.Index(i))
			}
		}
	}
	check("FrontMatter", reflect.ValueOf(a.FrontMatter))
	check("Slug", reflect.ValueOf(a.Slug))
	if &a.Body[0] == &file[10] {
		t.Error("Body still points into the file")
	}
	if string(a.Body) != string(file[10:20]) {
		t.Errorf("Body %q", a.Body)
	}
	if !reflect.DeepEqual(a.FrontMatter, before) {
		t.Errorf("compact changed the front matter:\n%+v\nwant\n%+v", a.FrontMatter, before)
	}
}

func clone(s []string) []string { return append([]string(nil), s...) }

// TestCompactKeepsFrontMatterLines: after compact, Doc still shows the
// front-matter lines that diagnostics quote, from its own copy.
func TestCompactKeepsFrontMatterLines(t *testing.T) {
	src := []byte("+++\ntitle = \"Tin\"\ndate = 2024-01-02\nsummary = \"Tóm tắt\"\n+++\n\nThân bài.\n")
	var l diag.List
	a := Parse("content/news/tin.md", src, &l)
	if a == nil {
		t.Fatalf("not parsed: %v", l.Items())
	}
	var want []string
	for n := 1; n < a.BodyLine; n++ {
		want = append(want, a.Doc.Line(n))
	}
	a.compact(interner{})
	for n := 1; n < a.BodyLine; n++ {
		if got := a.Doc.Line(n); got != want[n-1] {
			t.Errorf("line %d: %q, want %q", n, got, want[n-1])
		}
	}
	if len(a.Doc.Data) == 0 || &a.Doc.Data[0] == &src[0] {
		t.Error("Doc still holds the file")
	}
	if got := a.KeyPos("summary").Line; a.Doc.Line(got) != `summary = "Tóm tắt"` {
		t.Errorf("summary at line %d: %q", got, a.Doc.Line(got))
	}
}
