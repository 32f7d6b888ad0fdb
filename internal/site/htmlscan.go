package site

import (
	"bytes"
	"html"
)

// scanAttrs calls fn with the name ("id", "href" or "src") and value of
// each such attribute of every start tag in doc, as an HTML tokenizer reads
// them: names in any case, values quoted, single-quoted or bare, character
// references decoded; comments, doctypes, end tags and the text of raw-text
// elements (script, style, title, textarea…) skipped. It reads a page an
// order of magnitude faster than building every token, which matters when
// a build scans 100 000 pages.
func scanAttrs(doc []byte, fn func(name string, val []byte)) {
	// A tag's attributes wait here until it is closed; one buffer for
	// every tag, not one cleared for each.
	var buf [16]attr
	found := buf[:]
	i := 0
	for {
		// Between tags there is mostly a line break and indentation,
		// found sooner by looking than by calling IndexByte.
		j := 0
		for j < 8 && i+j < len(doc) && doc[i+j] != '<' {
			j++
		}
		if j == 8 || i+j == len(doc) {
			j = bytes.IndexByte(doc[i:], '<')
		}
		if j < 0 || i+j+1 >= len(doc) {
			return
		}
		i += j + 1
		switch c := doc[i]; {
		case c == '!' && bytes.HasPrefix(doc[i:], []byte("!--")):
			i = skipComment(doc, i+3)
		case c == '!' || c == '?' || c == '/':
			// A doctype, a bogus comment or an end tag: up to '>'. An
			// end tag is short.
			k := 1
			for k < 16 && i+k < len(doc) && doc[i+k] != '>' {
				k++
			}
			if k == 16 || i+k == len(doc) {
				if k = bytes.IndexByte(doc[i:], '>'); k < 0 {
					return
				}
			}
			i += k + 1
		case isASCIILetter(c):
			var name []byte
			name, i = scanTag(doc, i, found[:0], fn)
			if raw := rawTextElement(name); raw != "" {
				i = skipRawText(doc, i, raw)
			}
		}
	}
}

// skipComment returns the index after the comment whose text starts at i.
func skipComment(doc []byte, i int) int {
	rest := doc[i:]
	switch {
	case bytes.HasPrefix(rest, []byte(">")):
		return i + 1
	case bytes.HasPrefix(rest, []byte("->")):
		return i + 2
	}
	for k := 0; k < len(rest); k++ {
		if rest[k] != '-' || !bytes.HasPrefix(rest[k:], []byte("--")) {
			continue
		}
		switch {
		case bytes.HasPrefix(rest[k+2:], []byte(">")):
			return i + k + 3
		case bytes.HasPrefix(rest[k+2:], []byte("!>")):
			return i + k + 4
		}
	}
	return len(doc)
}

type attr struct {
	name string
	val  []byte
}

// scanTag reads the tag whose name starts at i, reporting its attributes
// once the tag is closed (a tag cut off by the end of the document is not
// a tag), and returns the name as written and the index after the tag.
// found is where the attributes wait. Its loops test a byte's class in
// byteClass, and a quoted value, often long (a meta description), is
// skipped with IndexByte.
func scanTag(doc []byte, i int, found []attr, fn func(string, []byte)) ([]byte, int) {
	start := i
	for i < len(doc) && byteClass[doc[i]]&(classSpace|classSlash|classGT) == 0 {
		i++
	}
	name := doc[start:i]
	for i < len(doc) {
		for i < len(doc) && byteClass[doc[i]]&(classSpace|classSlash) != 0 {
			i++
		}
		if i >= len(doc) {
			return name, i
		}
		if doc[i] == '>' {
			for _, a := range found {
				fn(a.name, a.val)
			}
			return name, i + 1
		}
		// The key: a first '=' belongs to it, as in the HTML spec.
		ks := i
		i++
		for i < len(doc) && byteClass[doc[i]]&(classSpace|classSlash|classGT|classEq) == 0 {
			i++
		}
		key := doc[ks:i]
		for i < len(doc) && byteClass[doc[i]]&classSpace != 0 {
			i++
		}
		var val []byte
		if i < len(doc) && doc[i] == '=' {
			i++
			for i < len(doc) && byteClass[doc[i]]&classSpace != 0 {
				i++
			}
			switch {
			case i >= len(doc):
			case doc[i] == '"' || doc[i] == '\'':
				q := doc[i]
				i++
				k := bytes.IndexByte(doc[i:], q)
				if k < 0 {
					k = len(doc) - i
				}
				val = doc[i : i+k]
				i += k
				if i < len(doc) {
					i++
				}
			default:
				vs := i
				for i < len(doc) && byteClass[doc[i]]&(classSpace|classGT) == 0 {
					i++
				}
				val = doc[vs:i]
			}
		}
		if n := attrName(key); n != "" {
			if bytes.IndexByte(val, '&') >= 0 {
				val = []byte(html.UnescapeString(string(val)))
			}
			found = append(found, attr{n, val})
		}
	}
	return name, i
}

// attrName returns the lower-case name of an id, href or src key, or "".
// ASCII letters alone: c|0x20 is 'i' only for 'i' and 'I'.
func attrName(key []byte) string {
	switch len(key) {
	case 2:
		if key[0]|0x20 == 'i' && key[1]|0x20 == 'd' {
			return "id"
		}
	case 3:
		if key[0]|0x20 == 's' && key[1]|0x20 == 'r' && key[2]|0x20 == 'c' {
			return "src"
		}
	case 4:
		if key[0]|0x20 == 'h' && key[1]|0x20 == 'r' && key[2]|0x20 == 'e' && key[3]|0x20 == 'f' {
			return "href"
		}
	}
	return ""
}

// Byte classes of the tag scanner.
const (
	classSpace = 1 << iota
	classSlash
	classGT
	classEq
)

var byteClass = [256]uint8{
	' ': classSpace, '\n': classSpace, '\t': classSpace, '\r': classSpace, '\f': classSpace,
	'/': classSlash, '>': classGT, '=': classEq,
}

// rawTextElements are the elements whose content is text up to their end
// tag, as the tokenizer treats them.
var rawTextElements = []string{"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}

// rawTextElement returns the lower-case name of a raw-text element, or "".
// It compares without lowering the name first: a build meets millions of
// tags.
func rawTextElement(name []byte) string {
	if len(name) < 3 || len(name) > 9 {
		return ""
	}
	switch name[0] | 0x20 {
	case 's', 't', 'x', 'i', 'n', 'p':
	default:
		return ""
	}
	for _, e := range rawTextElements {
		if len(e) == len(name) && bytes.EqualFold(name, []byte(e)) {
			return e
		}
	}
	return ""
}

// skipRawText returns the index of the end tag of the raw-text element
// name, searching from i; plaintext never ends.
func skipRawText(doc []byte, i int, name string) int {
	if name == "plaintext" {
		return len(doc)
	}
	for {
		k := bytes.Index(doc[i:], []byte("</"))
		if k < 0 {
			return len(doc)
		}
		i += k
		end := i + 2 + len(name)
		if end <= len(doc) && bytes.EqualFold(doc[i+2:end], []byte(name)) &&
			(end == len(doc) || isSpace(doc[end]) || doc[end] == '/' || doc[end] == '>') {
			return i
		}
		i += 2
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
