package site

import (
	"fmt"
	"path"
	"strings"
)

// Site paths of every page kind. Paths are Vietnamese, like the portal.
func articleURL(slug string) string { return "/tin-tuc/" + slug + "/" }
func newsURL(page int) string       { return pagedURL("/tin-tuc/", page) }
func meetingURL(id string) string   { return "/hoi-nghi/" + id + "/" }
func clusterURL(id string) string   { return "/cum-thi-dua/" + id + "/" }
func provinceURL(id string) string  { return "/tinh/" + id + "/" }

// Paginated lists: page 1 at the list's own path, page n at .../trang/n/.
func meetingYearURL(y, page int) string {
	return pagedURL(fmt.Sprintf("/hoi-nghi/nam/%d/", y), page)
}
func clusterArticlesURL(id string, page int) string {
	return pagedURL(clusterURL(id)+"tin-tuc/", page)
}
func clusterMeetingsURL(id string, page int) string {
	return pagedURL(clusterURL(id)+"hoi-nghi/", page)
}
func provinceArticlesURL(id string, page int) string {
	return pagedURL(provinceURL(id)+"tin-tuc/", page)
}
func provinceMeetingsURL(id string, page int) string {
	return pagedURL(provinceURL(id)+"hoi-nghi/", page)
}
func termMeetingsURL(term string, page int) string { return pagedURL(term+"hoi-nghi/", page) }

const (
	meetingsURL  = "/hoi-nghi/"
	clustersURL  = "/cum-thi-dua/"
	provincesURL = "/tinh/"
	dataURL      = "/du-lieu/"
)

func pagedURL(base string, page int) string {
	if page <= 1 {
		return base
	}
	return fmt.Sprintf("%strang/%d/", base, page)
}

// outputFile maps a site path to the file that serves it.
func outputFile(p string) string {
	if !strings.HasSuffix(p, "/") {
		return strings.TrimPrefix(p, "/")
	}
	dir := strings.TrimPrefix(p, "/")
	// A clean path (the usual case) needs no path.Join, which allocates
	// twice; path.Clean of a clean path allocates nothing.
	if d := strings.TrimSuffix(dir, "/"); d != "" && path.Clean(d) == d {
		return dir + "index.html"
	}
	return path.Join(dir, "index.html")
}
