// Package decode reads the TOML and CSV files editors write into Go values,
// reporting every problem with its position instead of stopping at the first.
//
// # TOML
//
// [TOML] decodes a document into a struct with BurntSushi/toml, one key at a
// time, so a wrong type in one key does not hide a missing key in another.
// It reports into a [diag.List]:
//
//   - syntax errors, at the line and column the parser gives;
//   - keys the struct does not know, with the closest known key suggested
//     (the role MetaData.Undecoded plays in BurntSushi/toml);
//   - required keys that are missing (struct tag `required:"true"`);
//   - values of the wrong type, with the expected type said in words.
//
// The returned [Doc] maps every key path — "meeting[2].date" — to its line
// and column, so checks made later, against other files, still point at the
// exact line. Fields whose type implements toml.Unmarshaler (civil.Date, the
// amount types of package data) give their own error messages.
//
// # Fast path
//
// Decoding front matter the full way above costs about 60 µs an article,
// most of it in BurntSushi/toml and in scanning the text a second time for
// key positions; a site of 100 000 articles spent seconds there. So [TOML]
// first tries a fast path (fast.go): one pass over the text that fills the
// struct through a plan made once per struct type (fastplan.go) and notes
// each key's position as it reads it, about ten times cheaper.
//
// It reads the subset of TOML that front matter is written in — bare keys,
// [[name]] sections, one-line strings, integers, booleans, local dates,
// arrays of strings, inline tables for toml.Unmarshaler fields — and only
// documents with nothing to report. At anything else (another construct, an
// unknown key, a wrong type, a missing key, an Unmarshaler's error, text
// that is not UTF-8) it gives up, leaves the value as it found it, and the
// document is decoded the full way, so every diagnostic is still the full
// way's. Where it does answer, the value and the key positions are exactly
// the full way's; FuzzFastTOML checks both against BurntSushi/toml, which
// stays the reference.
//
// # CSV
//
// [CSV] reads a table as spreadsheets export it: UTF-8 with or without a byte
// order mark, LF or CRLF, comma or semicolon delimiter (detected from the
// header), trailing empty cells ignored. A first-column cell starting with
// "#" makes a comment row; "# schema: 1" states the file's schema version.
// Each cell keeps its line and column.
package decode
