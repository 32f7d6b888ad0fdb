package data

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/decode"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// Data is everything in data/, typed, resolved and checked. It is built once
// by [Load] and only read afterwards, so pages can render in parallel.
type Data struct {
	Provinces []*Province
	Clusters  []*Cluster
	Meetings  []*Meeting // newest first
	Sources   []*Source

	Funds          []FundRow
	Scholarships   []ScholarshipRow
	Members        []MemberRow
	Associations   []AssociationRow
	LearningModels []LearningRow

	// Datasets are the CSV files as read, in Tables order, for publishing.
	Datasets []Dataset

	Resolve *Resolver

	provinceByID map[string]*Province
	clusterByID  map[string]*Cluster
	meetingByID  map[string]*Meeting
	sourceByID   map[string]*Source

	// Where each province and cluster was written, for checks made late.
	provinceDoc *decode.Doc
	provinceAt  []located
	clusterAt   []located
}

// Dataset is one CSV table file as published.
type Dataset struct {
	Spec TableSpec
	Path string // e.g. "data/tables/funds.csv"
	Raw  []byte
	Rows int
}

// Province returns the province with the id, or nil.
func (d *Data) Province(id string) *Province { return d.provinceByID[id] }

// Cluster returns the cluster with the id, or nil.
func (d *Data) Cluster(id string) *Cluster { return d.clusterByID[id] }

// Meeting returns the meeting with the id, or nil.
func (d *Data) Meeting(id string) *Meeting { return d.meetingByID[id] }

// Source returns the source with the id, or nil.
func (d *Data) Source(id string) *Source { return d.sourceByID[id] }

// Dir is where data lives inside a site.
const Dir = "data"

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Load reads data/ from fsys and reports every problem into l. It always
// returns a Data, possibly partial, so later checks can still run and report
// their own problems in the same pass.
func Load(fsys fs.FS, l *diag.List) *Data {
	d := &Data{
		provinceByID: map[string]*Province{},
		clusterByID:  map[string]*Cluster{},
		meetingByID:  map[string]*Meeting{},
		sourceByID:   map[string]*Source{},
	}
	checkDataDir(fsys, l)
	d.loadSources(fsys, l)
	d.loadProvinces(fsys, l)
	d.loadClusters(fsys, l)
	d.Resolve = newResolver(d.Provinces, d.Clusters)
	d.linkProvinces(l)
	d.checkClusters(l)
	d.loadMeetings(fsys, l)
	d.loadTables(fsys, l)
	return d
}

var knownFiles = []string{"provinces.toml", "clusters.toml", "sources.toml", "meetings", "tables"}

// checkDataDir reports files that khuyenhoc would silently ignore.
func checkDataDir(fsys fs.FS, l *diag.List) {
	entries, err := fs.ReadDir(fsys, Dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || slices.Contains(knownFiles, e.Name()) || strings.EqualFold(e.Name(), "README.md") {
			continue
		}
		d := l.Errorf(diag.Pos{File: path.Join(Dir, e.Name())}, "khuyenhoc does not read data/%s", e.Name())
		if s := diag.Closest(e.Name(), knownFiles); s != "" {
			d.Hint = fmt.Sprintf("did you mean data/%s?", s)
		} else {
			d.Hint = "data/ holds provinces.toml, clusters.toml, sources.toml, meetings/*.toml and tables/*.csv; see docs/data-format.md"
		}
	}
}

// readSource reads a file, reporting a read error and a file over the size
// limit (decode.MaxCSVBytes for .csv, decode.MaxTOMLBytes otherwise).
// src is nil when the file could not be read; missing reports whether it
// does not exist.
func readSource(fsys fs.FS, name string, l *diag.List) (src *diag.Source, missing bool) {
	limit, what := int64(decode.MaxTOMLBytes), "TOML file"
	if path.Ext(name) == ".csv" {
		limit, what = decode.MaxCSVBytes, "CSV file"
	}
	b, err := decode.ReadFile(fsys, name, limit)
	var big *decode.TooBigError
	switch {
	case errors.As(err, &big):
		big.Report(l, what, "a data file this large is usually an export of a whole spreadsheet or database by mistake, or holds a pasted file; see docs/data-format.md, Limits")
		return nil, false
	case errors.Is(err, fs.ErrNotExist):
		return nil, true
	case err != nil:
		l.Errorf(diag.Pos{File: name}, "cannot read: %v", err)
		return nil, false
	}
	return diag.NewSource(name, b), false
}

