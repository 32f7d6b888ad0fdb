package data

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/decode"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// Column types, named as in Frictionless Table Schema where one fits.
const (
	TypeString  = "string"
	TypeYear    = "year"
	TypeDate    = "date"
	TypeAmount  = "amount"  // đồng, with an optional qualifier word
	TypeCount   = "count"   // whole number, with an optional qualifier word
	TypePercent = "percent" // 0–100
)

// Column describes one CSV column of a table.
type Column struct {
	Name        string
	Type        string
	Required    bool
	Enum        []string
	Description string
}

// TableSpec describes one CSV table in data/tables/.
type TableSpec struct {
	Name        string // file name without .csv
	Title       string
	Description string
	Columns     []Column
}

// Periods a figure can cover.
var Periods = []string{"cả năm", "6 tháng đầu năm", "từ đầu năm", "lũy kế"}

// LearningModels are the five learning models of Decisions 387 and 677/QĐ-TTg.
var LearningModels = []string{"gia đình học tập", "dòng họ học tập", "cộng đồng học tập", "đơn vị học tập", "công dân học tập"}

// FundPurposes: what money was raised for.
var FundPurposes = []string{"quỹ khuyến học", "hỗ trợ bão lũ"}

var observationColumns = []Column{
	{Name: "unit", Type: TypeString, Required: true, Description: "tỉnh, thành phố hoặc cụm thi đua, ghi bằng mã hoặc tên"},
	{Name: "year", Type: TypeYear, Required: true, Description: "năm của số liệu"},
	{Name: "period", Type: TypeString, Enum: Periods, Description: "số liệu tính cho phần nào của năm; để trống nghĩa là cả năm"},
	{Name: "as_of", Type: TypeDate, Description: "ngày báo cáo số liệu, tức số liệu tính đến ngày này (YYYY-MM-DD)"},
}

var citationColumns = []Column{
	{Name: "meeting", Type: TypeString, Description: "mã hội nghị nơi số liệu được báo cáo (meetings.id)"},
	{Name: "source", Type: TypeString, Required: true, Description: "mã của nguồn trích dẫn trong data/sources.toml (sources.id)"},
	{Name: "note", Type: TypeString, Description: "ghi chú, viết tự do"},
}

func spec(name, title, desc string, cols ...Column) TableSpec {
	all := slices.Concat(observationColumns, cols, citationColumns)
	return TableSpec{Name: name, Title: title, Description: desc, Columns: all}
}

// Tables lists every table khuyenhoc reads from data/tables/.
var Tables = []TableSpec{
	spec("funds", "Quỹ khuyến học", "Quỹ khuyến học các hội vận động được và đã trao, đã chi; cả các khoản vận động hỗ trợ bão lũ.",
		Column{Name: "purpose", Type: TypeString, Enum: FundPurposes, Description: "mục đích của khoản tiền; để trống nghĩa là quỹ khuyến học"},
		Column{Name: "raised", Type: TypeAmount, Description: "số tiền vận động được"},
		Column{Name: "disbursed", Type: TypeAmount, Description: "số tiền đã trao, đã chi"},
	),
	spec("scholarships", "Học bổng và khen thưởng", "Học bổng, phần thưởng đã trao: số suất và giá trị.",
		Column{Name: "count", Type: TypeCount, Description: "số suất học bổng, phần thưởng"},
		Column{Name: "amount", Type: TypeAmount, Description: "tổng giá trị học bổng, phần thưởng"},
	),
	spec("members", "Hội viên", "Số hội viên khuyến học và tỷ lệ hội viên trên dân số.",
		Column{Name: "members", Type: TypeCount, Required: true, Description: "số hội viên"},
		Column{Name: "population_ratio", Type: TypePercent, Description: "tỷ lệ hội viên trên dân số"},
	),
	spec("associations", "Tổ chức hội", "Hội khuyến học cấp xã, chi hội, ban khuyến học và trung tâm học tập cộng đồng.",
		Column{Name: "associations", Type: TypeCount, Description: "số hội khuyến học cấp xã"},
		Column{Name: "chapters", Type: TypeCount, Description: "số chi hội"},
		Column{Name: "boards", Type: TypeCount, Description: "số ban khuyến học"},
		Column{Name: "learning_centres", Type: TypeCount, Description: "số trung tâm học tập cộng đồng"},
	),
	spec("learning_models", "Mô hình học tập", "Kết quả xây dựng các mô hình học tập: số đạt danh hiệu trên số đăng ký, tỷ lệ.",
		Column{Name: "model", Type: TypeString, Required: true, Enum: LearningModels, Description: "mô hình học tập"},
		Column{Name: "achieved", Type: TypeCount, Description: "số đơn vị đạt danh hiệu"},
		Column{Name: "registered", Type: TypeCount, Description: "số đơn vị đăng ký xây dựng mô hình"},
		Column{Name: "rate", Type: TypePercent, Description: "tỷ lệ số đạt danh hiệu trên số đăng ký, theo số liệu được báo cáo"},
	),
}

