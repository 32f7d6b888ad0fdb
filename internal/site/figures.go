package site

import (
	"github.com/khuyenhoc/khuyenhoc/internal/data"
	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// figure is one reported number: a single cell of a table row, with the
// row's unit, period and source.
type figure struct {
	data.Observation
	Table string // "funds"
	Field string // "raised"
	Sub   string // the purpose of a fund, the model of a learning-model rate
	Label string // "Quỹ khuyến học vận động được"
	Value string // as shown: "hơn 450 tỷ đồng"
	// N is the number itself (đồng, people, percent), Q its qualifier.
	N      float64
	Q      viet.Qualifier
	Amount data.Amount // set for money
}

// allFigures flattens every table row into the figures it reports, in
// table order and file order.
func allFigures(d *data.Data) []figure {
	var out []figure
	amount := func(o data.Observation, table, field, label string, a data.Amount) {
		if a.Set {
			out = append(out, figure{Observation: o, Table: table, Field: field, Label: label, Value: a.String(),
				N: float64(a.VND), Q: a.Qual, Amount: a})
		}
	}
	count := func(o data.Observation, table, field, label string, c data.Count) {
		if c.Set {
			out = append(out, figure{Observation: o, Table: table, Field: field, Label: label, Value: c.String(), N: float64(c.N), Q: c.Qual})
		}
	}
	percent := func(o data.Observation, table, field, label string, p data.Percent) {
		if p.Set {
			out = append(out, figure{Observation: o, Table: table, Field: field, Label: label, Value: p.String(), N: p.V, Q: p.Qual})
		}
	}
	for _, r := range d.Funds {
		raised, given := "Quỹ khuyến học vận động được", "Quỹ khuyến học đã trao, đã chi"
		if r.Purpose != data.FundPurposes[0] {
			raised, given = "Vận động "+r.Purpose, "Đã chi "+r.Purpose
		}
		n := len(out)
		amount(r.Observation, "funds", "raised", raised, r.Raised)
		amount(r.Observation, "funds", "disbursed", given, r.Disbursed)
		for i := n; i < len(out); i++ {
			out[i].Sub = r.Purpose
		}
	}
	for _, r := range d.Scholarships {
		count(r.Observation, "scholarships", "count", "Học bổng, phần thưởng (suất)", r.Count)
		amount(r.Observation, "scholarships", "amount", "Giá trị học bổng, phần thưởng", r.Amount)
	}
	for _, r := range d.Members {
		count(r.Observation, "members", "members", "Hội viên", r.Members)
		percent(r.Observation, "members", "population_ratio", "Tỷ lệ hội viên trên dân số", r.Ratio)
	}
	for _, r := range d.Associations {
		count(r.Observation, "associations", "associations", "Hội khuyến học cấp xã", r.Associations)
		count(r.Observation, "associations", "chapters", "Chi hội khuyến học", r.Chapters)
		count(r.Observation, "associations", "boards", "Ban khuyến học", r.Boards)
		count(r.Observation, "associations", "learning_centres", "Trung tâm học tập cộng đồng", r.LearningCentres)
	}
	for _, r := range d.LearningModels {
		label := "Mô hình " + r.Model + " đạt danh hiệu"
		if r.Achieved.Set && r.Registered.Set {
			v := r.Achieved.String() + "/" + r.Registered.String()
			if r.Rate.Set {
				v += " (" + r.Rate.String() + ")"
			}
			out = append(out, figure{Observation: r.Observation, Table: "learning_models", Field: "rate", Sub: r.Model, Label: label, Value: v,
				N: r.Rate.V, Q: r.Rate.Qual})
			if !r.Rate.Set {
				out[len(out)-1].Field = "achieved"
			}
			continue
		}
		if r.Rate.Set {
			percent(r.Observation, "learning_models", "rate", label, r.Rate)
			out[len(out)-1].Sub = r.Model
		}
	}
	return out
}

// isFund reports a figure of money raised for the study-promotion fund.
func isFund(f figure) bool {
	return f.Table == "funds" && f.Field == "raised" && f.Sub == data.FundPurposes[0]
}
