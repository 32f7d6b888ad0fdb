// Package scaffold creates new content and data files for editors, with the
// front matter or data template filled in, named by Vietnamese slug:
//
//	khuyenhoc new article "Hội nghị giao ban cụm Tây Bắc"
//	  → content/news/2026-11-23-hoi-nghi-giao-ban-cum-tay-bac.md (draft = true)
//	khuyenhoc new meeting --cluster tay-bac --date 2026-12-05
//	  → data/meetings/2026-12-05-tay-bac.toml
//
// It never overwrites: an existing file is an error naming it. It writes
// only into a site folder (one holding site.toml), so that a wrong working
// folder or a mistyped --source does not scatter new folders about.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/config"
	"github.com/khuyenhoc/khuyenhoc/internal/content"
	"github.com/khuyenhoc/khuyenhoc/internal/data"
	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// ErrExists is returned when the file to create is already there.
var ErrExists = errors.New("already exists; khuyenhoc new never overwrites")

// ErrNotSite is returned when root is not a site folder.
var ErrNotSite = errors.New("is not a site folder (it has no " + config.File + "); run khuyenhoc new in the site folder, or give --source")

// CheckSite reports whether root is a site folder: one holding site.toml.
func CheckSite(root string) error {
	if st, err := os.Stat(filepath.Join(root, config.File)); err != nil || !st.Mode().IsRegular() {
		if abs, err := filepath.Abs(root); err == nil {
			root = abs // "." says nothing
		}
		return fmt.Errorf("%s %w", root, ErrNotSite)
	}
	return nil
}

// Article creates a draft article and returns its path relative to root.
func Article(root, title string, date civil.Date) (string, error) {
	if err := CheckSite(root); err != nil {
		return "", err
	}
	title = strings.TrimSpace(viet.NFC(title))
	slug := viet.Slug(title)
	if slug == "" {
		return "", fmt.Errorf("the title %q has no letters or digits to name the file with", title)
	}
	rel := filepath.Join(filepath.FromSlash(content.NewsDir), date.String()+"-"+slug+".md")
	text := fmt.Sprintf(`+++
title = %s
date = %s
summary = ""
# cluster = "tay-bac"            # id or name from data/clusters.toml
# meeting = "2024-12-03-tay-bac" # file name in data/meetings/, without .toml
provinces = []
tags = []
authors = []
# source = "khhb-2024-12-04"     # id from data/sources.toml, or { publication = "…", url = "…" }
draft = true
+++

Viết nội dung bài ở đây (Markdown).
`, strconv.Quote(title), date)
	return rel, create(root, rel, text)
}

// Meeting creates a meeting file for a cluster on a date.
func Meeting(root string, cluster *data.Cluster, date civil.Date) (string, error) {
	if err := CheckSite(root); err != nil {
		return "", err
	}
	rel := filepath.Join(filepath.FromSlash(data.MeetingsDir), date.String()+"-"+cluster.ID+".toml")
	text := fmt.Sprintf(`schema = %d
cluster = %s
kind = "giao ban"          # giao ban | sơ kết | tổng kết
title = %s
date = %s
place = ""                 # where it was held, e.g. "Sơn La"
# venue = ""
# host = ""                # the host province (id or name)
period = { from = %d-01-01, to = %d-12-31 }
period_label = "năm %d"
summary = ""
articles = []
sources = []               # ids from data/sources.toml

# One [[person]] per person named by the sources.
# [[person]]
# name = ""
# title = ""
# role = "chủ trì"         # chủ trì | chỉ đạo | dự | báo cáo | phát biểu | tham luận
# source = ""

# [[decision]]
# text = ""
# count = 0

# [handover]
# to = ""                  # next host province
# for = "năm %d"
`, data.SchemaVersion, strconv.Quote(cluster.ID),
		strconv.Quote(fmt.Sprintf("Hội nghị giao ban công tác khuyến học năm %d", date.Year)),
		date, date.Year, date.Year, date.Year, date.Year+1)
	return rel, create(root, rel, text)
}

func create(root, rel, text string) error {
	full := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s %w", rel, ErrExists)
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
