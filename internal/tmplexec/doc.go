// Package tmplexec executes html/template templates without calling
// functions through reflection, for the pages a build renders by the
// thousand.
//
// # Why
//
// html/template executes through text/template, which calls every function
// of an action with reflect.Value.Call: the escapers html/template adds to
// each action (htmlescaper, attrescaper, urlnormalizer…), the builtins (eq,
// len, and) and the site's functions (relURL). It also looks fields and
// methods up by name each time. On a 10 000-article site that is about a
// quarter of the build's CPU. A [Program] walks the same parse trees, after
// html/template has escaped them, and
//
//   - calls the escapers, the builtins and functions of common signatures
//     (func(string) string, func(int, int) int, func(string, any)
//     (template.HTML, error)) directly;
//   - remembers, for each field of each action, where the field or method
//     lives in the last type it met;
//   - writes straight into the page's buffer, and the text a function
//     gives or an escaper makes without making a string or a
//     reflect.Value of it first where it can.
//
// # How to use it
//
// Execute the html/template set once the ordinary way: that escapes the
// entry template and every template it calls. Then [Compile] it with the
// same functions the set was given, and run the [Program] for every later
// page. The output is byte for byte html/template's (the package's tests
// compare the two on every construct they use, and internal/theme compares
// them on whole sites).
//
// A Program never reports its own errors. When anything goes wrong — a
// nil pointer, a function's error, a value of a kind it does not handle —
// Execute returns [ErrFallback] and the caller executes html/template
// instead, which gives the error its usual message. Compile likewise
// refuses (with an error saying what) a template it cannot run the same
// way: one calling a template html/template derived for another context
// (a template called inside an attribute, say), or using the escapers for
// JavaScript and CSS, or the builtins call, html, js and urlquery. Such a
// template is simply always executed by html/template.
//
// Compile assumes the set's default options (missingkey=default).
//
// The code follows text/template's exec.go and html/template's escapers
// closely, and keeps their names, so that the two can be compared line by
// line; the parts copied from the Go source are under Go's BSD licence
// (see LICENSE-go in this folder).
package tmplexec
