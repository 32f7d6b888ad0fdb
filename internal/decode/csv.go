package decode

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// Table is a CSV file read with positions.
type Table struct {
	Src *diag.Source
	// Schema is the version stated by a "# schema: N" row; 0 if none.
	Schema     int
	SchemaLine int
	Delim      rune
	Header     []Cell
	Rows       []Row
	// Truncated says the file has more than MaxCSVRows rows: reading
	// stopped there, and the error is reported.
	Truncated bool
}

// Cell is one cell and where it starts.
type Cell struct {
	Text string
	Line int
	Col  int
}

// Row is one data row. Cells has exactly len(Header) cells: trailing cells a
// spreadsheet left out are empty.
type Row struct {
	Line  int
	Cells []Cell
}

// Pos returns the position of a cell.
func (t *Table) Pos(c Cell) diag.Pos { return t.Src.At(c.Line, c.Col) }

// Errorf reports an error at a cell, with its source line.
func (t *Table) Errorf(l *diag.List, c Cell, format string, args ...any) *diag.Diagnostic {
	return t.Src.Errorf(l, t.Pos(c), format, args...)
}

var schemaRow = regexp.MustCompile(`^#\s*schema\s*[:=]?\s*(\d+)\s*$`)

// CSV reads src as a table and reports every malformed row into l. ok is
// false when any error was reported; the well-formed rows are still returned.
func CSV(src *diag.Source, l *diag.List) (t *Table, ok bool) {
	t = &Table{Src: src}
	if !CheckUTF8(src, l) {
		return t, false
	}
	before, _ := l.Count()
	data := bytes.TrimPrefix(src.Data, []byte("\uFEFF"))
	bomShift := len(src.Data) - len(data) // columns on line 1 shift by the BOM
	t.Delim = detectDelimiter(data)
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = t.Delim
	r.FieldsPerRecord = -1
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				pos := src.At(pe.Line, pe.Column+shift(pe.Line, bomShift))
				msg := pe.Err.Error()
				start := strings.TrimPrefix(src.Line(pe.StartLine), "\uFEFF")
				if col := openQuote(start, t.Delim); errors.Is(pe.Err, csv.ErrQuote) && col > 0 {
					// The reader notices a quote that is never closed only
					// at the end of the file; the mistake is where it opens.
					pos = src.At(pe.StartLine, col+shift(pe.StartLine, bomShift))
					msg = "a quoted cell starts here but its closing quote is missing"
				}
				d := src.Errorf(l, pos, "CSV: %s", msg)
				d.Hint = "a cell that contains the delimiter or a quote must be quoted, with inner quotes doubled: \"Hội \"\"Khuyến học\"\"\""
				// encoding/csv cannot resynchronise after a broken quote.
				return t, false
			}
			l.Errorf(diag.Pos{File: src.Name}, "CSV: %v", err)
			return t, false
		}
		cells := make([]Cell, len(rec))
		for i, text := range rec {
			line, col := r.FieldPos(i)
			cells[i] = Cell{Text: text, Line: line, Col: col + shift(line, bomShift)}
		}
		cells = trimTrailingEmpty(cells)
		if len(cells) == 0 {
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(cells[0].Text), "#") {
			if m := schemaRow.FindStringSubmatch(strings.TrimSpace(cells[0].Text)); m != nil {
				t.Schema, _ = strconv.Atoi(m[1])
				t.SchemaLine = cells[0].Line
			}
			continue
		}
		if t.Header == nil {
			for i := range cells {
				cells[i].Text = strings.TrimSpace(cells[i].Text)
			}
			t.Header = cells
			continue
		}
		line := cells[0].Line
		if len(cells) > len(t.Header) {
			extra := cells[len(t.Header)]
			d := src.Errorf(l, src.At(extra.Line, extra.Col),
				"row has %d cells but the header has %d columns", len(cells), len(t.Header))
			d.Hint = hintForExtraCells(t.Delim)
			continue
		}
		if len(t.Rows) == MaxCSVRows {
			d := src.Errorf(l, src.At(line, 1), "table has more than %d data rows; khuyenhoc reads at most %d rows per table (the limit is passed on this line)", MaxCSVRows, MaxCSVRows)
			d.Hint = "a table this long is usually an export of a whole spreadsheet or database by mistake: keep one row per unit, year and period, and delete the rest (see docs/data-format.md, Limits)"
			t.Truncated = true
			return t, false
		}
		for len(cells) < len(t.Header) {
			cells = append(cells, Cell{Line: line, Col: 1})
		}
		t.Rows = append(t.Rows, Row{Line: line, Cells: cells})
	}
	if t.Header == nil {
		d := l.Errorf(diag.Pos{File: src.Name, Line: 1}, "CSV file has no header row")
		d.Hint = "the first row names the columns; see docs/data-format.md"
	}
	after, _ := l.Count()
	return t, after == before
}

// openQuote returns the 1-based column of the quote that opens a cell on
// line and is not closed on it, or 0 if every quoted cell closes.
func openQuote(line string, delim rune) int {
	col, open, cellStart := 0, false, true
	for i := 0; i < len(line); i++ {
		c := rune(line[i])
		switch {
		case open && c == '"' && i+1 < len(line) && line[i+1] == '"':
			i++ // a doubled quote inside the cell
		case open && c == '"':
			open = false
		case open:
		case cellStart && c == '"':
			open, col = true, i+1
		}
		cellStart = !open && c == delim
	}
	if open {
		return col
	}
	return 0
}

func shift(line, bom int) int {
	if line == 1 {
		return bom
	}
	return 0
}

func hintForExtraCells(delim rune) string {
	if delim == ',' {
		return "a number with a decimal comma (95,5) splits into two cells: quote it (\"95,5\") or save the file with ';' as delimiter"
	}
	return "a cell containing ';' must be quoted"
}

func trimTrailingEmpty(cells []Cell) []Cell {
	for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1].Text) == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

// detectDelimiter picks ';' or ',' by which occurs more outside quotes on
// the first line that is not a comment: the header.
func detectDelimiter(data []byte) rune {
	for line := range bytes.Lines(data) {
		s := strings.TrimSpace(string(line))
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		var semi, comma int
		inQuote := false
		for _, c := range s {
			switch {
			case c == '"':
				inQuote = !inQuote
			case inQuote:
			case c == ';':
				semi++
			case c == ',':
				comma++
			}
		}
		if semi > comma {
			return ';'
		}
		return ','
	}
	return ','
}

// Column finds a header column by name; -1 if absent.
func (t *Table) Column(name string) int {
	for i, h := range t.Header {
		if h.Text == name {
			return i
		}
	}
	return -1
}

// String describes the table for debugging.
func (t *Table) String() string {
	return fmt.Sprintf("%s: %d columns, %d rows", t.Src.Name, len(t.Header), len(t.Rows))
}
