// Package search builds the static search index of the site and holds the
// reference implementation of its client.
//
// At build time, Build turns the site's pages (articles, meetings,
// clusters, provinces) into JSON files under tim-kiem/. In the browser,
// themes/default/static/js/search.js fetches the few files a query needs
// and ranks the results; no server is involved and the site may live
// under a sub-path. Query does in Go exactly what search.js does, so that
// tests and the benchmark can check the client's behaviour; the tests run
// both on the same index under node and compare.
//
// # Words
//
// Text is cut into words as viet does it, on both sides:
//
//	s → viet.NormalizeTone (NFC, classic tone placement) → viet.Tokens
//	each token → fold  = viet.Fold(token)          "Đồng" → "dong"
//	             exact = strings.ToLower(token)    "Hoà"  → "hòa"
//
// The fold is the key postings are filed under, so "khuyen hoc" finds
// "khuyến học", "dong bang" finds "ĐỒNG BẰNG" (đ is d), and NFD input or
// the new tone placement ("Hoà") make no difference. The exact form keeps
// diacritics and is recorded per document so that a query typed with
// them ranks documents that spell the word the same way first.
//
// # Ranking
//
// A document matches when it contains every query word (at most ten are
// looked up). While the user is still typing the last word (the query
// does not end in a space or punctuation), that word matches any word it
// begins: "giao b" finds "giao ban". Matches are ordered by, in turn:
//
//  1. phrase: how many adjacent pairs of query words occur adjacent in the
//     document ("hội nghị giao ban" as written beats the four words apart);
//  2. exact: how many query words occur with the query's diacritics
//     ("Hòa Bình" beats "Hoa Binh" for the query "Hòa Bình"; the word
//     being typed counts if a spelling begins with it; a word typed
//     without diacritics never counts, so "hoa binh" favours neither);
//  3. whole: how many query words match a whole word, not only a prefix;
//  4. field weight, summed over the words: title 16, summary 8, people or
//     place 4, body 1–3 by how often the word occurs (once, 2–4, 5+);
//  5. date, newest first.
//
// Filters (type, cluster, year) restrict the matches. Results show the
// title and a snippet with the query words marked: the stored excerpt (the
// first 300 characters of summary and body), cut to 40 words starting 8
// words before the first match.
//
// # Files
//
// All names are relative to tim-kiem/; every file but the manifest is
// named by the first 10 hex digits of the SHA-256 of its content, so it
// can be cached forever. The same documents always give byte-identical
// files: JSON with fixed field order, sorted keys and entries.
//
//	index.json   the manifest, fetched first (revalidate it)
//	s/<h>.json   term shards
//	p/<h>.json   pair shards
//	i/<h>.json   directory pages of large shard lists
//	d/<h>.json   document store chunks
//	a/<h>.json   filter attributes, fetched only when filtering by type or cluster
//
// Documents are numbered in the order undated first, then by date and URL,
// so "newest first" is "highest number first", each year is a contiguous
// range, and a new article leaves the other documents' numbers alone.
//
// The manifest:
//
//	{"v":1, "n":<documents>, "budget":<shards>,
//	 "terms":{"dir":"s/", "per":128, "pages":[[<first key>, <page>], …]},
//	 "pairs":{"dir":"p/", "per":128, "pages":[…]},
//	 "docs":{"dir":"d/", "per":<documents per chunk>, "hashes":"<10 hex per chunk>…"},
//	 "attrs":"a/<h>.json",
//	 "types":[[<id>, <label>], …], "clusters":[[<id>, <name>], …],
//	 "years":[[<year>, <first document>, <end document>], …]}
//
// A shard list is cut into pages of per shards; shard j is entry j%per of
// page j/per. A page is {"keys":[<first key of each shard>], "hashes":"<10
// hex per shard>…"}; it is inline in the manifest when there is only one,
// else the file name "i/<h>.json". The first key of the first shard is "".
// Keys sort by UTF-16 code units (JavaScript's <), so a binary search finds
// the one shard that can hold a key, and the run of shards that can hold
// keys beginning with a prefix p is that of p up to that of p+"\uffff".
//
// A term shard is a sorted array of [<fold>, [<exact forms>], <postings>];
// the exact forms are ordered by how many documents use them (at most 24).
// A pair shard is a sorted array of ["<fold> <fold>", <postings>] for every
// two words adjacent within a field. Postings are a string over the
// alphabet A–Z a–z 0–9 - _ (values 0–63), per document in ascending order:
//
//	<gap> <flags> [<mask>]
//
// gap is the document number minus the previous one minus one (the first
// minus -1 minus one); gap and mask are base-32 numbers, most significant
// digit first, every digit but the last taken from the upper half of the
// alphabet (value+32). flags is one character: the field weight in its
// low five bits (16 title, 8 summary, 4 people or place, 0–3 body bucket),
// and 32 when a mask follows; without it the document uses only the first
// exact form, with it bit i of mask says it uses exact form i.
//
// A document chunk is an array of [url, type, title, date, cluster,
// excerpt]; document k is entry k%per of chunk k/per. The attributes file
// is {"t":[<type index per document>], "c":[<1 + cluster index, or 0>]}.
//
// # Building
//
// Build analyses the documents on every CPU, a batch of blocks at a time:
// words are interned to term and form ids in one shared dictionary (each
// worker caches it), a pair is known by its two term ids, and each block
// becomes compact arrays of hits. These are then appended, in merge order
// and again on every CPU, to per-term and per-pair posting buffers; each
// merger keeps the pairs it owns in an open-addressing table of its own
// and appends a batch's pair hits in table order, for the cache, to
// chunks carved from large pages (byteChunks), which are copied out, in
// key order, into one block per merger (a merger at a time, its chunks
// let go once copied) when the pair shards are written. The merge
// order is highest document number first, and postings are turned round
// as they are written. The entries, shards and store chunks are written
// as JSON by hand, made and hashed in parallel a group at a time; BuildTo
// hands each group over as soon as it is made, so the index need not be
// held whole. Text that is ASCII or precomposed Latin (Vietnamese
// included) is cut into words directly; anything else goes through
// analyze, word for word as the client does. The old, simple builder is
// kept in reference_test.go, and TestBuildMatchesReference checks the two
// give byte-identical files. MarkdownText turns an article's Markdown
// into its Body without a parser, in three passes over one pooled buffer.
// BenchmarkBuild10k and BenchmarkBuild100k measure it.
//
// A Builder takes the bodies of Deferred documents one at a time, from
// several goroutines (a site's render workers, which read each article
// anyway), reduces each to text at once, analyses them 64 at a time (so
// that the analyzer's tables are warm, not pushed out of the caches by
// the render between two articles) and keeps only the analysis. The
// analyses are merged, 64 or more at a time, once every document before
// them in merge order is: a site renders its news newest first, which is
// that order, so few wait.
// TestBuilderMatchesBuild checks it writes what Build writes, whatever the
// order; BenchmarkBuilder10k measures it.
//
// # What a query fetches
//
// The manifest, the directory pages of its keys (if not inline), the term
// shard of each word, the pair shard of each adjacent pair, the chunks of
// the results shown (ten at first) and, with a type or cluster filter,
// the attributes file. For the word being typed it also fetches the shards
// of the words it may complete to, if they are at most budget shards more
// (about 96 KB); otherwise it completes the word only after the word
// before it, from the pair shards (so the phrase matches, which rank first
// anyway, are found), and a one-word query matches it whole. The pair
// shards for that completion come under the same budget.
//
// BenchmarkSearch10k measures it on a generated site of 10,000 articles of
// about 6 KB: see the package's tests for the figures.
package search
