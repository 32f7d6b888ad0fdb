package site

import (
	"path"
	"strings"
)

// fileTable holds every path a build claims, and the folders they make:
// 240 000 files at 100 000 articles, kept for the whole build. A page's
// entry is its index in the site's pages and its key is a part of its
// site path, so a page costs one map entry and no string of its own. A
// map of file names to their origins, a set of the names and a map of
// folders took ~75 MB at 100 000 articles, all live through the render
// (bench/PROFILE.md, fifth round).
//
// A file's key is its path lower-cased (the output is often copied to a
// file system that ignores case), without a final "index.html" after a
// slash: "tin-tuc/x/" for tin-tuc/x/index.html. A folder's key is its
// path and a slash, the same as its index file's, so one entry stands for
// both; a folder with no index file has an entry of its own (entryDir)
// naming the first file claimed in it, for messages.
type fileTable struct {
	keys map[string]uint32
	// late holds what is claimed after freeze: keys is then read by the
	// link checker without a lock, while the search index, built
	// alongside the render, still claims its files.
	late   map[string]uint32
	frozen bool
	pages  []*Page
	plain  []bool // plainPagePath of each page's path, asked on every link
	others []claim
	// under keeps the first file claimed in a folder whose index file was
	// claimed after it, which the folder's entry named before.
	under map[string]uint32
	// indexFolders counts folders named index.html ("a/index.html/b"),
	// which only a file claimed as "a/index.html" can clash with.
	indexFolders int
}

const (
	entryDir  = 1 << 31 // a folder only; the rest is the first file claimed in it
	entryPage = 1 << 30 // the rest is an index in pages, else in others
	// entryExact: the file's name is its key, or its key and "index.html"
	// (a lowercase name), so a link to the key's file needs no look at
	// the page or file the entry names (hasLowerClean).
	entryExact = 1 << 29
	entryMask  = entryExact - 1
)

// fileKey is the key of the output file p.
func fileKey(p string) string {
	k := strings.ToLower(p)
	if k == "index.html" {
		return ""
	}
	if strings.HasSuffix(k, "/index.html") {
		return k[:len(k)-len("index.html")]
	}
	return k
}

// pageKey is fileKey(outputFile(p)) for the site path p of a page: a
// part of p, for every page's path (see plainPagePath).
func pageKey(p string) string {
	if plainPagePath(p) {
		return strings.ToLower(p[1:])
	}
	return fileKey(outputFile(p))
}

// plainPagePath reports whether outputFile(p) is p without its leading
// slash, and "index.html": a clean path ending in a slash.
func plainPagePath(p string) bool {
	if p == "/" {
		return true
	}
	if len(p) < 3 || p[0] != '/' || p[len(p)-1] != '/' {
		return false
	}
	d := p[1 : len(p)-1]
	return path.Clean(d) == d
}

func (t *fileTable) lookup(k string) (uint32, bool) {
	if v, ok := t.keys[k]; ok {
		return v, true
	}
	v, ok := t.late[k]
	return v, ok
}

func (t *fileTable) set(k string, v uint32) {
	m := &t.keys
	if t.frozen {
		m = &t.late
	}
	if *m == nil {
		*m = map[string]uint32{}
	}
	(*m)[k] = v
	if strings.HasSuffix(k, "/index.html/") || k == "index.html/" {
		t.indexFolders++
	}
}

// path is the file of entry v, as claimed.
func (t *fileTable) path(v uint32) string {
	if v&entryPage != 0 {
		return outputFile(t.pages[v&entryMask].Path)
	}
	return t.others[v&entryMask].path
}

// origin is where the file of entry v comes from.
func (t *fileTable) origin(v uint32) origin {
	if v&entryPage != 0 {
		return pageOrigin(t.pages[v&entryMask])
	}
	return t.others[v&entryMask].from
}

