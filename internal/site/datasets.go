package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/data"
	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// Where published tables go: the clean typed table as CSV and JSON, and the
// file editors keep, unchanged.
func tableCSVURL(name string) string    { return "/du-lieu/" + name + ".csv" }
func tableJSONURL(name string) string   { return "/du-lieu/" + name + ".json" }
func originalCSVURL(name string) string { return "/du-lieu/goc/" + name + ".csv" }
func datasetURL(name string) string     { return "/du-lieu/" + name + "/" }

const datapackageURL = "/datapackage.json"

// cellText renders a published cell for CSV: plain numbers ('.' decimal
// point, no grouping) and ISO dates, so any tool reads them.
func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case civil.Date:
		return x.String()
	}
	return ""
}

// tableCSV writes a published table as UTF-8 CSV with a header row.
func tableCSV(t data.PublishedTable) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	header := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		header[i] = f.Name
	}
	_ = w.Write(header)
	for _, r := range t.Rows {
		rec := make([]string, len(r))
		for i, v := range r {
			rec[i] = cellText(v)
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// tableJSON writes a published table as a JSON array of objects whose keys
// keep the field order.
func tableJSON(t data.PublishedTable) []byte {
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, r := range t.Rows {
		b.WriteString("  {")
		for j, v := range r {
			if j > 0 {
				b.WriteString(", ")
			}
			b.Write(marshalJSON(t.Fields[j].Name))
			b.WriteString(": ")
			if d, ok := v.(civil.Date); ok {
				v = d.String()
			}
			b.Write(marshalJSON(v))
		}
		b.WriteString("}")
		if i+1 < len(t.Rows) {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	return b.Bytes()
}

// Frictionless Data Package v2 (https://datapackage.org/standard/data-package/).
type dpPackage struct {
	Schema      string       `json:"$schema"`
	Name        string       `json:"name"`
	Title       string       `json:"title"`
	Description string       `json:"description,omitempty"`
	Homepage    string       `json:"homepage"`
	Version     string       `json:"version,omitempty"`
	Licenses    []dpLicense  `json:"licenses,omitempty"`
	Sources     []dpSource   `json:"sources,omitempty"`
	Resources   []dpResource `json:"resources"`
}

type dpLicense struct {
	Name  string `json:"name,omitempty"`
	Path  string `json:"path,omitempty"`
	Title string `json:"title,omitempty"`
}

type dpSource struct {
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

type dpResource struct {
	Name        string     `json:"name"`
	Type        string     `json:"type"`
	Path        string     `json:"path"`
	Format      string     `json:"format"`
	Mediatype   string     `json:"mediatype"`
	Encoding    string     `json:"encoding"`
	Title       string     `json:"title"`
	Description string     `json:"description,omitempty"`
	Sources     []dpSource `json:"sources,omitempty"`
	Schema      dpSchema   `json:"schema"`
}

type dpSchema struct {
	Schema      string         `json:"$schema"`
	Fields      []dpField      `json:"fields"`
	PrimaryKey  []string       `json:"primaryKey,omitempty"`
	ForeignKeys []dpForeignKey `json:"foreignKeys,omitempty"`
	MissingVals []string       `json:"missingValues"`
}

type dpField struct {
	Name        string         `json:"name"`
	Type        string         `json:"type"`
	Description string         `json:"description,omitempty"`
	Constraints *dpConstraints `json:"constraints,omitempty"`
}

type dpConstraints struct {
	Required bool     `json:"required,omitempty"`
	Unique   bool     `json:"unique,omitempty"`
	Enum     []string `json:"enum,omitempty"`
	Minimum  *float64 `json:"minimum,omitempty"`
	Maximum  *float64 `json:"maximum,omitempty"`
}

type dpForeignKey struct {
	Fields    []string    `json:"fields"`
	Reference dpReference `json:"reference"`
}

type dpReference struct {
	Resource string   `json:"resource,omitempty"` // omitted: the same resource
	Fields   []string `json:"fields"`
}

// licenseOf maps site.toml's licence to SPDX where it is a known one.
func licenseOf(name, url string) []dpLicense {
	if name == "" {
		return nil
	}
	spdx := map[string]string{"CC BY 4.0": "CC-BY-4.0", "CC BY-SA 4.0": "CC-BY-SA-4.0", "CC0": "CC0-1.0", "CC0 1.0": "CC0-1.0", "ODbL": "ODbL-1.0"}
	paths := map[string]string{"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
		"CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/", "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
		"ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/"}
	l := dpLicense{Title: name, Path: url}
	if id, ok := spdx[name]; ok {
		l.Name = id
		if l.Path == "" {
			l.Path = paths[id]
		}
	}
	if l.Name == "" && l.Path == "" {
		l.Name = name
	}
	return []dpLicense{l}
}

// datapackage describes every published table.
func (s *Site) datapackage(tables []data.PublishedTable) []byte {
	pkg := dpPackage{
		Schema:      "https://datapackage.org/profiles/2.0/datapackage.json",
		Name:        "khuyenhoc",
		Title:       s.Config.Title,
		Description: s.Config.Description,
		Homepage:    s.Config.AbsURL(dataURL),
		Licenses:    licenseOf(s.Config.License, s.Config.LicenseURL),
	}
	for _, src := range s.Data.Sources {
		pkg.Sources = append(pkg.Sources, dpSource{Title: strings.TrimSpace(src.Publication + " — " + src.Title), Path: src.URL})
	}
	for _, t := range tables {
		r := dpResource{
			Name: strings.ReplaceAll(t.Name, "_", "-"), Type: "table",
			Path:   strings.TrimPrefix(tableCSVURL(t.Name), "/"),
			Format: "csv", Mediatype: "text/csv", Encoding: "utf-8",
			Title: t.Title, Description: t.Description,
			Schema: dpSchema{Schema: "https://datapackage.org/profiles/2.0/tableschema.json", PrimaryKey: t.PrimaryKey, MissingVals: []string{""}},
		}
		if strings.HasSuffix(t.Source, ".csv") {
			r.Sources = append(r.Sources, dpSource{Title: "Editors' file " + t.Source, Path: strings.TrimPrefix(originalCSVURL(t.Name), "/")})
		}
		for _, f := range t.Fields {
			df := dpField{Name: f.Name, Type: f.Type, Description: f.Description}
			if f.Required || len(f.Enum) > 0 || f.Minimum != nil || f.Maximum != nil || isKey(t, f.Name) {
				df.Constraints = &dpConstraints{Required: f.Required || isKey(t, f.Name), Enum: f.Enum, Minimum: f.Minimum, Maximum: f.Maximum,
					Unique: len(t.PrimaryKey) == 1 && t.PrimaryKey[0] == f.Name}
			}
			r.Schema.Fields = append(r.Schema.Fields, df)
		}
		for _, fk := range t.ForeignKeys {
			ref := dpReference{Resource: strings.ReplaceAll(fk.Resource, "_", "-"), Fields: []string{fk.Key}}
			if fk.Resource == t.Name {
				ref.Resource = ""
			}
			r.Schema.ForeignKeys = append(r.Schema.ForeignKeys, dpForeignKey{Fields: []string{fk.Field}, Reference: ref})
		}
		pkg.Resources = append(pkg.Resources, r)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(pkg); err != nil {
		panic(err) // fixed struct types only
	}
	return b.Bytes()
}

// marshalJSON encodes v without HTML escaping: "GD&TĐ" stays readable.
func marshalJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only cells of published tables are encoded
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func isKey(t data.PublishedTable, name string) bool {
	for _, k := range t.PrimaryKey {
		if k == name {
			return true
		}
	}
	return false
}

// displayCell formats a cell in vi-VN for the dataset page.
func displayCell(f data.Field, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int64:
		if f.Type == data.FieldYear {
			return strconv.FormatInt(x, 10)
		}
		return viet.FormatInt(x)
	case float64:
		return viet.FormatDecimal(x, 2)
	}
	return cellText(v)
}
