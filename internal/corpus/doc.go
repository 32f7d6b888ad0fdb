// Package corpus writes a complete, realistic khuyenhoc site of any size,
// for benchmarks and load tests. It is the manual for making one.
//
// # Making a site
//
//	go run ./cmd/khuyenhoc-corpus -n 10000 -seed 1 -out /tmp/site10k
//	go run ./cmd/khuyenhoc check --source /tmp/site10k   # 0 errors, 0 warnings
//	go run ./cmd/khuyenhoc build --source /tmp/site10k --output /tmp/site10k-public
//
// or from Go (tests, benchmarks):
//
//	err := corpus.Generate(dir, 10000, 1)
//
// The same n and seed give byte-identical files on every machine and run.
// The folder must be new, empty, or a corpus written earlier (it holds a
// .khuyenhoc-corpus marker); an earlier corpus is replaced.
//
// # What is in it
//
// For n articles:
//
//	site.toml                    the sample portal's settings, per_page = 10
//	themes/default/              copied from the khuyenhoc source tree
//	static/images/anh-1..8.svg   small pictures the articles show
//	data/provinces.toml          copied from the sample site: 63 provinces before
//	                             the 2025-07-01 merger, 34 after
//	data/clusters.toml           max(4, n/500) clusters: up to eight regional
//	                             clusters whose members share out the provinces
//	                             (one cluster each, as the real ones do; merged
//	                             provinces leave on 2025-06-30), the rest
//	                             clusters of 4–7 district associations inside
//	                             one province; two leader terms each
//	data/sources.toml            one source per meeting, a general one, and the
//	                             sample's sources the provinces cite
//	data/meetings/*.toml         max(4, n/20) meetings between 2016 and mid-2025,
//	                             hosted by a member, with 3–5 people (each
//	                             cluster has six recurring officials), a
//	                             decision, a handover to another member
//	data/tables/*.csv            per meeting: funds (host and another member,
//	                             or the district cluster's total),
//	                             scholarships, associations, two learning
//	                             models; members: one row per cluster and year
//	content/news/*.md            n articles, ~6 KB of Vietnamese Markdown each
//
// An article has the same +++ TOML front matter as real content (title,
// date, summary, meeting or cluster, provinces, tags, authors, source, one
// image with alt text and credit) and a body of about 6 KB: an opening
// paragraph naming the meeting's people, four or five ## sections, a bullet
// list, a numbered list, a GFM table of provincial figures, a quotation,
// sometimes a footnote, an image, and links — to two or three other
// articles (/tin-tuc/SLUG/, one of them to a heading, #ket-qua-noi-bat), to
// the cluster (/cum-thi-dua/ID/), to provinces (/tinh/ID/), to a heading on
// the same page, and to outside sites. About 60 % of articles report on a
// meeting, 25 % on a cluster, the rest on provinces alone.
//
// Every reference resolves and every link points to a page the build
// writes, so `khuyenhoc check` reports nothing; the package's test checks
// that for a small corpus.
//
// # Finding the source tree
//
// The theme and provinces are copied from the khuyenhoc source tree: the
// folder named by $KHUYENHOC_ROOT, else the nearest folder above the
// working directory whose go.mod is this module's, else the tree this
// package was compiled from. [GenerateFrom] takes it explicitly.
package corpus
