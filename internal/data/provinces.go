package data

import (
	"fmt"
	"io/fs"
	"path"
	"slices"

	"github.com/khuyenhoc/khuyenhoc/internal/decode"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// provinceDocs keeps each province's document for reporting problems found
// after every file is loaded.
type located struct {
	doc  *decode.Doc
	path string
}

func (d *Data) loadProvinces(fsys fs.FS, l *diag.List) {
	name := path.Join(Dir, "provinces.toml")
	src, missing := readSource(fsys, name, l)
	if missing {
		d := l.Errorf(diag.Pos{File: name}, "no provinces file")
		d.Hint = "every site needs data/provinces.toml; run khuyenhoc with the sample data to see one"
		return
	}
	if src == nil {
		return
	}
	var f struct {
		Schema   int        `toml:"schema" required:"true"`
		Province []Province `toml:"province"`
	}
	doc, _ := decode.TOML(src, &f, l)
	if !checkSchema(doc, f.Schema, l) {
		return
	}
	d.provinceDoc = doc
	for i := range f.Province {
		p := &f.Province[i]
		kp := fmt.Sprintf("province[%d]", i)
		p.Pos = doc.Pos(kp)
		p.Name = viet.NFC(p.Name)
		checkID(doc, l, kp+".id", p.ID)
		if p.Kind != "" && p.Kind != KindProvince && p.Kind != KindCity {
			e := doc.Errorf(l, kp+".kind", "kind %q is neither %q nor %q", p.Kind, KindProvince, KindCity)
			e.Hint = diag.DidYouMean(p.Kind, []string{KindProvince, KindCity})
		}
		if !p.Since.IsZero() && !p.Until.IsZero() && p.Until.Before(p.Since) {
			doc.Errorf(l, kp+".until", "until %s is before since %s", p.Until, p.Since).Hint = "since is the first day the unit existed, until the last"
		}
		if p.MergedInto != "" && p.Until.IsZero() {
			doc.Errorf(l, kp+".merged_into", "merged_into needs an until date").Hint = "until is the last day the unit existed, e.g. until = 2025-06-30"
		}
		for j, s := range p.Sources {
			d.checkSourceRef(doc, l, fmt.Sprintf("%s.sources[%d]", kp, j), s)
		}
		if p.ID == "" {
			continue
		}
		if prev, dup := d.provinceByID[p.ID]; dup {
			doc.Errorf(l, kp+".id", "duplicate province id %q", p.ID).Hint = "first defined at " + prev.Pos.String() + "; give each province its own id"
			continue
		}
		d.provinceByID[p.ID] = p
		d.Provinces = append(d.Provinces, p)
		d.provinceAt = append(d.provinceAt, located{doc, kp})
	}
}

// linkProvinces resolves merger successors, now that names can be resolved.
func (d *Data) linkProvinces(l *diag.List) {
	for i, p := range d.Provinces {
		if p.MergedInto == "" {
			continue
		}
		at := d.provinceAt[i]
		succ, err := d.Resolve.Province(p.MergedInto)
		if err != nil {
			e := at.doc.Errorf(l, at.path+".merged_into", "%v", err)
			e.Hint = err.Hint
			continue
		}
		if succ == p {
			e := at.doc.Errorf(l, at.path+".merged_into", "%s cannot merge into itself", p.Name)
			e.Hint = "merged_into names the unit it became part of; a unit that kept its name and took in others has no merged_into"
			continue
		}
		if !succ.Lifetime().Contains(p.Until.AddDays(1)) {
			e := at.doc.Errorf(l, at.path+".merged_into", "%s did not exist on %s, the day after %s's until date",
				succ.Name, p.Until.AddDays(1), p.Name)
			e.Hint = fmt.Sprintf("check until here and since/until of %s at %s", succ.Name, succ.Pos)
			continue
		}
		p.Successor = succ
		succ.Predecessors = append(succ.Predecessors, p)
	}
	for _, p := range d.Provinces {
		slices.SortFunc(p.Predecessors, func(a, b *Province) int { return viet.Compare(a.Name, b.Name) })
	}
}

// existsMessage explains when a province existed, for period errors.
func existsMessage(p *Province) string {
	if p.Until.IsZero() {
		return fmt.Sprintf("%s exists from %s", p.Name, p.Since)
	}
	msg := fmt.Sprintf("%s existed until %s", p.Name, p.Until)
	if p.Successor != nil {
		msg += fmt.Sprintf(" and then became part of %s", p.Successor.Name)
	}
	return msg
}
