// Package config reads site.toml, the site's settings.
//
//	title       = "Khuyến học — các cụm thi đua"   # required
//	base_url    = "https://example.org/khuyenhoc/" # required; may hold a sub-path
//	language    = "vi"                            # required; only "vi" is supported
//	description = "…"
//	per_page    = 10          # items per list page (rows per dataset page: 10×); default 10
//	theme       = "default"   # a folder in themes/
//	unsafe_html = false       # render raw HTML in Markdown (trusted sites only)
//	license     = "CC BY 4.0" # licence of the published data
//
//	[[menu]]
//	name = "Tin tức"
//	url  = "/tin-tuc/"        # site-relative; the base path is added
//
// Unknown keys are errors with their line, so a typo never goes unnoticed.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/decode"
	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// File is the name of the settings file at the site root.
const File = "site.toml"

// Config holds the settings.
type Config struct {
	Title       string `toml:"title" required:"true"`
	BaseURL     string `toml:"base_url" required:"true"`
	Language    string `toml:"language" required:"true"`
	Description string `toml:"description"`
	PerPage     int    `toml:"per_page"`
	Theme       string `toml:"theme"`
	UnsafeHTML  bool   `toml:"unsafe_html"`
	License     string `toml:"license"`
	LicenseURL  string `toml:"license_url"`
	Menu        []Menu `toml:"menu"`

	base *url.URL
}

// Menu is one entry of the main navigation.
type Menu struct {
	Name string `toml:"name" required:"true"`
	URL  string `toml:"url" required:"true"`
}

// Load reads site.toml from fsys, reporting every problem into l.
func Load(fsys fs.FS, l *diag.List) *Config {
	c := &Config{}
	b, err := decode.ReadFile(fsys, File, decode.MaxTOMLBytes)
	var big *decode.TooBigError
	if errors.As(err, &big) {
		big.Report(l, "TOML file", "site.toml holds a few settings; check that it is the right file")
		c.defaults()
		return c
	}
	if err != nil {
		d := l.Errorf(diag.Pos{File: File}, "cannot read the site settings: %v", errUnwrap(err))
		if errors.Is(err, fs.ErrNotExist) {
			d.Hint = "is --source the site folder? It must hold site.toml, content/ and data/"
		}
		c.defaults()
		return c
	}
	doc, _ := decode.TOML(diag.NewSource(File, b), c, l)
	c.defaults()
	if c.Language != "" && c.Language != "vi" {
		doc.Errorf(l, "language", "language %q is not supported", c.Language).Hint = `khuyenhoc publishes in Vietnamese: language = "vi"`
	}
	if c.PerPage < 0 || c.PerPage > 1000 {
		doc.Errorf(l, "per_page", "per_page %d is out of range", c.PerPage).Hint = "use a number from 1 to 1000"
	}
	if c.BaseURL != "" {
		if err := c.SetBaseURL(c.BaseURL); err != nil {
			doc.Errorf(l, "base_url", "%v", err).Hint = `write the full address, e.g. base_url = "https://example.org/khuyenhoc/"`
		}
	}
	if c.LicenseURL != "" && !strings.HasPrefix(c.LicenseURL, "https://") && !strings.HasPrefix(c.LicenseURL, "http://") {
		doc.Errorf(l, "license_url", "license_url %q must start with https:// or http://", c.LicenseURL).Hint = `the address of the licence's text, e.g. license_url = "https://creativecommons.org/licenses/by/4.0/"`
	}
	for i, m := range c.Menu {
		if !strings.HasPrefix(m.URL, "/") {
			doc.Errorf(l, fmt.Sprintf("menu[%d].url", i), "menu url %q must start with /", m.URL).Hint = "menu links are site-relative; the base path is added for you"
		}
	}
	return c
}

func errUnwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (c *Config) defaults() {
	if c.PerPage == 0 {
		c.PerPage = 10
	}
	if c.Theme == "" {
		c.Theme = "default"
	}
	if c.Language == "" {
		c.Language = "vi"
	}
	if c.base == nil {
		c.base = &url.URL{Path: "/"}
	}
}

// SetBaseURL sets the address the site is published at (--base-url).
func (c *Config) SetBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("base_url %q is not an http(s) address", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("base_url %q must not have a query or fragment", raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	c.BaseURL = u.String()
	c.base = u
	return nil
}

// BasePath is the path the site lives under: "/" or "/khuyenhoc/".
func (c *Config) BasePath() string { return c.base.Path }

// RelURL turns a site path ("/tin-tuc/") into the path served
// ("/khuyenhoc/tin-tuc/").
func (c *Config) RelURL(p string) string {
	prefix := strings.TrimSuffix(c.base.Path, "/")
	if prefix == "" && strings.HasPrefix(p, "/") {
		return p // at the root of the host: as it is, without a copy
	}
	return prefix + "/" + strings.TrimPrefix(p, "/")
}

// AbsURL turns a site path into a full address, for feeds and canonical links.
func (c *Config) AbsURL(p string) string {
	u := *c.base
	u.Path = c.RelURL(p)
	return u.String()
}
