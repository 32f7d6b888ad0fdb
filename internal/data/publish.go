package data

import (
	"fmt"
	"slices"
)

// Published tables are the data as khuyenhoc republishes it for reuse:
// one clean, typed table per CSV in data/tables (amounts in whole đồng,
// qualifiers in their own column, units by id), plus the reference tables
// they point to (provinces, clusters, memberships, meetings, sources). They
// are what datapackage.json describes and what the CSV and JSON downloads
// hold; the files editors wrote are published beside them unchanged.

// Field types, from Frictionless Table Schema.
const (
	FieldString  = "string"
	FieldInteger = "integer"
	FieldNumber  = "number"
	FieldDate    = "date"
	FieldYear    = "year"
)

// Field is one column of a published table.
type Field struct {
	Name        string
	Type        string
	Description string
	Required    bool
	Enum        []string
	Minimum     *float64
	Maximum     *float64
}

// ForeignKey says a field refers to another published table's key.
type ForeignKey struct {
	Field    string
	Resource string
	Key      string
}

// PublishedTable is a typed table ready to write as CSV or JSON. Every cell
// is nil (empty), string, int64, float64 or civil.Date.
type PublishedTable struct {
	Name        string
	Title       string
	Description string
	// Source is the file (or folder) editors keep it in, e.g.
	// "data/tables/funds.csv" or "data/provinces.toml".
	Source string
	// Key names the columns that identify a row, for change histories.
	Key         []string
	Fields      []Field
	PrimaryKey  []string
	ForeignKeys []ForeignKey
	Rows        [][]any
}

var zero = 0.0
var hundred = 100.0

// Publish returns every published table, reference tables first.
func (d *Data) Publish() []PublishedTable {
	out := []PublishedTable{d.publishProvinces(), d.publishClusters(), d.publishMembers(), d.publishSources(), d.publishMeetings()}
	for _, ds := range d.Datasets {
		out = append(out, d.publishTable(ds))
	}
	return out
}

func optDate(dt interface{ IsZero() bool }) any {
	if dt.IsZero() {
		return nil
	}
	return dt
}

func optString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (d *Data) publishProvinces() PublishedTable {
	t := PublishedTable{
		Name: "provinces", Title: "Tỉnh, thành phố", Source: "data/provinces.toml",
		Description: "Đơn vị hành chính cấp tỉnh trước và sau sắp xếp ngày 1/7/2025 (Nghị quyết 202/2025/QH15).",
		Fields: []Field{
			{Name: "id", Type: FieldString, Required: true, Description: "mã tỉnh, thành phố"},
			{Name: "name", Type: FieldString, Required: true, Description: "tên tỉnh, thành phố"},
			{Name: "kind", Type: FieldString, Required: true, Description: "tỉnh hay thành phố trực thuộc trung ương", Enum: []string{KindProvince, KindCity}},
			{Name: "since", Type: FieldDate, Description: "ngày đầu tiên là một đơn vị riêng, nếu biết"},
			{Name: "until", Type: FieldDate, Description: "ngày cuối cùng còn là một đơn vị riêng; để trống nếu đơn vị vẫn còn"},
			{Name: "merged_into", Type: FieldString, Description: "mã tỉnh, thành phố mà đơn vị này được sáp nhập vào (provinces.id)"},
		},
		PrimaryKey:  []string{"id"},
		ForeignKeys: []ForeignKey{{Field: "merged_into", Resource: "provinces", Key: "id"}},
	}
	for _, p := range d.Provinces {
		var succ any
		if p.Successor != nil {
			succ = p.Successor.ID
		}
		t.Rows = append(t.Rows, []any{p.ID, p.Name, p.Kind, optDate(p.Since), optDate(p.Until), succ})
	}
	return t
}

func (d *Data) publishClusters() PublishedTable {
	t := PublishedTable{
		Name: "clusters", Title: "Cụm thi đua", Source: "data/clusters.toml",
		Description: "Các cụm thi đua: nhóm các tỉnh, thành phố, hoặc nhóm hội khuyến học cấp huyện trong một tỉnh.",
		Fields: []Field{
			{Name: "id", Type: FieldString, Required: true, Description: "mã cụm thi đua"},
			{Name: "name", Type: FieldString, Required: true, Description: "tên cụm thi đua"},
			{Name: "level", Type: FieldString, Required: true, Enum: []string{LevelNational, LevelProvincial},
				Description: "cấp của cụm: tỉnh là cụm gồm các tỉnh, thành phố; huyện là cụm gồm các hội khuyến học cấp huyện trong một tỉnh"},
			{Name: "province", Type: FieldString, Description: "đối với cụm thi đua cấp huyện: mã tỉnh, thành phố nơi có cụm (provinces.id)"},
		},
		PrimaryKey:  []string{"id"},
		ForeignKeys: []ForeignKey{{Field: "province", Resource: "provinces", Key: "id"}},
	}
	for _, c := range d.Clusters {
		var in any
		if c.InProvince != nil {
			in = c.InProvince.ID
		}
		t.Rows = append(t.Rows, []any{c.ID, c.Name, c.Level, in})
	}
	return t
}

