package data

import (
	"fmt"
	"io/fs"
	"path"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/decode"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

func (d *Data) loadClusters(fsys fs.FS, l *diag.List) {
	name := path.Join(Dir, "clusters.toml")
	src, _ := readSource(fsys, name, l)
	if src == nil {
		return
	}
	var f struct {
		Schema  int       `toml:"schema" required:"true"`
		Cluster []Cluster `toml:"cluster"`
	}
	doc, _ := decode.TOML(src, &f, l)
	if !checkSchema(doc, f.Schema, l) {
		return
	}
	for i := range f.Cluster {
		c := &f.Cluster[i]
		kp := fmt.Sprintf("cluster[%d]", i)
		c.Pos = doc.Pos(kp)
		c.Name, c.ShortName = viet.NFC(c.Name), viet.NFC(c.ShortName)
		checkID(doc, l, kp+".id", c.ID)
		if c.Level != "" && c.Level != LevelNational && c.Level != LevelProvincial {
			e := doc.Errorf(l, kp+".level", "level %q is neither %q (a cluster of provinces) nor %q (a cluster of districts in one province)",
				c.Level, LevelNational, LevelProvincial)
			e.Hint = diag.DidYouMean(c.Level, []string{LevelNational, LevelProvincial})
		}
		for j := range c.Members {
			c.Members[j].Pos = doc.Pos(fmt.Sprintf("%s.member[%d]", kp, j))
		}
		for j := range c.Leaders {
			c.Leaders[j].Pos = doc.Pos(fmt.Sprintf("%s.leader[%d]", kp, j))
		}
		if c.ID == "" {
			continue
		}
		if prev, dup := d.clusterByID[c.ID]; dup {
			doc.Errorf(l, kp+".id", "duplicate cluster id %q", c.ID).Hint = "first defined at " + prev.Pos.String() + "; give each cluster its own id"
			continue
		}
		d.clusterByID[c.ID] = c
		d.Clusters = append(d.Clusters, c)
		d.clusterAt = append(d.clusterAt, located{doc, kp})
	}
}

// checkClusters resolves and checks members and leaders against the time
// model: a province can only belong to a cluster while it exists, and a
// member's periods in one cluster must not overlap.
func (d *Data) checkClusters(l *diag.List) {
	for i, c := range d.Clusters {
		at := d.clusterAt[i]
		if c.Level == LevelProvincial {
			if c.Province == "" {
				e := at.doc.Errorf(l, at.path, "a cluster of level %q needs province = the province it lies in", LevelProvincial)
				e.Hint = fmt.Sprintf("add province = \"…\", or write level = %q if its members are provinces", LevelNational)
			} else if p, err := d.Resolve.Province(c.Province); err != nil {
				at.doc.Errorf(l, at.path+".province", "%v", err).Hint = err.Hint
			} else {
				c.InProvince = p
			}
		}
		for j, s := range c.Sources {
			d.checkSourceRef(at.doc, l, fmt.Sprintf("%s.sources[%d]", at.path, j), s)
		}
		for j := range c.Members {
			m := &c.Members[j]
			kp := fmt.Sprintf("%s.member[%d]", at.path, j)
			m.Resolved = d.checkUnitRef(at.doc, l, kp, c, m.Province, m.Unit, m.Period())
			d.checkSourceRef(at.doc, l, kp+".source", m.Source)
		}
		for j := range c.Leaders {
			ld := &c.Leaders[j]
			kp := fmt.Sprintf("%s.leader[%d]", at.path, j)
			ld.Resolved = d.checkUnitRef(at.doc, l, kp, c, ld.Province, ld.Unit, ld.Period())
			d.checkSourceRef(at.doc, l, kp+".source", ld.Source)
		}
		d.checkOverlaps(at, c, l)
	}
}

// checkUnitRef checks a member or leader entry: one of province and unit,
// a province that exists throughout the period, a period that is ordered.
func (d *Data) checkUnitRef(doc *decode.Doc, l *diag.List, kp string, c *Cluster, province, unit string, period civil.Period) *Province {
	if !period.From.IsZero() && !period.To.IsZero() && period.To.Before(period.From) {
		doc.Errorf(l, kp+".to", "to %s is before from %s", period.To, period.From).Hint = "from is the first day of the entry and to the last; are they swapped?"
	}
	switch {
	case province != "" && unit != "":
		e := doc.Errorf(l, kp, "give either province or unit, not both")
		if c.Level == LevelProvincial {
			e.Hint = "this cluster lies in one province: its entries name district-level associations with unit = \"…\""
		} else {
			e.Hint = "this cluster is a cluster of provinces: its entries name provinces with province = \"…\""
		}
		return nil
	case province == "" && unit == "":
		doc.Errorf(l, kp, "missing province (or unit, for a district-level association)").Hint = `add province = "…"`
		return nil
	case unit != "":
		if c.Level == LevelNational {
			doc.Errorf(l, kp+".unit", "a cluster of provinces lists provinces, not units").Hint = `write province = "…"`
		}
		return nil
	}
	p, err := d.Resolve.Province(province)
	if err != nil {
		doc.Errorf(l, kp+".province", "%v", err).Hint = err.Hint
		return nil
	}
	life := p.Lifetime()
	after := !p.Until.IsZero() && (period.To.IsZero() || period.To.After(p.Until))
	before := !p.Since.IsZero() && (period.From.IsZero() || period.From.Before(p.Since))
	if after || before {
		e := doc.Errorf(l, kp+".province", "%s is listed for %s but %s", p.Name, periodWords(period), existsMessage(p))
		switch {
		case after:
			e.Hint = fmt.Sprintf("end this entry with to = %s", life.To)
			if p.Successor != nil {
				e.Hint += fmt.Sprintf(", and list %s from %s if it belongs to the cluster", p.Successor.Name, life.To.AddDays(1))
			}
		default:
			e.Hint = fmt.Sprintf("start this entry with from = %s", life.From)
		}
	}
	return p
}

func periodWords(p civil.Period) string {
	switch {
	case p.From.IsZero() && p.To.IsZero():
		return "all time"
	case p.To.IsZero():
		return "from " + p.From.String() + " on"
	case p.From.IsZero():
		return "until " + p.To.String()
	}
	return p.From.String() + " to " + p.To.String()
}

func (d *Data) checkOverlaps(at located, c *Cluster, l *diag.List) {
	for j := range c.Members {
		for k := range j {
			a, b := c.Members[k], c.Members[j]
			if memberKey(a) == "" || memberKey(a) != memberKey(b) || !a.Period().Overlaps(b.Period()) {
				continue
			}
			e := at.doc.Errorf(l, fmt.Sprintf("%s.member[%d]", at.path, j), "%s is listed twice in %s for overlapping periods", memberName(b), c.Label())
			e.Hint = "the other entry is at " + a.Pos.String() + "; make the periods follow each other"
		}
	}
	for j := range c.Leaders {
		for k := range j {
			a, b := c.Leaders[k], c.Leaders[j]
			if a.Period().Overlaps(b.Period()) {
				e := at.doc.Errorf(l, fmt.Sprintf("%s.leader[%d]", at.path, j), "two leaders of %s for overlapping terms", c.Label())
				e.Hint = "the other term is at " + a.Pos.String()
			}
		}
	}
}

func memberKey(m Membership) string {
	if m.Resolved != nil {
		return "p:" + m.Resolved.ID
	}
	if m.Unit != "" {
		return "u:" + viet.NameKey(m.Unit)
	}
	return ""
}

func memberName(m Membership) string {
	if m.Resolved != nil {
		return m.Resolved.Name
	}
	return m.Unit
}
