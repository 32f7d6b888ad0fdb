package tmplexec

import "bytes"

// For code that writes HTML by hand, as html/template would write it:
// the escaping of a plain string where it stands.

// EscapeText writes s escaped for HTML text or a quoted attribute value,
// as html/template escapes a string there.
func EscapeText(b *bytes.Buffer, s string) { htmlEscaperTo(b, s, contentTypePlain) }

// URLAttr returns what html/template makes of a string in a URL attribute
// (href, src) before escaping it as an attribute value: "#ZgotmplZ" for a
// scheme other than http, https or mailto, else s normalised.
func URLAttr(s string) string {
	return urlNormalizer(urlFilter(s, contentTypePlain), contentTypePlain)
}