// readListed reads a file that was just listed in its folder: that it no
// longer exists is an error, not a missing optional file.
func readListed(fsys fs.FS, name string, l *diag.List) *diag.Source {
	src, missing := readSource(fsys, name, l)
	if missing {
		e := l.Errorf(diag.Pos{File: name}, "%s disappeared while khuyenhoc was reading data/", name)
		e.Hint = "a file was removed or renamed during the build (a sync tool, an editor saving): build again"
	}
	return src
}

func checkSchema(doc *decode.Doc, schema int, l *diag.List) bool {
	if schema > SchemaVersion {
		d := doc.Errorf(l, "schema", "schema %d is newer than this khuyenhoc understands (%d)", schema, SchemaVersion)
		d.Hint = "update khuyenhoc, or write the file in schema " + fmt.Sprint(SchemaVersion)
		return false
	}
	if schema < 1 && schema != 0 {
		doc.Errorf(l, "schema", "schema %d is not a version", schema).Hint = fmt.Sprintf("write schema = %d", SchemaVersion)
		return false
	}
	return true
}

func checkID(doc *decode.Doc, l *diag.List, p, id string) {
	if id != "" && !idPattern.MatchString(id) {
		d := doc.Errorf(l, p, "id %q must be lower-case letters, digits and hyphens", id)
		d.Hint = "for example " + strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(id), "-"), "-")
	}
}

func (d *Data) loadSources(fsys fs.FS, l *diag.List) {
	name := path.Join(Dir, "sources.toml")
	src, _ := readSource(fsys, name, l)
	if src == nil {
		return
	}
	var f struct {
		Schema int      `toml:"schema" required:"true"`
		Source []Source `toml:"source"`
	}
	doc, _ := decode.TOML(src, &f, l)
	if !checkSchema(doc, f.Schema, l) {
		return
	}
	for i := range f.Source {
		s := &f.Source[i]
		p := fmt.Sprintf("source[%d]", i)
		s.Pos = doc.Pos(p)
		s.ArticlePos = doc.Pos(p + ".article")
		checkID(doc, l, p+".id", s.ID)
		if s.URL != "" && !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://") {
			e := doc.Errorf(l, p+".url", "url %q must start with https:// or http://", s.URL)
			e.Hint = "copy the address from the browser's address bar; it starts with https://"
			if !strings.Contains(s.URL, "://") {
				e.Hint = fmt.Sprintf("write url = %q", "https://"+strings.TrimPrefix(s.URL, "//"))
			}
			s.URL = ""
		}
		if prev, dup := d.sourceByID[s.ID]; dup && s.ID != "" {
			doc.Errorf(l, p+".id", "duplicate source id %q", s.ID).Hint = "first defined at " + prev.Pos.String() + "; give each source its own id"
			continue
		}
		d.sourceByID[s.ID] = s
		d.Sources = append(d.Sources, s)
	}
}

// checkSourceRef reports a reference to a source that does not exist.
func (d *Data) checkSourceRef(doc *decode.Doc, l *diag.List, p, id string) {
	if id == "" || d.sourceByID[id] != nil {
		return
	}
	ids := make([]string, 0, len(d.Sources))
	for _, s := range d.Sources {
		ids = append(ids, s.ID)
	}
	e := doc.Errorf(l, p, "unknown source %q", id)
	e.Hint = diag.DidYouMean(id, ids)
	if e.Hint == "" {
		e.Hint = "add it to data/sources.toml"
	}
}
