package tmplexec

// The escapers html/template adds to actions, as in html/template's html.go,
// url.go and content.go (Go 1.26). Each takes the value's text and content
// type, as stringify gives them. A case that needs html/template's HTML
// tokenizer (stripping the tags of trusted HTML placed in an attribute)
// falls back.

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

type contentType uint8

const (
	contentTypePlain contentType = iota
	contentTypeCSS
	contentTypeHTML
	contentTypeHTMLAttr
	contentTypeJS
	contentTypeJSStr
	contentTypeURL
	contentTypeSrcset
)

// filterFailsafe is what html/template writes for a value it refuses.
const filterFailsafe = "ZgotmplZ"

// escaper is one of html/template's escaping functions.
type escaper struct {
	str func(s string, t contentType) string
	// write, when set, is str writing into b: the escaper last in a
	// pipeline then makes no string of its own.
	write func(b *bytes.Buffer, s string, t contentType)
}

// escapers are the functions html/template inserts, by the names it gives
// them in the escaped parse tree. The ones for JavaScript, CSS and srcset
// are missing: a template using them is not compiled.
var escapers = map[string]*escaper{
	"_html_template_attrescaper":    {attrEscaper, attrEscaperTo},
	"_html_template_commentescaper": {commentEscaper, func(*bytes.Buffer, string, contentType) {}},
	"_html_template_htmlescaper":    {htmlEscaper, htmlEscaperTo},
	"_html_template_nospaceescaper": {htmlNospaceEscaper, nil},
	"_html_template_rcdataescaper":  {rcdataEscaper, nil},
	"_html_template_urlescaper":     {urlEscaper, nil},
	"_html_template_urlfilter":      {urlFilter, nil},
	"_html_template_urlnormalizer":  {urlNormalizer, nil},
}

var (
	stringType   = reflect.TypeFor[string]()
	htmlType     = reflect.TypeFor[template.HTML]()
	urlType      = reflect.TypeFor[template.URL]()
	cssType      = reflect.TypeFor[template.CSS]()
	htmlAttrType = reflect.TypeFor[template.HTMLAttr]()
	jsType       = reflect.TypeFor[template.JS]()
	jsStrType    = reflect.TypeFor[template.JSStr]()
	srcsetType   = reflect.TypeFor[template.Srcset]()
)

// stringValue is stringify for one value, without making an interface of a
// plain string.
func stringValue(v reflect.Value) (string, contentType) {
	switch v.Kind() {
	case reflect.Int:
		// fmt.Sprint's text of an int (not of a type of its own, which
		// may have a String method).
		if v.Type() == intType {
			return strconv.Itoa(int(v.Int())), contentTypePlain
		}
	case reflect.String:
		switch v.Type() {
		case stringType:
			return v.String(), contentTypePlain
		case htmlType:
			return v.String(), contentTypeHTML
		case urlType:
			return v.String(), contentTypeURL
		}
	}
	if !v.IsValid() {
		return stringify(nil)
	}
	return stringify(v.Interface())
}

// stringify is html/template's: the text of the arguments and, for a single
// argument of one of its content types, that type.
func stringify(args ...any) (string, contentType) {
	if len(args) == 1 {
		switch s := indirectAny(args[0]).(type) {
		case string:
			return s, contentTypePlain
		case template.CSS:
			return string(s), contentTypeCSS
		case template.HTML:
			return string(s), contentTypeHTML
		case template.HTMLAttr:
			return string(s), contentTypeHTMLAttr
		case template.JS:
			return string(s), contentTypeJS
		case template.JSStr:
			return string(s), contentTypeJSStr
		case template.URL:
			return string(s), contentTypeURL
		case template.Srcset:
			return string(s), contentTypeSrcset
		}
	}
	i := 0
	for _, arg := range args {
		// Untyped nil arguments are skipped, as html/template does.
		if arg == nil {
			continue
		}
		args[i] = indirectToStringerOrError(arg)
		i++
	}
	return fmt.Sprint(args[:i]...), contentTypePlain
}

