package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestDatapackage checks the sample site's datapackage.json against the
// Data Package v2 and Table Schema v2 required keys, and that every
// resource's path exists and its CSV header is exactly the schema's fields.
func TestDatapackage(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	r := buildFS(t, os.DirFS(root), withSource(root))
	r.AssertNoDiags(t)
	var pkg map[string]any
	if err := json.Unmarshal([]byte(r.ReadFile(t, "datapackage.json")), &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg["$schema"] != "https://datapackage.org/profiles/2.0/datapackage.json" {
		t.Errorf("$schema = %v", pkg["$schema"])
	}
	lic, _ := pkg["licenses"].([]any)
	if len(lic) == 0 {
		t.Error("no licenses")
	}
	for _, l := range lic {
		m := l.(map[string]any)
		if m["name"] == nil && m["path"] == nil {
			t.Errorf("a licence needs name or path: %v", m)
		}
	}
	resources, _ := pkg["resources"].([]any)
	var names []string
	for _, x := range resources {
		res := x.(map[string]any)
		name, _ := res["name"].(string)
		path, _ := res["path"].(string)
		if name == "" || path == "" {
			t.Fatalf("a resource needs name and path: %v", res)
		}
		names = append(names, name)
		schema, _ := res["schema"].(map[string]any)
		fields, _ := schema["fields"].([]any)
		if len(fields) == 0 {
			t.Errorf("%s: no schema fields", name)
			continue
		}
		var want []string
		for _, f := range fields {
			fm := f.(map[string]any)
			if fm["name"] == nil || fm["type"] == nil {
				t.Errorf("%s: a field needs name and type: %v", name, fm)
			}
			want = append(want, fm["name"].(string))
		}
		b := []byte(r.ReadFile(t, path))
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil || len(rows) == 0 {
			t.Errorf("%s: %s is not CSV: %v", name, path, err)
			continue
		}
		if !slices.Equal(rows[0], want) {
			t.Errorf("%s: header %v, schema fields %v", name, rows[0], want)
		}
		fks, _ := schema["foreignKeys"].([]any)
		for _, fk := range fks {
			ref := fk.(map[string]any)["reference"].(map[string]any)
			if r, ok := ref["resource"].(string); ok && r != "" && !slices.ContainsFunc(resources, func(x any) bool { return x.(map[string]any)["name"] == r }) {
				t.Errorf("%s: foreign key to unknown resource %q", name, r)
			}
		}
	}
	for _, want := range []string{"provinces", "clusters", "funds", "scholarships", "members", "associations", "learning-models"} {
		if !slices.Contains(names, want) {
			t.Errorf("no resource %q in %v", want, names)
		}
	}
}
