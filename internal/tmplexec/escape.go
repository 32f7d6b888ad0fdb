package tmplexec

// The escapers html/template adds to actions, as in html/template's html.go,
// url.go and content.go (Go 1.26). Each takes the value's text and content
// type, as stringify gives them. A case that needs html/template's HTML
// tokenizer (stripping the tags of trusted HTML placed in an attribute)
// falls back.

import (
	"fmt"
	"html/template"
	"reflect"
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
type escaper func(s string, t contentType) string

// escapers are the functions html/template inserts, by the names it gives
// them in the escaped parse tree. The ones for JavaScript, CSS and srcset
// are missing: a template using them is not compiled.
var escapers = map[string]escaper{
	"_html_template_attrescaper":    attrEscaper,
	"_html_template_commentescaper": commentEscaper,
	"_html_template_htmlescaper":    htmlEscaper,
	"_html_template_nospaceescaper": htmlNospaceEscaper,
	"_html_template_rcdataescaper":  rcdataEscaper,
	"_html_template_urlescaper":     urlEscaper,
	"_html_template_urlfilter":      urlFilter,
	"_html_template_urlnormalizer":  urlNormalizer,
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
	if v.Kind() == reflect.String {
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
	return htmlReplacer(s, htmlReplacementTable, true)
}

func attrEscaper(s string, t contentType) string {
	if t == contentTypeHTML {
		fallback() // needs html/template's stripTags
	}
	return htmlReplacer(s, htmlReplacementTable, true)
}

func rcdataEscaper(s string, t contentType) string {
	if t == contentTypeHTML {
		return htmlReplacer(s, htmlNormReplacementTable, true)
	}
	return htmlReplacer(s, htmlReplacementTable, true)
}

func htmlNospaceEscaper(s string, t contentType) string {
	if s == "" {
		return filterFailsafe
	}
	if t == contentTypeHTML {
		fallback() // needs html/template's stripTags
	}
	return htmlReplacer(s, htmlNospaceReplacementTable, false)
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

// htmlReplacer is html/template's, with a first pass that returns s itself
// when nothing in it needs replacing (most text).
func htmlReplacer(s string, replacementTable []string, badRunes bool) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			if !badRunes {
				clean = false
				break
			}
			continue
		}
		if int(c) < len(replacementTable) && replacementTable[c] != "" {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	written, b := 0, new(strings.Builder)
	r, w := rune(0), 0
	for i := 0; i < len(s); i += w {
		r, w = utf8.DecodeRuneInString(s[i:])
		if int(r) < len(replacementTable) {
			if repl := replacementTable[r]; len(repl) != 0 {
				if written == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[written:i])
				b.WriteString(repl)
				written = i + w
			}
		} else if badRunes {
			// No-op: these runes are allowed where badRunes is set.
		} else if 0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff {
			if written == 0 {
				b.Grow(len(s))
			}
			fmt.Fprintf(b, "%s&#x%x;", s[written:i], r)
			written = i + w
		}
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
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
	i := 0
	for ; i < len(s) && urlKeeps(s, i, norm); i++ {
	}
	if i == len(s) {
		return s
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
	c := s[i]
	switch c {
	case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
		return norm
	case '-', '.', '_', '~':
		return true
	case '%':
		return norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
	}
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
