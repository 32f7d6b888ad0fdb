//go:build !unix

package sitefs

import "io/fs"

// Open is os.DirFS's where there is no cheaper way.
func (f siteFS) Open(name string) (fs.File, error) { return f.FS.Open(name) }