// TableByName returns the spec of a table.
func TableByName(name string) (TableSpec, bool) {
	i := slices.IndexFunc(Tables, func(t TableSpec) bool { return t.Name == name })
	if i < 0 {
		return TableSpec{}, false
	}
	return Tables[i], true
}

// Observation is what every table row has: what, when, and who says so.
type Observation struct {
	Unit    Unit
	Year    int
	Period  string
	AsOf    civil.Date
	Meeting string
	Source  string
	Note    string
	File    string
	Line    int
}

// RefDate is the day whose boundaries the figure uses: as_of, or the last
// day of its year.
func (o Observation) RefDate() civil.Date {
	if !o.AsOf.IsZero() {
		return o.AsOf
	}
	return civil.Date{Year: o.Year, Month: 12, Day: 31}
}

// PeriodLabel is the period in words: "năm 2024", "6 tháng đầu năm 2022".
func (o Observation) PeriodLabel() string {
	switch o.Period {
	case "", "cả năm":
		return fmt.Sprintf("năm %d", o.Year)
	case "lũy kế":
		if !o.AsOf.IsZero() {
			return "lũy kế đến " + viet.FormatShortDate(o.AsOf.Time())
		}
		return fmt.Sprintf("lũy kế đến năm %d", o.Year)
	case "từ đầu năm":
		if !o.AsOf.IsZero() {
			return fmt.Sprintf("từ đầu năm %d đến %s", o.Year, viet.FormatShortDate(o.AsOf.Time()))
		}
	}
	return fmt.Sprintf("%s %d", o.Period, o.Year)
}

// FundRow is one row of funds.csv.
type FundRow struct {
	Observation
	Purpose   string
	Raised    Amount
	Disbursed Amount
}

// ScholarshipRow is one row of scholarships.csv.
type ScholarshipRow struct {
	Observation
	Count  Count
	Amount Amount
}

// MemberRow is one row of members.csv.
type MemberRow struct {
	Observation
	Members Count
	Ratio   Percent
}

// AssociationRow is one row of associations.csv.
type AssociationRow struct {
	Observation
	Associations, Chapters, Boards, LearningCentres Count
}

// LearningRow is one row of learning_models.csv.
type LearningRow struct {
	Observation
	Model      string
	Achieved   Count
	Registered Count
	Rate       Percent
}

// rowReader reads typed cells of one row, reporting each bad cell.
type rowReader struct {
	t    *decode.Table
	l    *diag.List
	spec TableSpec
	cols map[string]int
	row  decode.Row
}

// checkHeader reports unknown and missing columns and maps names to indexes.
func checkHeader(t *decode.Table, s TableSpec, l *diag.List) (map[string]int, bool) {
	cols := map[string]int{}
	known := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		known[i] = c.Name
	}
	ok := true
	for i, h := range t.Header {
		name := strings.ToLower(h.Text)
		if !slices.Contains(known, name) {
			d := t.Errorf(l, h, "unknown column %q in %s table", h.Text, s.Name)
			d.Hint = diag.DidYouMean(name, known)
			if d.Hint == "" {
				d.Hint = "columns of " + s.Name + ".csv: " + strings.Join(known, ", ")
			}
			ok = false
			continue
		}
		if _, dup := cols[name]; dup {
			t.Errorf(l, h, "column %q appears twice", h.Text).Hint = "delete or rename one of the two columns"
			ok = false
			continue
		}
		cols[name] = i
	}
	for _, c := range s.Columns {
		if _, has := cols[c.Name]; c.Required && !has {
			d := l.Errorf(t.Src.At(t.Header[0].Line, 1), "missing required column %q", c.Name)
			d.Source = t.Src.Line(t.Header[0].Line)
			d.Hint = "add a column named " + c.Name + " to the header row"
			ok = false
		}
	}
	return cols, ok
}

func (r *rowReader) cell(name string) (decode.Cell, bool) {
	i, ok := r.cols[name]
	if !ok {
		return decode.Cell{Line: r.row.Line, Col: 1}, false
	}
	c := r.row.Cells[i]
	c.Text = strings.TrimSpace(c.Text)
	return c, true
}

// empty reports whether the row leaves the column empty (or lacks it).
func (r *rowReader) empty(name string) bool {
	c, _ := r.cell(name)
	return c.Text == ""
}

func (r *rowReader) column(name string) Column {
	i := slices.IndexFunc(r.spec.Columns, func(c Column) bool { return c.Name == name })
	return r.spec.Columns[i]
}

