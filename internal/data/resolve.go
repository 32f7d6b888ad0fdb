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
	// Every spelling and id, for "did you mean" hints.
	provinceSpellings, provinceIDs []string
	clusterSpellings, clusterIDs   []string
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
		r.provinceSpellings = append(r.provinceSpellings, p.Name)
		r.provinceSpellings = append(r.provinceSpellings, p.Aliases...)
		r.provinceIDs = append(r.provinceIDs, p.ID)
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
		r.clusterSpellings = append(r.clusterSpellings, names...)
		r.clusterIDs = append(r.clusterIDs, c.ID)
	}
	return r
}

// Province resolves a reference. On failure it returns an error whose hint
// suggests the closest known name.
func (r *Resolver) Province(ref string) (*Province, *RefError) {
	if p := r.lookupProvince(ref); p != nil {
		return p, nil
	}
	return nil, &RefError{Kind: "province", Ref: ref, Hint: suggest(ref, r.provinceSpellings, r.provinceIDs, "data/provinces.toml")}
}

// Cluster resolves a cluster reference.
func (r *Resolver) Cluster(ref string) (*Cluster, *RefError) {
	if c := r.lookupCluster(ref); c != nil {
		return c, nil
	}
	return nil, &RefError{Kind: "cluster", Ref: ref, Hint: suggest(ref, r.clusterSpellings, r.clusterIDs, "data/clusters.toml")}
}

// Unit resolves a reference that may name a province or a cluster.
func (r *Resolver) Unit(ref string) (Unit, *RefError) {
	if p := r.lookupProvince(ref); p != nil {
		return Unit{Province: p}, nil
	}
	if c := r.lookupCluster(ref); c != nil {
		return Unit{Cluster: c}, nil
	}
	names := slices.Concat(r.provinceSpellings, r.clusterSpellings)
	ids := slices.Concat(r.provinceIDs, r.clusterIDs)
	return Unit{}, &RefError{Kind: "province or cluster", Ref: ref, Hint: suggest(ref, names, ids, "data/provinces.toml or data/clusters.toml")}
}

// lookupProvince finds a province by id or spelling, or returns nil.
// Failing is cheap: the "did you mean" hint is made only for an error.
func (r *Resolver) lookupProvince(ref string) *Province {
	if p, ok := r.provinces[ref]; ok {
		return p
	}
	k := viet.NameKey(ref)
	if p, ok := r.provinces[k]; ok {
		return p
	}
	if ps := r.looseProvinces[viet.Fold(k)]; len(ps) == 1 {
		return ps[0]
	}
	return nil
}

// lookupCluster is lookupProvince for clusters.
func (r *Resolver) lookupCluster(ref string) *Cluster {
	if c, ok := r.clusters[ref]; ok {
		return c
	}
	k := viet.NameKey(ref)
	if c, ok := r.clusters[k]; ok {
		return c
	}
	if cs := r.looseClusters[viet.Fold(k)]; len(cs) == 1 {
		return cs[0]
	}
	return nil
}

// suggest names the spelling or id closest to ref, comparing without case
// or diacritics. A ref written like an id ("thai-binhh") is answered with an
// id, a name with a name.
func suggest(ref string, names, ids []string, file string) string {
	candidates := slices.Concat(names, ids)
	if idPattern.MatchString(ref) {
		candidates = slices.Concat(ids, names)
	}
	folded := make([]string, len(candidates))
	for i, n := range candidates {
		folded[i] = viet.Fold(viet.NameKey(n))
	}
	if c := diag.Closest(viet.Fold(viet.NameKey(ref)), folded); c != "" {
		return fmt.Sprintf("did you mean %q?", candidates[slices.Index(folded, c)])
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
