package site

import (
	"bytes"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// linkIndex checks, while pages render, every internal link each page
// makes. The files the build writes are known before rendering (the other
// files are written first, and every page's file is known from its path),
// so a link is resolved and checked the moment its page is scanned and
// nothing is kept of a good one: a site of 100 000 articles makes millions
// of links. What is kept is every problem, every link to an anchor on
// another page (checked once that page is scanned), and each page's ids.
type linkIndex struct {
	base  string     // base path, "/" or "/khuyenhoc/"
	files *fileTable // every file the build writes; read-only while pages render
	also  []string   // files the build writes that files does not know yet

	mu       sync.Mutex
	problems []pageLink
	// Links to an anchor on another page are checked as soon as both
	// pages are scanned: waiting holds those whose target is not scanned
	// yet, by the target's index in files, and broken those found
	// wrong. pending holds the others (a target that is not a page the
	// table knows), checked once all pages are scanned. Every article
	// of a large site may link to a heading of another: 100 000 such
	// links kept whole until the end were ~85 MB at 100k.
	waiting map[int32][]waitingLink
	broken  []pageLink
	pending []pageLink
	// ids holds each page's ids, each followed by \x00, by the page's
	// index in files; scanned tells the pages scanned. Pages with the
	// same ids share one string (interned): most pages of a kind have
	// the same few. A map of file names to ids strings held ~76 MB at
	// the end of a 100k build.
	ids     []string
	scanned []bool
	interns map[string]string
	// loose holds the ids of a page files does not know (its path could
	// not be claimed).
	loose map[string]string
	// edit is the page checked again after an edit (forEdit), whose ids
	// are editIDs; the others' are shared with the build's index.
	edit, editIDs string
	// lenient: pages are rendered one at a time (BuildOptions.Lazy), so a
	// link to an anchor on a page not rendered yet is not checked.
	lenient bool
	// failed holds the pages that could not render (their error is
	// reported): their ids are unknown, so links to them are not checked.
	failed map[string]bool
}

type pageLink struct {
	file, target, fragment string
	page                   *Page
	raw                    string
	problem                string
}

// waitingLink is a link, on the page of index src in files, to an anchor
// on a page not scanned yet.
type waitingLink struct {
	src           int32
	raw, fragment string
}

// newLinkIndex makes the link index of the files in files, and also of
// the files named in also.
func newLinkIndex(base string, files *fileTable, also ...string) *linkIndex {
	return &linkIndex{base: base, files: files, also: also,
		ids: make([]string, len(files.pages)), scanned: make([]bool, len(files.pages))}
}

// exists reports whether the build writes file.
func (li *linkIndex) exists(file string) bool {
	return li.files.has(file) || slices.Contains(li.also, file)
}

const problemMissing = "points to a page that does not exist"

// resolvedLinks remembers how plain site paths resolved, for one render
// worker: the header, footer, cards and pagers repeat the same links on
// page after page, and resolving one allocates. It is bounded, so a site of
// 100 000 pages does not keep every link it ever saw.
type resolvedLinks map[string]resolvedLink

type resolvedLink struct {
	target, fragment string
	// fine: the target exists and there is no fragment to check, so a
	// page that repeats the link needs nothing more (most links); the
	// memo keeps nothing else of it.
	fine bool
}

// maxResolvedLinks bounds a worker's resolvedLinks; past it the memo starts
// again empty.
const maxResolvedLinks = 1 << 15

// scanScratch is what the scans of one render worker reuse: the memo of
// plain site paths, and the buffers a page's ids and its "#fragment"
// links are gathered in (every page has some of each).
type scanScratch struct {
	memo  resolvedLinks
	ids   []byte
	frags []byte
}

func newScanScratch() *scanScratch { return &scanScratch{memo: resolvedLinks{}} }

// scan checks the href and src attributes of a rendered page and records
// its ids. sc, if not nil, is the calling worker's own.
func (li *linkIndex) scan(file string, p *Page, doc []byte, sc *scanScratch) {
	if sc == nil {
		sc = &scanScratch{}
	}
	var (
		ids      = sc.ids[:0]
		frags    = sc.frags[:0] // "#fragment" links, each followed by a 0
		problems []pageLink
		local    []pageLink // other links to an anchor on this page
		pending  []pageLink
		seen     map[string]bool // raw links of this page already reported
	)
	report := func(l pageLink, raw []byte, problem string) {
		if seen[string(raw)] {
			return
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		l.raw, l.page, l.problem = string(raw), p, problem
		seen[l.raw] = true
		problems = append(problems, l)
	}
	// Every page links its own #noi-dung and #chan-trang: its own file
	// is looked up once.
	var selfKnown, selfExists bool
	exists := func(target string) bool {
		if target != file {
			return li.exists(target)
		}
		if !selfKnown {
			selfKnown, selfExists = true, li.exists(file)
		}
		return selfExists
	}
	scanAttrs(doc, func(name string, val []byte) {
		if name == "id" {
			ids = append(append(ids, val...), 0)
			return
		}
		if li.existingPlain(val) {
			return
		}
		// A "#fragment" of this page, as resolve would make it (target
		// file): kept as bytes until the page's ids are known.
		if len(val) > 1 && val[0] == '#' && plainFragment(val[1:]) && strings.HasSuffix(file, ".html") && exists(file) {
			frags = append(append(frags, val...), 0)
			return
		}
		l, ok, fine := li.resolveMemo(file, val, sc.memo)
		switch {
		case fine, !ok:
		case l.target == "":
			report(l, val, "points outside the site (base path "+li.base+")")
		case !exists(l.target):
			report(l, val, problemMissing)
		case l.fragment == "" || !strings.HasSuffix(l.target, ".html"):
		case l.target == file:
			l.raw = string(val)
			local = append(local, l)
		default:
			l.raw, l.page = string(val), p
			pending = append(pending, l)
		}
	})
	sc.ids, sc.frags = ids, frags // grown, for the next page
	idsText := string(ids)        // once, not for each local link
	for rest := frags; len(rest) > 0; {
		end := bytes.IndexByte(rest, 0)
		raw := rest[:end]
		rest = rest[end+1:]
		if !hasAnchor(idsText, raw[1:]) {
			l, _ := li.resolveOther(file, raw)
			report(l, raw, anchorProblem(l))
		}
	}
	for _, l := range local {
		if !hasAnchor(idsText, []byte(l.fragment)) {
			report(l, []byte(l.raw), anchorProblem(l))
		}
	}
	li.mu.Lock()
	defer li.mu.Unlock()
	li.problems = append(li.problems, problems...)
	own, ok := li.interns[idsText]
	if !ok {
		own = idsText
		if li.interns == nil {
			li.interns = map[string]string{}
		}
		li.interns[own] = own
	}
	li.setIDs(file, own)
	src, known := li.files.page(file)
	for _, l := range pending {
		li.await(l, src, known)
	}
	if known && li.edit == "" {
		for _, w := range li.waiting[int32(src)] {
			li.settle(w, src, own)
		}
		delete(li.waiting, int32(src))
	}
}

// await checks a link to an anchor on another page if that page was
// scanned, and else keeps it until it is: as a waitingLink when both
// pages are known by their index (src, if known), else whole. Called
// with li.mu held.
func (li *linkIndex) await(l pageLink, src int, known bool) {
	dst, ok := li.files.page(l.target)
	if ids, scanned := li.idsOf(l.target); ok && scanned && !li.failed[l.target] {
		if !hasAnchor(ids, l.fragment) {
			li.broken = append(li.broken, l)
		}
		return
	}
	if !ok || !known || li.edit != "" {
		li.pending = append(li.pending, l)
		return
	}
	frag := l.fragment
	if strings.HasSuffix(l.raw, "#"+frag) {
		frag = l.raw[len(l.raw)-len(frag):] // no copy of its own
	}
	if li.waiting == nil {
		li.waiting = map[int32][]waitingLink{}
	}
	li.waiting[int32(dst)] = append(li.waiting[int32(dst)], waitingLink{src: int32(src), raw: l.raw, fragment: frag})
}

// settle checks a waiting link to the page of index dst, whose ids are ids.
func (li *linkIndex) settle(w waitingLink, dst int, ids string) {
	if !hasAnchor(ids, w.fragment) {
		li.broken = append(li.broken, li.unwait(w, dst))
	}
}

// unwait makes a waiting link to the page of index dst whole again.
func (li *linkIndex) unwait(w waitingLink, dst int) pageLink {
	t := li.files
	return pageLink{file: t.path(entryPage | uint32(w.src)), target: t.path(entryPage | uint32(dst)), fragment: w.fragment,
		page: t.pages[w.src], raw: w.raw}
}

// setIDs records the ids of the page in file.
func (li *linkIndex) setIDs(file, ids string) {
	if li.edit != "" && file == li.edit {
		li.editIDs = ids
		return
	}
	if i, ok := li.files.page(file); ok && i < len(li.ids) {
		li.ids[i], li.scanned[i] = ids, true
		return
	}
	if li.loose == nil {
		li.loose = map[string]string{}
	}
	li.loose[file] = ids
}

// idsOf returns a page's ids, and whether it was scanned.
func (li *linkIndex) idsOf(file string) (string, bool) {
	if li.edit != "" && file == li.edit {
		return li.editIDs, true
	}
	if i, ok := li.files.page(file); ok && i < len(li.ids) && li.scanned[i] {
		return li.ids[i], true
	}
	ids, ok := li.loose[file]
	return ids, ok
}

// renderFailed records that the page in file could not render.
func (li *linkIndex) renderFailed(file string) {
	li.mu.Lock()
	defer li.mu.Unlock()
	if li.failed == nil {
		li.failed = map[string]bool{}
	}
	li.failed[file] = true
}

// hasAnchorOn reports whether the page in file has the id; when lenient,
// a page not rendered yet has every id, and so has a page that failed to
// render, whose error says what is wrong.
func (li *linkIndex) hasAnchorOn(file, id string) bool {
	ids, scanned := li.idsOf(file)
	if li.failed[file] || li.lenient && !scanned {
		return true
	}
	return hasAnchor(ids, id)
}

// hasAnchor reports whether ids, a page's ids each followed by a 0,
// holds id.
func hasAnchor[T string | []byte](ids string, id T) bool {
	for ids != "" {
		var cur string
		cur, ids, _ = strings.Cut(ids, "\x00")
		if cur == string(id) {
			return true
		}
	}
	return false
}

func anchorProblem(l pageLink) string {
	return "points to #" + l.fragment + ", which " + l.target + " does not have"
}

// resolveMemo is resolve, remembering in memo (if not nil) what plain site
// paths resolve to: those do not depend on the page they are on. fine
// reports a link the memo found needs nothing more: its target exists
// and it has no fragment (l is then empty).
func (li *linkIndex) resolveMemo(file string, raw []byte, memo resolvedLinks) (l pageLink, ok, fine bool) {
	// The memo holds plain site paths only: the others need no lookup.
	if len(raw) > 0 && raw[0] == '/' {
		if r, hit := memo[string(raw)]; hit {
			if r.fine {
				return pageLink{}, true, true
			}
			return pageLink{file: file, target: r.target, fragment: r.fragment}, true, false
		}
	}
	r, plain := li.resolvePlain(raw)
	if !plain {
		l, ok := li.resolveOther(file, raw)
		return l, ok, false
	}
	if memo != nil {
		if len(memo) >= maxResolvedLinks {
			clear(memo)
		}
		r.fine = r.fragment == "" && r.target != "" && li.exists(r.target)
		if r.fine {
			// scan needs no more of it: the target's name stays out of
			// the memo (~10 MB at 100k).
			memo[string(raw)] = resolvedLink{fine: true}
			return pageLink{}, true, true
		}
		memo[string(raw)] = r
	}
	return pageLink{file: file, target: r.target, fragment: r.fragment}, true, false
}

// existingPlain reports whether raw is a plain site path, lowercase,
// clean and without a query or fragment, to a file the build writes:
// most links of a page (its menus, cards, pagers, tags). Such a link
// needs nothing more, and is answered by one lookup of the bytes it is,
// with no name made and no memo: at 100 000 pages the workers' memos,
// bounded, were emptied again and again by links seen once (a third of
// the link scan's time). false means "resolve it", not "broken".
func (li *linkIndex) existingPlain(raw []byte) bool {
	base := li.base
	if !strings.HasSuffix(base, "/") || len(raw) < len(base) || string(raw[:len(base)]) != base {
		return false
	}
	rest := raw[len(base):]
	prev := byte('/') // the base's own
	for _, c := range rest {
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '~':
		case c == '/':
			if prev == '/' {
				return false // an empty segment: not clean
			}
		case c == '.':
			if prev == '/' {
				return false // ".", ".." or a dot file: left to resolve
			}
		default:
			return false // a capital, '#', '?', '%' or other
		}
		prev = c
	}
	return li.files.hasLowerClean(rest)
}

// resolve turns an href into the output file it must name; ok is false for
// links that leave the site, and target is "" for a link outside the base
// path.
func (li *linkIndex) resolve(file string, raw []byte) (pageLink, bool) {
	l, ok, _ := li.resolveMemo(file, raw, nil)
	return l, ok
}

// resolveOther resolves a link that is not a plain site path. The two
// common kinds are answered without url.Parse, which allocates: a plain
// "#fragment" (every page links its own main content and footer) and an
// http(s) URL of plain characters (a page's canonical URL, sources).
func (li *linkIndex) resolveOther(file string, raw []byte) (pageLink, bool) {
	if plainWebURL(raw) {
		return pageLink{}, false
	}
	if len(raw) > 0 && raw[0] == '#' && plainFragment(raw[1:]) {
		// An empty path names the page's own file.
		target := file
		if file == "" || strings.HasSuffix(file, "/") {
			target = outputFile("/" + file)
		}
		return pageLink{file: file, target: target, fragment: string(raw[1:])}, true
	}
	return li.resolveURL(file, raw)
}

// plainWebURL reports whether raw is an http or https URL that url.Parse
// reads without error: after the scheme, only unreserved characters and
// "/?#=&" (no port, user, IPv6 host or escapes to check).
func plainWebURL(raw []byte) bool {
	var rest []byte
	switch {
	case bytes.HasPrefix(raw, []byte("https://")):
		rest = raw[len("https://"):]
	case bytes.HasPrefix(raw, []byte("http://")):
		rest = raw[len("http://"):]
	default:
		return false
	}
	for _, c := range rest {
		if !unreserved(c) && c != '/' && c != '?' && c != '#' && c != '=' && c != '&' {
			return false
		}
	}
	return true
}

// plainFragment reports whether url.Parse keeps the fragment frag as it
// is: unreserved characters and ':'.
func plainFragment(frag []byte) bool {
	for _, c := range frag {
		if !unreserved(c) && c != ':' {
			return false
		}
	}
	return true
}

// resolvePlain resolves a plain site path under the base path, the common
// case, without url.Parse.
func (li *linkIndex) resolvePlain(raw []byte) (resolvedLink, bool) {
	if p, frag, plain := plainSitePath(raw); plain && strings.HasPrefix(p, li.base) {
		return resolvedLink{target: outputFile("/" + p[len(li.base):]), fragment: frag}, true
	}
	return resolvedLink{}, false
}

// resolveURL resolves any other href, relative ones against file.
func (li *linkIndex) resolveURL(file string, raw []byte) (l pageLink, ok bool) {
	l.file = file
	ref := string(raw)
	u, err := url.Parse(ref)
	if err != nil {
		return l, true
	}
	if u.Scheme != "" || u.Host != "" {
		return pageLink{}, false
	}
	p := u.Path
	switch {
	case p == "":
		p = "/" + file
	case !strings.HasPrefix(p, "/"):
		p = path.Join("/"+path.Dir(file), p)
		if strings.HasSuffix(u.Path, "/") {
			p += "/"
		}
	case !strings.HasPrefix(p, li.base):
		return l, true
	default:
		p = "/" + strings.TrimPrefix(p, li.base)
	}
	l.target, l.fragment = outputFile(p), u.Fragment
	return l, true
}

// plainSitePath splits "/a/b-c/#x" into path and fragment when url.Parse
// would return them unchanged: an absolute path (not "//host") of
// unreserved characters and slashes, and a fragment of unreserved
// characters and ':'.
func plainSitePath(raw []byte) (p, frag string, ok bool) {
	if len(raw) == 0 || raw[0] != '/' || len(raw) > 1 && raw[1] == '/' {
		return "", "", false
	}
	pathPart, fragPart, _ := bytes.Cut(raw, []byte("#"))
	for _, c := range pathPart {
		if !unreserved(c) && c != '/' {
			return "", "", false
		}
	}
	if !plainFragment(fragPart) {
		return "", "", false
	}
	return string(pathPart), string(fragPart), true
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

// check reports every problem found while scanning, and every link to an
// anchor another page does not have, in file order.
func (li *linkIndex) check(s *Site, l *diag.List) {
	problems := li.problems
	reported := map[[2]string]bool{}
	for _, p := range problems {
		reported[[2]string{p.file, p.raw}] = true
	}
	// The links whose target never rendered or is not a page. Order does
	// not matter: two links of one page with the same text are reported
	// once, and the problems are sorted below.
	pending := li.pending
	for dst, ws := range li.waiting {
		for _, w := range ws {
			pending = append(pending, li.unwait(w, int(dst)))
		}
	}
	for _, k := range pending {
		if !li.hasAnchorOn(k.target, k.fragment) {
			li.broken = append(li.broken, k)
		}
	}
	for _, k := range li.broken {
		if key := [2]string{k.file, k.raw}; !reported[key] {
			reported[key] = true
			k.problem = anchorProblem(k)
			problems = append(problems, k)
		}
	}
	slices.SortFunc(problems, func(a, b pageLink) int {
		if c := strings.Compare(a.file, b.file); c != 0 {
			return c
		}
		return strings.Compare(a.raw, b.raw)
	})
	for _, k := range problems {
		pos := diag.Pos{File: "public/" + k.file}
		hint := "fix the layout that writes it"
		if k.page != nil && k.page.Article != nil {
			pos = s.markdownLinkPos(k.page, k.raw)
			hint = "fix or remove the link in the article"
			if twice := li.base + strings.TrimPrefix(li.base, "/"); li.base != "/" && strings.HasPrefix(k.raw, twice) {
				hint = "the link already starts with the base path " + li.base + ", which is added to every link from the site root: write it as /" + strings.TrimPrefix(k.raw, twice)
			}
		}
		e := l.Errorf(pos, "broken link %q on %s: %s", k.raw, k.page.Path, k.problem)
		e.Hint = hint
	}
}

// markdownLinkPos finds the line of the article that writes the link, so
// the error names the Markdown file:line rather than the HTML.
func (s *Site) markdownLinkPos(p *Page, raw string) diag.Pos {
	a := p.Article
	body, _ := s.text(a.Article)
	target := strings.TrimPrefix(raw, strings.TrimSuffix(s.Config.BasePath(), "/"))
	for _, cand := range []string{raw, target} {
		if i := bytes.Index(body, []byte(cand)); i >= 0 && cand != "" {
			line := a.BodyLine + bytes.Count(body[:i], []byte("\n"))
			col := i - bytes.LastIndexByte(body[:i], '\n')
			return diag.Pos{File: a.File, Line: line, Col: col}
		}
	}
	return diag.Pos{File: a.File}
}