func (d *Data) publishMembers() PublishedTable {
	t := PublishedTable{
		Name: "cluster_members", Title: "Thành viên cụm thi đua", Source: "data/clusters.toml",
		Description: "Đơn vị nào thuộc cụm thi đua nào, trong thời gian nào.",
		Fields: []Field{
			{Name: "cluster", Type: FieldString, Required: true, Description: "mã cụm thi đua (clusters.id)"},
			{Name: "province", Type: FieldString, Description: "mã tỉnh, thành phố thành viên (đối với cụm gồm các tỉnh, thành phố)"},
			{Name: "unit", Type: FieldString, Description: "hội khuyến học thành viên (đối với cụm trong một tỉnh)"},
			{Name: "from", Type: FieldDate, Description: "ngày bắt đầu là thành viên; để trống nếu từ trước thời gian có tư liệu"},
			{Name: "to", Type: FieldDate, Description: "ngày cuối cùng là thành viên; để trống nếu vẫn là thành viên"},
			{Name: "source", Type: FieldString, Description: "mã của nguồn trích dẫn (sources.id)"},
		},
		ForeignKeys: []ForeignKey{
			{Field: "cluster", Resource: "clusters", Key: "id"},
			{Field: "province", Resource: "provinces", Key: "id"},
			{Field: "source", Resource: "sources", Key: "id"},
		},
	}
	for _, c := range d.Clusters {
		for _, m := range c.Members {
			var p any
			if m.Resolved != nil {
				p = m.Resolved.ID
			}
			t.Rows = append(t.Rows, []any{c.ID, p, optString(m.Unit), optDate(m.From), optDate(m.To), optString(m.Source)})
		}
	}
	return t
}

func (d *Data) publishSources() PublishedTable {
	t := PublishedTable{
		Name: "sources", Title: "Nguồn", Source: "data/sources.toml",
		Description: "Các nguồn (báo, tạp chí, văn bản) mà mọi số liệu được trích dẫn.",
		Fields: []Field{
			{Name: "id", Type: FieldString, Required: true, Description: "mã của nguồn trích dẫn"},
			{Name: "publication", Type: FieldString, Required: true, Description: "tên báo, tạp chí hoặc cơ quan ban hành"},
			{Name: "title", Type: FieldString, Required: true, Description: "tiêu đề bài báo, văn bản"},
			{Name: "url", Type: FieldString, Description: "địa chỉ trên mạng, nếu có"},
			{Name: "date", Type: FieldDate, Description: "ngày đăng hoặc ngày ban hành"},
		},
		PrimaryKey: []string{"id"},
	}
	for _, s := range d.Sources {
		t.Rows = append(t.Rows, []any{s.ID, s.Publication, s.Title, optString(s.URL), optDate(s.Date)})
	}
	return t
}

