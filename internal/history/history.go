// Package history reads a data file's change history from git, so each
// dataset page can say when its data last changed and what each commit
// did to it: rows added, changed and removed.
//
// It needs the git command and a full clone. Without git, outside a
// repository, or in a shallow clone (CI often clones with depth 1) it
// reports the history as unavailable, with the reason, and the build goes
// on. Only committed versions are read, so the result depends on the
// commit alone and two builds of one commit agree.
package history

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
)

// History is what git knows about one file.
type History struct {
	// Unavailable says why there is no history ("" when there is), in
	// Vietnamese: the dataset page shows it to its readers.
	Unavailable string
	Revisions   []Revision // newest first
}

// Revision is one commit that touched the file.
type Revision struct {
	Hash    string
	Short   string
	Date    civil.Date
	Subject string
	// Row counts, for CSV files: compared with the previous version.
	Added, Changed, Removed int
}

// Repo reads histories from the git repository holding a folder.
type Repo struct {
	dir     string
	problem string // why no history can be read, or ""
}

// Open prepares to read histories under dir. It never fails: a Repo that
// cannot read history says why in every History it returns.
func Open(dir string) *Repo {
	r := &Repo{dir: dir}
	out, err := r.git("rev-parse", "--is-shallow-repository")
	switch {
	case errors.Is(err, exec.ErrNotFound):
		r.problem = "máy dựng trang không có git"
	case err != nil:
		r.problem = "thư mục trang không nằm trong một kho git"
	case strings.TrimSpace(string(out)) == "true":
		r.problem = "kho git chỉ là bản sao nông, thiếu lịch sử (cần lấy đủ lịch sử, ví dụ fetch-depth: 0)"
	}
	return r
}

func (r *Repo) git(args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", r.dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil && stderr.Len() > 0 {
		return out, fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out, err
}

// File returns the history of path (slash-separated, relative to the
// repository folder given to Open). For CSV files keyCols name the columns
// that identify a row; a row whose key stays but whose other cells differ
// counts as changed.
func (r *Repo) File(path string, keyCols []string) History {
	if r.problem != "" {
		return History{Unavailable: r.problem}
	}
	out, err := r.git("log", "--format=%H%x1f%h%x1f%ad%x1f%s", "--date=short", "--", path)
	if err != nil {
		return History{Unavailable: "không đọc được lịch sử git (" + err.Error() + ")"}
	}
	var h History
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "\x1f")
		if len(f) != 4 {
			continue
		}
		d, _ := civil.Parse(f[2])
		h.Revisions = append(h.Revisions, Revision{Hash: f[0], Short: f[1], Date: d, Subject: f[3]})
	}
	if len(h.Revisions) == 0 {
		return History{Unavailable: "tệp chưa được lưu vào git (chưa commit)"}
	}
	if strings.HasSuffix(path, ".csv") {
		r.countRows(path, keyCols, h.Revisions)
	}
	return h
}

// countRows compares each version of a CSV file with the one before.
func (r *Repo) countRows(path string, keyCols []string, revs []Revision) {
	versions := r.versions(path, revs)
	var next map[string]string // rows of the newer version, by key
	for i := len(revs) - 1; i >= 0; i-- {
		b := versions[i]
		if b == nil {
			next = nil
			continue
		}
		rows := readRows(b, keyCols)
		prev := next
		for k, v := range rows {
			old, ok := prev[k]
			switch {
			case !ok:
				revs[i].Added++
			case old != v:
				revs[i].Changed++
			}
		}
		for k := range prev {
			if _, ok := rows[k]; !ok {
				revs[i].Removed++
			}
		}
		next = rows
	}
}

// versions returns the file at each revision, nil where it cannot be
// read. One git process reads them all (cat-file --batch): with one
// git show each, a table edited a hundred times would start a hundred
// processes on every build.
func (r *Repo) versions(path string, revs []Revision) [][]byte {
	out := make([][]byte, len(revs))
	var in bytes.Buffer
	for _, rev := range revs {
		in.WriteString(rev.Hash + ":" + path + "\n")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", "-C", r.dir, "cat-file", "--batch")
	cmd.Stdin = &in
	b, err := cmd.Output()
	if err != nil {
		return out
	}
	// Each answer is "<object> <type> <size>\n<content>\n", or
	// "<name> missing\n" for a revision without the file.
	for i := range revs {
		nl := bytes.IndexByte(b, '\n')
		if nl < 0 {
			break
		}
		head := string(b[:nl])
		b = b[nl+1:]
		if strings.HasSuffix(head, " missing") {
			continue
		}
		f := strings.Fields(head)
		size, err := strconv.Atoi(f[len(f)-1])
		if len(f) != 3 || err != nil || size < 0 || size >= len(b) {
			break
		}
		out[i] = b[:size:size]
		b = b[size+1:]
	}
	return out
}

// readRows maps each data row's key to its whole text. It reads the CSV
// leniently: history is a report, not a check.
func readRows(b []byte, keyCols []string) map[string]string {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	delim := ','
	for line := range bytes.Lines(b) {
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '#' {
			if bytes.Count(t, []byte(";")) > bytes.Count(t, []byte(",")) {
				delim = ';'
			}
			break
		}
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes = delim, -1, true
	recs, _ := cr.ReadAll()
	rows := map[string]string{}
	var idx []int
	for _, rec := range recs {
		if len(rec) == 0 || strings.HasPrefix(strings.TrimSpace(rec[0]), "#") {
			continue
		}
		if idx == nil {
			for _, k := range keyCols {
				for j, h := range rec {
					if strings.TrimSpace(h) == k {
						idx = append(idx, j)
					}
				}
			}
			if len(idx) == 0 {
				idx = []int{0}
			}
			continue
		}
		var key []string
		for _, j := range idx {
			if j < len(rec) {
				key = append(key, strings.TrimSpace(rec[j]))
			}
		}
		rows[strings.Join(key, "\x1f")] = strings.Join(rec, "\x1f")
	}
	return rows
}