func indirectAny(a any) any {
	if a == nil {
		return nil
	}
	if t := reflect.TypeOf(a); t.Kind() != reflect.Pointer {
		return a
	}
	v := reflect.ValueOf(a)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

func indirectToStringerOrError(a any) any {
	if a == nil {
		return nil
	}
	v := reflect.ValueOf(a)
	for !v.Type().Implements(fmtStringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

func htmlEscaper(s string, t contentType) string {
	if t == contentTypeHTML {
		return s
	}
	return htmlReplacer(s, htmlReplacements)
}

func htmlEscaperTo(b *bytes.Buffer, s string, t contentType) {
	if t == contentTypeHTML {
		b.WriteString(s)
		return
	}
	htmlReplacerTo(b, s, htmlReplacements)
}

func attrEscaper(s string, t contentType) string {
	if t == contentTypeHTML {
		fallback() // needs html/template's stripTags
	}
	return htmlReplacer(s, htmlReplacements)
}

func attrEscaperTo(b *bytes.Buffer, s string, t contentType) {
	if t == contentTypeHTML {
		fallback() // needs html/template's stripTags
	}
	htmlReplacerTo(b, s, htmlReplacements)
}

func rcdataEscaper(s string, t contentType) string {
	if t == contentTypeHTML {
		return htmlReplacer(s, htmlNormReplacements)
	}
	return htmlReplacer(s, htmlReplacements)
}

func htmlNospaceEscaper(s string, t contentType) string {
	if s == "" {
		return filterFailsafe
	}
	if t == contentTypeHTML {
		fallback() // needs html/template's stripTags
	}
	return htmlReplacer(s, htmlNospaceReplacements)
}

// commentEscaper drops the value: html/template writes nothing inside an
// HTML comment.
func commentEscaper(string, contentType) string { return "" }

var htmlReplacementTable = []string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

var htmlNormReplacementTable = []string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

var htmlNospaceReplacementTable = []string{
	0:    "&#xfffd;",
	'\t': "&#9;",
	'\n': "&#10;",
	'\v': "&#11;",
	'\f': "&#12;",
	'\r': "&#13;",
	' ':  "&#32;",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'=':  "&#61;",
	'>':  "&gt;",
	'`':  "&#96;",
}

// replacements is a replacement table of html/template's, with the bytes
// that need looking at: those the table replaces and, unless badRunes,
// every byte of a multi-byte rune.
type replacements struct {
	table    []string
	badRunes bool
	dirty    [256]bool
}

func newReplacements(table []string, badRunes bool) *replacements {
	r := &replacements{table: table, badRunes: badRunes}
	for c := range r.dirty {
		if c >= utf8.RuneSelf {
			r.dirty[c] = !badRunes
		} else {
			r.dirty[c] = c < len(table) && table[c] != ""
		}
	}
	return r
}

var (
	htmlReplacements        = newReplacements(htmlReplacementTable, true)
	htmlNormReplacements    = newReplacements(htmlNormReplacementTable, true)
	htmlNospaceReplacements = newReplacements(htmlNospaceReplacementTable, false)
)

// clean returns the length of s's first part that is written as is; most
// text is all of it.
func (r *replacements) clean(s string) int { return firstIn(&r.dirty, s) }

// firstIn returns the index of the first byte of s in set, or len(s).
func firstIn(set *[256]bool, s string) int {
	i := 0
	// Eight bytes a turn, with one branch taken: the scans of every
	// printed value were a tenth of the templates' time.
	for ; i+8 <= len(s); i += 8 {
		if set[s[i+7]] || set[s[i]] || set[s[i+1]] || set[s[i+2]] || set[s[i+3]] || set[s[i+4]] || set[s[i+5]] || set[s[i+6]] {
			break
		}
	}
	for ; i < len(s); i++ {
		if set[s[i]] {
			return i
		}
	}
	return len(s)
}

// htmlReplacer is html/template's, returning s itself when nothing in it
// needs replacing.
func htmlReplacer(s string, r *replacements) string {
	i := r.clean(s)
	if i == len(s) {
		return s
	}
	var b bytes.Buffer
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	r.replaceFrom(&b, s, i)
	return b.String()
}

// htmlReplacerTo writes htmlReplacer(s, r) into b.
func htmlReplacerTo(b *bytes.Buffer, s string, r *replacements) {
	i := r.clean(s)
	b.WriteString(s[:i])
	if i < len(s) {
		r.replaceFrom(b, s, i)
	}
}

// replaceFrom is html/template's loop over the runes of s from i, which
// starts a rune (the bytes before it are written already).
func (r *replacements) replaceFrom(b *bytes.Buffer, s string, i int) {
	written := i
	for w := 0; i < len(s); i += w {
		var c rune
		c, w = utf8.DecodeRuneInString(s[i:])
		if int(c) < len(r.table) {
			if repl := r.table[c]; len(repl) != 0 {
				b.WriteString(s[written:i])
				b.WriteString(repl)
				written = i + w
			}
		} else if r.badRunes {
			// No-op: these runes are allowed where badRunes is set.
		} else if 0xfdd0 <= c && c <= 0xfdef || 0xfff0 <= c && c <= 0xffff {
			fmt.Fprintf(b, "%s&#x%x;", s[written:i], c)
			written = i + w
		}
	}
	b.WriteString(s[written:])
}

func urlFilter(s string, t contentType) string {
	if t == contentTypeURL {
		return s
	}
	if !isSafeURL(s) {
		return "#" + filterFailsafe
	}
	return s
}

func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}

func urlEscaper(s string, t contentType) string    { return urlProcessor(false, s, t) }
func urlNormalizer(s string, t contentType) string { return urlProcessor(true, s, t) }

func urlProcessor(norm bool, s string, t contentType) string {
	if t == contentTypeURL {
		norm = true
	}
	return processURL(s, norm)
}

// processURL is html/template's processURLOnto, returning s itself when no
// byte needs encoding (most site paths), without allocating.
func processURL(s string, norm bool) string {
	look := &urlLookEscape
	if norm {
		look = &urlLookNorm
	}
	i := 0
	for {
		i += firstIn(look, s[i:])
		if i == len(s) {
			return s
		}
		if !urlKeeps(s, i, norm) {
			break
		}
		i++
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	written := 0
	for n := len(s); i < n; i++ {
		if urlKeeps(s, i, norm) {
			continue
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(&b, "%%%02x", s[i])
		written = i + 1
	}
	b.WriteString(s[written:])
	return b.String()
}

// urlKeeps reports whether the byte at i is written as is.
func urlKeeps(s string, i int, norm bool) bool {
	switch urlClass[s[i]] {
	case urlKept:
		return true
	case urlKeptNorm:
		return norm
	case urlPercent:
		return norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
	}
	return false
}

// The classes of bytes in a URL, for urlKeeps.
const (
	urlEncoded = iota
	urlKept
	urlKeptNorm // reserved characters, kept when normalizing
	urlPercent
)

// urlLookNorm and urlLookEscape are the bytes urlKeeps must look at when
// normalizing and when escaping: those it may not keep.
var urlLookNorm, urlLookEscape = func() (norm, esc [256]bool) {
	for c, class := range urlClass {
		norm[c] = class != urlKept && class != urlKeptNorm
		esc[c] = class != urlKept
	}
	return
}()

var urlClass = func() (c [256]uint8) {
	for _, b := range []byte("!#$&*+,/:;=?@[]") {
		c[b] = urlKeptNorm
	}
	for _, b := range []byte("-._~") {
		c[b] = urlKept
	}
	for b := range c {
		if 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' {
			c[b] = urlKept
		}
	}
	c['%'] = urlPercent
	return c
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