func (r *rowReader) text(name string) string {
	c, _ := r.cell(name)
	col := r.column(name)
	if c.Text == "" {
		if col.Required {
			d := r.t.Errorf(r.l, c, "%s is empty; it is required", name)
			d.Hint = col.Description
		}
		return ""
	}
	if len(col.Enum) > 0 {
		return r.enum(c, col)
	}
	return viet.NFC(c.Text)
}

// enum matches a cell against allowed values in any spelling.
func (r *rowReader) enum(c decode.Cell, col Column) string {
	for _, e := range col.Enum {
		if viet.Fold(e) == viet.Fold(c.Text) {
			return e
		}
	}
	d := r.t.Errorf(r.l, c, "%s %q is not one of: %s", col.Name, c.Text, strings.Join(col.Enum, ", "))
	d.Hint = diag.DidYouMean(c.Text, col.Enum)
	if d.Hint == "" {
		d.Hint = col.Name + ": " + col.Description
	}
	return ""
}

func (r *rowReader) year(name string) int {
	c, _ := r.cell(name)
	if c.Text == "" {
		r.t.Errorf(r.l, c, "%s is empty; it is required", name).Hint = "write the year as four digits, e.g. 2024"
		return 0
	}
	y, err := strconv.Atoi(c.Text)
	if err != nil || y < 1990 || y > 2100 {
		r.t.Errorf(r.l, c, "%s %q is not a year", name, c.Text).Hint = "write the year as four digits, e.g. 2024"
		return 0
	}
	return y
}

func (r *rowReader) date(name string) civil.Date {
	c, _ := r.cell(name)
	if c.Text == "" {
		return civil.Date{}
	}
	d, err := civil.Parse(c.Text)
	if err != nil {
		e := r.t.Errorf(r.l, c, "%s: %v", name, err)
		e.Hint = civil.ErrFormat.Error()
		if g, ok := civil.Guess(c.Text); ok {
			e.Hint = fmt.Sprintf("write %s (year-month-day)", g)
		}
	}
	return d
}

func (r *rowReader) amount(name string) Amount {
	c, _ := r.cell(name)
	a, err := ParseAmount(c.Text)
	if err != nil {
		r.t.Errorf(r.l, c, "%s: %v", name, err).Hint = "amounts are whole đồng: 1.290.040.892, or with a unit: 95,5 tỷ, hơn 450 tỷ, 107 tỷ 773 triệu"
	}
	return a
}

func (r *rowReader) count(name string) Count {
	c, _ := r.cell(name)
	n, err := ParseCount(c.Text)
	if err != nil {
		r.t.Errorf(r.l, c, "%s: %v", name, err).Hint = "counts are whole numbers: 3.007.923 or 3007923"
	} else if !n.Set && r.column(name).Required {
		r.t.Errorf(r.l, c, "%s is empty; it is required", name).Hint = r.column(name).Description + "; write the figure, or delete the row"
	}
	return n
}

func (r *rowReader) percent(name string) Percent {
	c, _ := r.cell(name)
	p, err := ParsePercent(c.Text)
	if err != nil {
		r.t.Errorf(r.l, c, "%s: %v", name, err).Hint = "percentages are 0–100, decimal comma: 29,14"
	}
	return p
}

func (r *rowReader) observation(res *Resolver) Observation {
	o := Observation{File: r.t.Src.Name, Line: r.row.Line}
	if c, _ := r.cell("unit"); c.Text == "" {
		r.t.Errorf(r.l, c, "unit is empty; it is required").Hint = "name the province or cluster, e.g. Bắc Ninh"
	} else if u, err := res.Unit(c.Text); err != nil {
		d := r.t.Errorf(r.l, c, "%v", err)
		d.Hint = err.Hint
	} else {
		o.Unit = u
	}
	o.Year = r.year("year")
	o.Period = r.text("period")
	o.AsOf = r.date("as_of")
	o.Meeting = r.text("meeting")
	o.Source = r.text("source")
	o.Note = r.text("note")
	if !o.AsOf.IsZero() && o.Year != 0 && o.AsOf.Year < o.Year {
		c, _ := r.cell("as_of")
		r.t.Errorf(r.l, c, "as_of %s is before the year %d it reports on", o.AsOf, o.Year).Hint = "as_of is the day the figure was reported, in or after its year; check both"
	}
	if (o.Period == "từ đầu năm" || o.Period == "lũy kế") && r.empty("as_of") {
		c, _ := r.cell("period")
		r.t.Errorf(r.l, c, "period %q needs an as_of date", o.Period).Hint = "add the date the figure was reported, e.g. as_of = 2022-08-18"
	}
	return o
}
