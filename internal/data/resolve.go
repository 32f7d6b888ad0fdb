package data

import (
	"fmt"
	"slices"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// Resolver finds provinces and clusters by id or by any spelling of their
// names: NFC or NFD, old or new tone placement ("Hoà"/"Hòa"), any case,
// with or without "tỉnh", "TP.", "thành phố".
type Resolver struct {
	provinces map[string]*Province
	clusters  map[string]*Cluster
	// Loose keys (no diacritics) resolve only when they are unambiguous:
	// "Ha Nam" must not silently become "Hà Nam" if "Hà Năm" also existed.
	looseProvinces map[string][]*Province
	looseClusters  map[string][]*Cluster
	provinceNames  []string
	clusterNames   []string
}

func newResolver(provinces []*Province, clusters []*Cluster) *Resolver {
	r := &Resolver{
		provinces:      map[string]*Province{},
		clusters:       map[string]*Cluster{},
		looseProvinces: map[string][]*Province{},
		looseClusters:  map[string][]*Cluster{},
	}
	for _, p := range provinces {
		r.provinces[p.ID] = p
		for _, name := range append([]string{p.Name}, p.Aliases...) {
			k := viet.NameKey(name)
			r.provinces[k] = p
			lk := viet.Fold(k)
			if !slices.Contains(r.looseProvinces[lk], p) {
				r.looseProvinces[lk] = append(r.looseProvinces[lk], p)
			}
		}
		r.provinceNames = append(r.provinceNames, p.Name)
	}
	for _, c := range clusters {
		r.clusters[c.ID] = c
		names := append([]string{c.Name}, c.Aliases...)
		if c.ShortName != "" {
			names = append(names, c.ShortName)
		}
		for _, name := range names {
			k := viet.NameKey(name)
			r.clusters[k] = c
			lk := viet.Fold(k)
			if !slices.Contains(r.looseClusters[lk], c) {
				r.looseClusters[lk] = append(r.looseClusters[lk], c)
			}
		}
		r.clusterNames = append(r.clusterNames, c.Label())
	}
	return r
}

// Province resolves a reference. On failure it returns an error whose hint
// suggests the closest known name.
func (r *Resolver) Province(ref string) (*Province, *RefError) {
	if p, ok := r.provinces[ref]; ok {
		return p, nil
	}
	k := viet.NameKey(ref)
	if p, ok := r.provinces[k]; ok {
		return p, nil
	}
	if ps := r.looseProvinces[viet.Fold(k)]; len(ps) == 1 {
		return ps[0], nil
	}
	return nil, &RefError{Kind: "province", Ref: ref, Hint: suggest(ref, r.provinceNames, "data/provinces.toml")}
}

// Cluster resolves a cluster reference.
func (r *Resolver) Cluster(ref string) (*Cluster, *RefError) {
	if c, ok := r.clusters[ref]; ok {
		return c, nil
	}
	k := viet.NameKey(ref)
	if c, ok := r.clusters[k]; ok {
		return c, nil
	}
	if cs := r.looseClusters[viet.Fold(k)]; len(cs) == 1 {
		return cs[0], nil
	}
	return nil, &RefError{Kind: "cluster", Ref: ref, Hint: suggest(ref, r.clusterNames, "data/clusters.toml")}
}

// Unit resolves a reference that may name a province or a cluster.
func (r *Resolver) Unit(ref string) (Unit, *RefError) {
	if p, err := r.Province(ref); err == nil {
		return Unit{Province: p}, nil
	}
	if c, err := r.Cluster(ref); err == nil {
		return Unit{Cluster: c}, nil
	}
	all := append(slices.Clone(r.provinceNames), r.clusterNames...)
	return Unit{}, &RefError{Kind: "province or cluster", Ref: ref, Hint: suggest(ref, all, "data/provinces.toml or data/clusters.toml")}
}

func suggest(ref string, names []string, file string) string {
	folded := make([]string, len(names))
	for i, n := range names {
		folded[i] = viet.Fold(viet.NameKey(n))
	}
	if c := diag.Closest(viet.Fold(viet.NameKey(ref)), folded); c != "" {
		return fmt.Sprintf("did you mean %q?", names[slices.Index(folded, c)])
	}
	return "names and ids are listed in " + file
}

// RefError is a reference to something that does not exist.
type RefError struct {
	Kind, Ref, Hint string
}

func (e *RefError) Error() string { return fmt.Sprintf("unknown %s %q", e.Kind, e.Ref) }

// Report adds the error to l at pos.
func (e *RefError) Report(src *diag.Source, l *diag.List, pos diag.Pos) {
	d := src.Errorf(l, pos, "%s", e.Error())
	d.Hint = e.Hint
}

// Unit is what a table row is about: a province or a whole cluster.
type Unit struct {
	Province *Province
	Cluster  *Cluster
}

// ID returns the unit's id.
func (u Unit) ID() string {
	if u.Province != nil {
		return u.Province.ID
	}
	if u.Cluster != nil {
		return u.Cluster.ID
	}
	return ""
}

// Name returns the unit's display name.
func (u Unit) Name() string {
	if u.Province != nil {
		return u.Province.Name
	}
	if u.Cluster != nil {
		return u.Cluster.Label()
	}
	return ""
}
