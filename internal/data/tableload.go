package data

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/decode"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// TablesDir holds the CSV tables.
var TablesDir = path.Join(Dir, "tables")

func (d *Data) loadTables(fsys fs.FS, l *diag.List) {
	entries, err := fs.ReadDir(fsys, TablesDir)
	if err != nil {
		return
	}
	names := make([]string, len(Tables))
	for i, t := range Tables {
		names[i] = t.Name + ".csv"
	}
	present := map[string]bool{}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		name := path.Join(TablesDir, e.Name())
		spec, ok := TableByName(strings.TrimSuffix(e.Name(), ".csv"))
		if !ok || path.Ext(e.Name()) != ".csv" {
			x := l.Errorf(diag.Pos{File: name}, "khuyenhoc has no table named %s", e.Name())
			x.Hint = diag.DidYouMean(e.Name(), names)
			if x.Hint == "" {
				x.Hint = "tables are: " + strings.Join(names, ", ")
			}
			continue
		}
		present[spec.Name] = true
		src := readListed(fsys, name, l)
		if src == nil {
			continue
		}
		t, _ := decode.CSV(src, l)
		if t.Header == nil || t.Truncated {
			continue
		}
		if !d.checkTableSchema(t, l) {
			continue
		}
		cols, ok := checkHeader(t, spec, l)
		if !ok {
			continue
		}
		d.Datasets = append(d.Datasets, Dataset{Spec: spec, Path: name, Raw: src.Data, Rows: len(t.Rows)})
		d.readRows(t, spec, cols, l)
	}
	slices.SortFunc(d.Datasets, func(a, b Dataset) int {
		return slices.IndexFunc(Tables, func(t TableSpec) bool { return t.Name == a.Spec.Name }) -
			slices.IndexFunc(Tables, func(t TableSpec) bool { return t.Name == b.Spec.Name })
	})
}

func (d *Data) checkTableSchema(t *decode.Table, l *diag.List) bool {
	switch {
	case t.Schema == 0:
		e := l.Errorf(diag.Pos{File: t.Src.Name, Line: 1, Col: 1}, "CSV file does not state its schema version")
		e.Source = t.Src.Line(1)
		e.Hint = fmt.Sprintf("make the first row \"# schema: %d\" (in a spreadsheet: type it into cell A1)", SchemaVersion)
		return false
	case t.Schema > SchemaVersion:
		e := l.Errorf(t.Src.At(t.SchemaLine, 1), "schema %d is newer than this khuyenhoc understands (%d)", t.Schema, SchemaVersion)
		e.Source = t.Src.Line(t.SchemaLine)
		e.Hint = "update khuyenhoc"
		return false
	}
	return true
}

// rowKey identifies what a row is about, to catch the same figure twice.
func rowKey(o Observation, extra string) string {
	period := o.Period
	if period == "" {
		period = Periods[0] // empty means cả năm
	}
	return fmt.Sprintf("%s|%d|%s|%s|%s", o.Unit.ID(), o.Year, period, o.AsOf, extra)
}

func (d *Data) readRows(t *decode.Table, spec TableSpec, cols map[string]int, l *diag.List) {
	seen := map[string]int{}
	for _, row := range t.Rows {
		r := &rowReader{t: t, l: l, spec: spec, cols: cols, row: row}
		before, _ := l.Count()
		o := r.observation(d.Resolve)
		var extra string
		var add func()
		switch spec.Name {
		case "funds":
			f := FundRow{Observation: o, Purpose: r.text("purpose"), Raised: r.amount("raised"), Disbursed: r.amount("disbursed")}
			if f.Purpose == "" {
				f.Purpose = FundPurposes[0]
			}
			extra = f.Purpose
			if r.empty("raised") && r.empty("disbursed") {
				e := r.t.Errorf(l, row.Cells[0], "row gives neither raised nor disbursed")
				e.Hint = "fill in raised, disbursed or both, or delete the row"
			}
			add = func() { d.Funds = append(d.Funds, f) }
		case "scholarships":
			s := ScholarshipRow{Observation: o, Count: r.count("count"), Amount: r.amount("amount")}
			add = func() { d.Scholarships = append(d.Scholarships, s) }
		case "members":
			m := MemberRow{Observation: o, Members: r.count("members"), Ratio: r.percent("population_ratio")}
			add = func() { d.Members = append(d.Members, m) }
		case "associations":
			a := AssociationRow{Observation: o, Associations: r.count("associations"), Chapters: r.count("chapters"),
				Boards: r.count("boards"), LearningCentres: r.count("learning_centres")}
			add = func() { d.Associations = append(d.Associations, a) }
		case "learning_models":
			m := LearningRow{Observation: o, Model: r.text("model"), Achieved: r.count("achieved"), Registered: r.count("registered"), Rate: r.percent("rate")}
			extra = m.Model
			if m.Achieved.Set && m.Registered.Set && m.Achieved.N > m.Registered.N {
				c, _ := r.cell("achieved")
				e := r.t.Errorf(l, c, "achieved (%d) is more than registered (%d)", m.Achieved.N, m.Registered.N)
				e.Hint = "achieved counts the registered units that earned the title; are the two columns swapped?"
			}
			add = func() { d.LearningModels = append(d.LearningModels, m) }
		}
		d.checkObservation(r, o, l)
		if after, _ := l.Count(); after > before {
			continue // a row with errors is not published
		}
		k := rowKey(o, extra)
		if first, dup := seen[k]; dup {
			r.t.Errorf(l, row.Cells[0], "the same figure is given twice").Hint = fmt.Sprintf("line %d has the same unit, year, period and as_of", first)
			continue
		}
		seen[k] = row.Line
		add()
	}
}

// checkObservation checks a row against the time model and the other files:
// a province row must fall within the province's lifetime, and its meeting
// and source must exist.
func (d *Data) checkObservation(r *rowReader, o Observation, l *diag.List) {
	if p := o.Unit.Province; p != nil && o.Year != 0 {
		ref := o.RefDate()
		if !p.Lifetime().Contains(ref) {
			c, _ := r.cell("unit")
			e := r.t.Errorf(l, c, "%s has figures for %s but %s", p.Name, ref, existsMessage(p))
			switch {
			case p.Successor != nil && ref.After(p.Until):
				e.Hint = fmt.Sprintf("report figures after %s under %s, or set as_of to a date before the merger", p.Until, p.Successor.Name)
			default:
				e.Hint = "check the year, or set as_of to the date the figure was reported"
			}
		}
	}
	if o.Meeting != "" && d.meetingByID[o.Meeting] == nil {
		c, _ := r.cell("meeting")
		ids := make([]string, 0, len(d.Meetings))
		for _, m := range d.Meetings {
			ids = append(ids, m.ID)
		}
		e := r.t.Errorf(l, c, "unknown meeting %q", o.Meeting)
		e.Hint = diag.DidYouMean(o.Meeting, ids)
	}
	if o.Source != "" && d.sourceByID[o.Source] == nil {
		c, _ := r.cell("source")
		ids := make([]string, 0, len(d.Sources))
		for _, s := range d.Sources {
			ids = append(ids, s.ID)
		}
		e := r.t.Errorf(l, c, "unknown source %q", o.Source)
		e.Hint = diag.DidYouMean(o.Source, ids)
		if e.Hint == "" {
			e.Hint = "add it to data/sources.toml"
		}
	}
}
