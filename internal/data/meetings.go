package data

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/khuyenhoc/khuyenhoc/internal/decode"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// MeetingsDir holds one TOML file per meeting.
var MeetingsDir = path.Join(Dir, "meetings")

func (d *Data) loadMeetings(fsys fs.FS, l *diag.List) {
	entries, err := fs.ReadDir(fsys, MeetingsDir)
	if err != nil {
		return
	}
	type loaded struct {
		m   *Meeting
		doc *decode.Doc
	}
	// The files are read and decoded on every CPU (a large site has
	// thousands), each into a list of its own; the lists are merged in
	// file order, so the report is the same whatever the scheduling.
	found := make([]*loaded, len(entries))
	lists := make([]diag.List, len(entries))
	eachFile(len(entries), func(i int) {
		e, l := entries[i], &lists[i]
		name := path.Join(MeetingsDir, e.Name())
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			return
		}
		if path.Ext(name) != ".toml" {
			l.Errorf(diag.Pos{File: name}, "meeting files end in .toml").Hint = "rename it, or move it out of data/meetings/"
			return
		}
		src := readListed(fsys, name, l)
		if src == nil {
			return
		}
		m := new(Meeting) // zero, so that decode.TOML may take its fast path
		doc, _ := decode.TOML(src, m, l)
		m.File, m.Pos = name, diag.Pos{File: name, Line: 1, Col: 1}
		m.KeyPos = doc.Pos
		stem := strings.TrimSuffix(e.Name(), ".toml")
		if !doc.Parsed() {
			// Keep the id so that references to the meeting do not
			// fail as well; there is nothing else to check.
			m.ID = stem
			found[i] = &loaded{m, doc}
			return
		}
		if !checkSchema(doc, m.Schema, l) {
			return
		}
		if m.ID == "" {
			m.ID = stem
		}
		checkID(doc, l, "id", m.ID)
		found[i] = &loaded{m, doc}
	})
	var all []loaded
	for i := range entries {
		l.Merge(&lists[i])
		if found[i] != nil {
			all = append(all, *found[i])
		}
	}
	// A meeting named by its file owns its id: when another file copies
	// it into an id key, the copy is the one reported.
	owns := func(x loaded) int {
		if x.m.ID == fileStem(x.m.File) {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(all, func(a, b loaded) int { return cmp.Compare(owns(a), owns(b)) })
	for _, x := range all {
		m, doc := x.m, x.doc
		if prev, dup := d.meetingByID[m.ID]; dup {
			doc.Errorf(l, "id", "duplicate meeting id %q", m.ID).Hint = "also used by " + prev.File + "; the id defaults to the file name, so leave id out"
			if doc.Parsed() {
				d.checkMeeting(doc, m, l)
			}
			continue
		}
		if doc.Parsed() {
			d.checkMeeting(doc, m, l)
		}
		d.meetingByID[m.ID] = m
		d.Meetings = append(d.Meetings, m)
	}
	slices.SortFunc(d.Meetings, func(a, b *Meeting) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// eachFile calls f(0), …, f(n-1) on one goroutine a CPU.
func eachFile(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}

func fileStem(name string) string { return strings.TrimSuffix(path.Base(name), path.Ext(name)) }

func (d *Data) checkMeeting(doc *decode.Doc, m *Meeting, l *diag.List) {
	m.Title, m.Place = viet.NFC(m.Title), viet.NFC(m.Place)
	if m.Cluster != "" {
		if c, err := d.Resolve.Cluster(m.Cluster); err != nil {
			doc.Errorf(l, "cluster", "%v", err).Hint = err.Hint
		} else {
			m.ClusterRef = c
		}
	}
	if m.Kind != "" && !slices.Contains(MeetingKinds, viet.NFC(m.Kind)) {
		e := doc.Errorf(l, "kind", "kind %q is not one of: %s", m.Kind, strings.Join(MeetingKinds, ", "))
		e.Hint = diag.DidYouMean(m.Kind, MeetingKinds)
	}
	m.Kind = viet.NFC(m.Kind)
	if m.Host != "" {
		m.HostRef = d.meetingUnit(doc, l, m, "host", m.Host)
	}
	if p := m.Period; !p.From.IsZero() && !p.To.IsZero() && p.To.Before(p.From) {
		doc.Errorf(l, "period.to", "period ends (%s) before it starts (%s)", p.To, p.From).Hint = "period = { from = first day, to = last day }; are they swapped?"
	}
	if !m.Period.To.IsZero() && !m.Date.IsZero() && m.Period.From.After(m.Date) {
		doc.Errorf(l, "period.from", "the meeting on %s reports on a period that starts later (%s)", m.Date, m.Period.From).Hint = "period is the time the meeting reviewed; check its year and the meeting date"
	}
	for i, p := range m.People {
		kp := fmt.Sprintf("person[%d]", i)
		if p.Role != "" && !slices.Contains(Roles, viet.NFC(p.Role)) {
			e := doc.Errorf(l, kp+".role", "role %q is not one of: %s", p.Role, strings.Join(Roles, ", "))
			e.Hint = diag.DidYouMean(p.Role, Roles)
		}
		if p.Province != "" {
			if _, err := d.Resolve.Province(p.Province); err != nil {
				doc.Errorf(l, kp+".province", "%v", err).Hint = err.Hint
			}
		}
		d.checkSourceRef(doc, l, kp+".source", p.Source)
	}
	for i, dec := range m.Decisions {
		d.checkSourceRef(doc, l, fmt.Sprintf("decision[%d].source", i), dec.Source)
	}
	if h := m.Handover; h != nil {
		if strings.TrimSpace(h.To) != "" { // else decoding said it is missing
			h.ToRef = d.meetingUnit(doc, l, m, "handover.to", h.To)
		}
		d.checkSourceRef(doc, l, "handover.source", h.Source)
	}
	for i, s := range m.Sources {
		d.checkSourceRef(doc, l, fmt.Sprintf("sources[%d]", i), s)
	}
	if len(m.Sources) == 0 {
		doc.Warnf(l, "", "meeting %s names no sources", m.ID).Hint = `add sources = ["…"] with ids from data/sources.toml`
	}
}

// meetingUnit resolves a host: a province for clusters of provinces, a
// member unit's name for clusters inside a province.
func (d *Data) meetingUnit(doc *decode.Doc, l *diag.List, m *Meeting, key, ref string) *Province {
	c := m.ClusterRef
	if c != nil && c.Level == LevelProvincial {
		for _, mem := range c.Members {
			if mem.Unit != "" && viet.NameKey(mem.Unit) == viet.NameKey(ref) {
				return nil
			}
		}
		e := doc.Errorf(l, key, "%q is not a member unit of %s", ref, c.Label())
		names := []string{}
		for _, mem := range c.Members {
			if mem.Unit != "" {
				names = append(names, mem.Unit)
			}
		}
		e.Hint = diag.DidYouMean(ref, names)
		if e.Hint == "" {
			e.Hint = fmt.Sprintf("%s is a cluster of district-level associations; name one of its member units (data/clusters.toml)", c.Label())
		}
		return nil
	}
	p, err := d.Resolve.Province(ref)
	if err != nil {
		doc.Errorf(l, key, "%v", err).Hint = err.Hint
		return nil
	}
	if !m.Date.IsZero() && !p.Lifetime().Contains(m.Date) {
		e := doc.Errorf(l, key, "%s on %s: %s", p.Name, m.Date, existsMessage(p))
		switch {
		case p.Successor != nil && m.Date.After(p.Until):
			e.Hint = fmt.Sprintf("name the province as it was on the meeting day: %s = %q", key, p.Successor.Name)
		default:
			e.Hint = "check the meeting date, or name the province as it was on that day"
		}
	}
	return p
}
