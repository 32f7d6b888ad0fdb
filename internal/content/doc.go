// Package content reads the site's Markdown articles.
//
// An article is a file content/news/NAME.md that starts with TOML front
// matter between two lines of exactly +++:
//
//	+++
//	title = "Cụm Tây Bắc tổng kết năm 2024"
//	date = 2024-12-04
//	summary = "…"
//	cluster = "tay-bac"
//	meeting = "2024-12-03-tay-bac"
//	provinces = ["son-la", "dien-bien"]
//	tags = ["giao ban"]
//	source = "khhb-2024-12-04"
//	+++
//	Markdown body…
//
// The URL name (slug) is the file name unless front matter sets slug. The
// body is rendered by [Markdown]: goldmark with GitHub tables, autolinks,
// strikethrough, footnotes and typographic quotes; raw HTML is not rendered,
// and a link or image whose URL would run script or embed a document
// (javascript:, vbscript:, data:, however disguised: see [UnsafeScheme]) is
// an error at its line and column ([UnsafeURLs]). Images are lazy-loaded;
// with [Pictures], a local one ("/anh/x.jpg", a file of static/) gets its
// width and height, and one that cannot be found or read is an
// [ImageProblem]; remote ones are not fetched. An article is at most
// [MaxArticleBytes].
//
// [Load] collects every problem in every file — a missing closing +++, a
// bad date, an unknown key — with its line, and returns the articles that
// could be read. References to clusters, meetings and provinces are checked
// by package site, which knows the data.
package content