// is reports whether entry v is the file named file, letter case
// included; a page's file name is not made for it.
func (t *fileTable) is(v uint32, file string) bool {
	if v&entryDir != 0 {
		return false
	}
	if v&entryPage == 0 {
		return t.others[v&entryMask].path == file
	}
	i := v & entryMask
	p := t.pages[i].Path
	if t.plain[i] {
		return strings.HasSuffix(file, "index.html") && file[:len(file)-len("index.html")] == p[1:]
	}
	return outputFile(p) == file
}

// has reports whether file was claimed before freeze. It may be called
// from many goroutines after freeze.
func (t *fileTable) has(file string) bool {
	v, ok := t.keys[fileKey(file)]
	return ok && t.is(v, file)
}

// hasLowerClean is has(outputFile("/" + string(rest))) for rest a clean,
// lowercase path of unreserved characters (linkIndex.existingPlain's
// links), without making the file's name: true is has's answer, false
// means "ask has". A link scan asks it of most links of every page.
//
// fileKey of that file is rest itself. An entry under it is the file
// only if exact: a file whose name is not exact has a capital letter,
// and cannot be the lowercase file asked for.
func (t *fileTable) hasLowerClean(rest []byte) bool {
	v, ok := t.keys[string(rest)]
	return ok && v&(entryDir|entryExact) == entryExact
}

// page returns the index of the page written to file, claimed before
// freeze.
func (t *fileTable) page(file string) (int, bool) {
	v, ok := t.keys[fileKey(file)]
	if !ok || v&entryPage == 0 || !t.is(v, file) {
		return 0, false
	}
	return int(v & entryMask), true
}

// each calls f with every file claimed.
func (t *fileTable) each(f func(string)) {
	for _, m := range []map[string]uint32{t.keys, t.late} {
		for _, v := range m {
			if v&entryDir == 0 {
				f(t.path(v))
			}
		}
	}
}

// add enters the file p, key k, as entry v. A clash with a file claimed
// before is given to clash, with the other file's entry and what is
// written twice, and add returns false.
func (t *fileTable) add(p, k string, v uint32, clash func(other uint32, what string) bool) bool {
	if prev, ok := t.lookup(k); ok && prev&entryDir == 0 {
		if prevPath := t.path(prev); prevPath != p {
			return clash(prev, prevPath+" and "+p+", one file where letter case is ignored")
		}
		return clash(prev, p)
	}
	// p is a folder already: a file was claimed inside it.
	if !strings.HasSuffix(k, "/") || t.indexFolders > 0 {
		if in, ok := t.lookup(strings.ToLower(p) + "/"); ok {
			if u, ok := t.under[strings.ToLower(p)+"/"]; ok {
				in = u
			}
			return clash(in&^entryDir, p+": a file, where "+t.path(in&^entryDir)+" needs a folder")
		}
	}
	// A folder p needs is a file.
	for i := folderEnd(k, len(k)); i > 0; i = folderEnd(k, i) {
		if prev, ok := t.lookup(fileKey(k[:i])); ok && prev&entryDir == 0 {
			return clash(prev, t.path(prev)+": a file, where "+p+" needs a folder")
		}
	}
	if prev, ok := t.lookup(k); ok {
		// The folder's first file stays the one its messages name.
		if t.under == nil {
			t.under = map[string]uint32{}
		}
		t.under[k] = prev &^ entryDir
	}
	if p == k || len(p) == len(k)+len("index.html") && p[:len(k)] == k && p[len(k):] == "index.html" {
		v |= entryExact
	}
	t.set(k, v)
	for i := folderEnd(k, len(k)); i > 0; i = folderEnd(k, i) {
		fk := k[:i+1]
		if fk == k {
			continue // an index file's own folder: its entry
		}
		if _, ok := t.lookup(fk); ok {
			break // and the folders above it
		}
		t.set(fk, entryDir|v)
	}
	return true
}

// folderEnd returns where, in the key k, the folder ends that holds what
// ends at end (the index of its final slash), or -1 at the top: the
// folders above the file of k are k[:folderEnd(k, len(k))], and so on.
func folderEnd(k string, end int) int {
	if end == len(k) && strings.HasSuffix(k, "/") {
		return end - 1 // an index file is in the folder of its key
	}
	return strings.LastIndexByte(k[:end], '/')
}