func (d *Data) publishMeetings() PublishedTable {
	t := PublishedTable{
		Name: "meetings", Title: "Hội nghị", Source: "data/meetings",
		Description: "Các hội nghị giao ban, sơ kết, tổng kết của cụm thi đua.",
		Fields: []Field{
			{Name: "id", Type: FieldString, Required: true, Description: "mã hội nghị"},
			{Name: "cluster", Type: FieldString, Required: true, Description: "mã cụm thi đua (clusters.id)"},
			{Name: "kind", Type: FieldString, Required: true, Description: "loại hội nghị", Enum: MeetingKinds},
			{Name: "title", Type: FieldString, Required: true, Description: "tên hội nghị"},
			{Name: "date", Type: FieldDate, Required: true, Description: "ngày họp"},
			{Name: "place", Type: FieldString, Required: true, Description: "nơi họp"},
			{Name: "host", Type: FieldString, Description: "đơn vị đăng cai: mã tỉnh, thành phố (provinces.id), hoặc tên hội khuyến học cấp huyện đối với cụm trong một tỉnh"},
		},
		PrimaryKey:  []string{"id"},
		ForeignKeys: []ForeignKey{{Field: "cluster", Resource: "clusters", Key: "id"}},
	}
	for _, m := range d.Meetings {
		var c any
		if m.ClusterRef != nil {
			c = m.ClusterRef.ID
		}
		host := optString(m.Host)
		if m.HostRef != nil {
			host = m.HostRef.ID
		}
		t.Rows = append(t.Rows, []any{m.ID, c, m.Kind, m.Title, m.Date, m.Place, host})
	}
	slices.SortFunc(t.Rows, func(a, b []any) int { return compareStrings(a[0].(string), b[0].(string)) })
	return t
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// publishTable types one CSV table: each amount, count or percent column
// becomes a number column plus a "<name>_qualifier" column.
func (d *Data) publishTable(ds Dataset) PublishedTable {
	s := ds.Spec
	t := PublishedTable{Name: s.Name, Title: s.Title, Description: s.Description, Source: ds.Path,
		Key: []string{"unit", "year", "period", "as_of", "purpose", "model"},
		ForeignKeys: []ForeignKey{
			{Field: "meeting", Resource: "meetings", Key: "id"},
			{Field: "source", Resource: "sources", Key: "id"},
		}}
	for _, c := range s.Columns {
		switch c.Type {
		case TypeAmount:
			t.Fields = append(t.Fields,
				Field{Name: c.Name, Type: FieldInteger, Description: c.Description + "; đơn vị: đồng", Minimum: &zero},
				qualifierField(c.Name))
		case TypeCount:
			t.Fields = append(t.Fields,
				Field{Name: c.Name, Type: FieldInteger, Description: c.Description, Required: c.Required, Minimum: &zero},
				qualifierField(c.Name))
		case TypePercent:
			t.Fields = append(t.Fields,
				Field{Name: c.Name, Type: FieldNumber, Description: c.Description + "; đơn vị: %", Minimum: &zero, Maximum: &hundred},
				qualifierField(c.Name))
		case TypeYear:
			t.Fields = append(t.Fields, Field{Name: c.Name, Type: FieldYear, Description: c.Description, Required: c.Required})
		case TypeDate:
			t.Fields = append(t.Fields, Field{Name: c.Name, Type: FieldDate, Description: c.Description, Required: c.Required})
		default:
			f := Field{Name: c.Name, Type: FieldString, Description: c.Description, Required: c.Required, Enum: c.Enum}
			if c.Name == "unit" {
				f.Description = "mã tỉnh, thành phố (provinces.id) hoặc mã cụm thi đua (clusters.id)"
				t.Fields = append(t.Fields, f, Field{Name: "unit_type", Type: FieldString, Required: true,
					Description: "loại đơn vị: province là tỉnh, thành phố; cluster là cụm thi đua", Enum: []string{"province", "cluster"}})
				continue
			}
			t.Fields = append(t.Fields, f)
		}
	}
	for _, r := range d.rowsOf(s.Name) {
		row := make([]any, 0, len(t.Fields))
		for _, c := range s.Columns {
			v := r.cell(c.Name)
			switch x := v.(type) {
			case Amount:
				row = append(row, setOr(x.Set, x.VND), qual(x.Set, string(x.Qual)))
			case Count:
				row = append(row, setOr(x.Set, x.N), qual(x.Set, string(x.Qual)))
			case Percent:
				row = append(row, setOr(x.Set, x.V), qual(x.Set, string(x.Qual)))
			case Unit:
				kind := "province"
				if x.Cluster != nil {
					kind = "cluster"
				}
				row = append(row, x.ID(), kind)
			case string:
				row = append(row, optString(x))
			case int:
				row = append(row, int64(x))
			default:
				row = append(row, v)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func qualifierField(name string) Field {
	return Field{Name: name + "_qualifier", Type: FieldString,
		Description: "mức chính xác của số ở cột " + name + "; để trống khi là số chính xác",
		Enum:        []string{"hơn", "gần", "khoảng", "trên"}}
}

func setOr[T any](set bool, v T) any {
	if !set {
		return nil
	}
	return v
}

func qual(set bool, q string) any {
	if !set || q == "" {
		return nil
	}
	return q
}

// tableRow gives a published row's cells by column name.
type tableRow struct {
	o      Observation
	values map[string]any
}

func (r tableRow) cell(name string) any {
	switch name {
	case "unit":
		return r.o.Unit
	case "year":
		return r.o.Year
	case "period":
		return r.o.Period
	case "as_of":
		return optDate(r.o.AsOf)
	case "meeting":
		return r.o.Meeting
	case "source":
		return r.o.Source
	case "note":
		return r.o.Note
	}
	if v, ok := r.values[name]; ok {
		return v
	}
	panic(fmt.Sprintf("data: no column %q", name))
}

func (d *Data) rowsOf(table string) []tableRow {
	var out []tableRow
	switch table {
	case "funds":
		for _, r := range d.Funds {
			out = append(out, tableRow{r.Observation, map[string]any{"purpose": r.Purpose, "raised": r.Raised, "disbursed": r.Disbursed}})
		}
	case "scholarships":
		for _, r := range d.Scholarships {
			out = append(out, tableRow{r.Observation, map[string]any{"count": r.Count, "amount": r.Amount}})
		}
	case "members":
		for _, r := range d.Members {
			out = append(out, tableRow{r.Observation, map[string]any{"members": r.Members, "population_ratio": r.Ratio}})
		}
	case "associations":
		for _, r := range d.Associations {
			out = append(out, tableRow{r.Observation, map[string]any{"associations": r.Associations, "chapters": r.Chapters,
				"boards": r.Boards, "learning_centres": r.LearningCentres}})
		}
	case "learning_models":
		for _, r := range d.LearningModels {
			out = append(out, tableRow{r.Observation, map[string]any{"model": r.Model, "achieved": r.Achieved,
				"registered": r.Registered, "rate": r.Rate}})
		}
	}
	return out
}
