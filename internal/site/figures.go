package site

import (
	"github.com/khuyenhoc/khuyenhoc/internal/data"
)

// figure is one reported number: a single cell of a table row, with the
// row's unit, period and source.
type figure struct {
	data.Observation
	Table  string
	Label  string
	Value  string
	Amount data.Amount // set for money, for charts
}

// allFigures flattens every table row into the figures it reports, in
// table order and file order.
func allFigures(d *data.Data) []figure {
	var out []figure
	add := func(o data.Observation, table, label, value string, amt data.Amount) {
		if value != "" {
			out = append(out, figure{Observation: o, Table: table, Label: label, Value: value, Amount: amt})
		}
	}
	for _, r := range d.Funds {
		raised, given := "Quỹ khuyến học vận động được", "Quỹ khuyến học đã trao, đã chi"
		if r.Purpose != data.FundPurposes[0] {
			raised, given = "Vận động "+r.Purpose, "Đã chi "+r.Purpose
		}
		add(r.Observation, "funds", raised, r.Raised.String(), r.Raised)
		add(r.Observation, "funds", given, r.Disbursed.String(), r.Disbursed)
	}
	for _, r := range d.Scholarships {
		add(r.Observation, "scholarships", "Học bổng, phần thưởng (suất)", r.Count.String(), data.Amount{})
		add(r.Observation, "scholarships", "Giá trị học bổng, phần thưởng", r.Amount.String(), r.Amount)
	}
	for _, r := range d.Members {
		add(r.Observation, "members", "Hội viên", r.Members.String(), data.Amount{})
		add(r.Observation, "members", "Tỷ lệ hội viên trên dân số", r.Ratio.String(), data.Amount{})
	}
	for _, r := range d.Associations {
		add(r.Observation, "associations", "Hội khuyến học cấp xã", r.Associations.String(), data.Amount{})
		add(r.Observation, "associations", "Chi hội khuyến học", r.Chapters.String(), data.Amount{})
		add(r.Observation, "associations", "Ban khuyến học", r.Boards.String(), data.Amount{})
		add(r.Observation, "associations", "Trung tâm học tập cộng đồng", r.LearningCentres.String(), data.Amount{})
	}
	for _, r := range d.LearningModels {
		v := r.Rate.String()
		if r.Achieved.Set && r.Registered.Set {
			v = r.Achieved.String() + "/" + r.Registered.String()
			if r.Rate.Set {
				v += " (" + r.Rate.String() + ")"
			}
		}
		add(r.Observation, "learning_models", "Mô hình "+r.Model+" đạt danh hiệu", v, data.Amount{})
	}
	return out
}
