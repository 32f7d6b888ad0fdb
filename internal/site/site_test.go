package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
)

// baseSite is a small but complete site: five provinces (Hòa Bình merged
// into Phú Thọ on 1/7/2025), two clusters, two meetings in two years, two
// sources, three articles and two tables. Tests extend it by appending
// files; a file appended with the same name replaces the fixture's.
const baseSite = `
-- site.toml --
title = "Khuyến học thử"
base_url = "https://example.org/khuyenhoc/"
language = "vi"
description = "Trang thử của hội khuyến học."
license = "CC BY 4.0"

[[menu]]
name = "Tin tức"
url = "/tin-tuc/"

[[menu]]
name = "Hội nghị"
url = "/hoi-nghi/"
-- data/provinces.toml --
schema = 1

[[province]]
id = "son-la"
name = "Sơn La"
kind = "tỉnh"

[[province]]
id = "dien-bien"
name = "Điện Biên"
kind = "tỉnh"

[[province]]
id = "phu-tho"
name = "Phú Thọ"
kind = "tỉnh"

[[province]]
id = "hoa-binh"
name = "Hòa Bình"
kind = "tỉnh"
aliases = ["Hoà Bình"]
until = 2025-06-30
merged_into = "phu-tho"
note = "Nhập vào tỉnh Phú Thọ."

[[province]]
id = "ha-tinh"
name = "Hà Tĩnh"
kind = "tỉnh"
-- data/clusters.toml --
schema = 1

[[cluster]]
id = "tay-bac"
name = "Cụm thi đua khuyến học Tây Bắc"
short_name = "Tây Bắc"
level = "tỉnh"
description = "Cụm của các tỉnh Tây Bắc."

  [[cluster.member]]
  province = "son-la"
  from = 2020-01-01

  [[cluster.member]]
  province = "dien-bien"

  [[cluster.member]]
  province = "hoa-binh"
  to = 2025-06-30
  note = "Nhập vào Phú Thọ."

  [[cluster.leader]]
  province = "son-la"
  person = "Nguyễn Văn Cụm"
  title = "Chủ tịch Hội Khuyến học tỉnh Sơn La"
  term = "2021–2026"
  from = 2021-01-01
  to = 2026-12-31
  source = "bao-a-2024"

[[cluster]]
id = "bac-trung-bo"
name = "Cụm thi đua khuyến học Bắc Trung Bộ"
short_name = "Bắc Trung Bộ"
level = "tỉnh"

  [[cluster.member]]
  province = "ha-tinh"
-- data/sources.toml --
schema = 1

[[source]]
id = "bao-a-2024"
publication = "Báo Khuyến học"
title = "Cụm Tây Bắc giao ban"
date = 2024-12-04
url = "https://example.com/bao-a"

[[source]]
id = "bao-b-2023"
publication = "Tạp chí Công dân"
title = "Bắc Trung Bộ tổng kết"
date = 2023-11-21
article = "bac-trung-bo-2023"
-- data/meetings/2024-12-03-tay-bac.toml --
schema = 1
cluster = "tay-bac"
kind = "giao ban"
title = "Hội nghị giao ban năm 2024 Cụm Tây Bắc"
date = 2024-12-03
place = "Sơn La"
host = "son-la"
period_label = "năm 2024"
summary = "Các tỉnh Tây Bắc báo cáo kết quả năm 2024."
articles = ["tay-bac-2024"]
sources = ["bao-a-2024"]

[[person]]
name = "Trần Thị Chủ"
title = "Phó Chủ tịch Hội Khuyến học Việt Nam"
role = "chủ trì"

[[person]]
name = "Lê Văn Luận"
title = "Chủ tịch Hội Khuyến học huyện Cao Phong"
role = "tham luận"
province = "hoa-binh"

[[decision]]
text = "Thống nhất 9 nhiệm vụ trọng tâm năm 2025."
count = 9

[handover]
to = "dien-bien"
for = "năm 2025"
note = "Sơn La trao cờ cho Điện Biên."
-- data/meetings/2023-11-20-bac-trung-bo.toml --
schema = 1
cluster = "bac-trung-bo"
kind = "tổng kết"
title = "Hội nghị tổng kết năm 2023 Cụm Bắc Trung Bộ"
date = 2023-11-20
place = "Hà Tĩnh"
host = "ha-tinh"
sources = ["bao-b-2023"]
-- data/tables/funds.csv --
# schema: 1
unit,year,period,as_of,purpose,raised,disbursed,meeting,source,note
son-la,2024,,,quỹ khuyến học,12 tỷ,,2024-12-03-tay-bac,bao-a-2024,
hoa-binh,2024,,,quỹ khuyến học,gần 8 tỷ,,2024-12-03-tay-bac,bao-a-2024,
ha-tinh,2023,,,quỹ khuyến học,hơn 15 tỷ,,2023-11-20-bac-trung-bo,bao-b-2023,
-- data/tables/members.csv --
# schema: 1
unit,year,period,as_of,members,population_ratio,meeting,source,note
tay-bac,2024,,,512.345,"21,5",2024-12-03-tay-bac,bao-a-2024,Toàn cụm.
-- content/news/tay-bac-2024.md --
+++
title = "Cụm Tây Bắc giao ban năm 2024"
date = 2024-12-04
summary = "Các tỉnh Tây Bắc họp tại Sơn La."
meeting = "2024-12-03-tay-bac"
provinces = ["son-la", "hoa-binh"]
source = "bao-a-2024"
+++

Ngày 3/12/2024, cụm Tây Bắc họp giao ban tại Sơn La.
-- content/news/bac-trung-bo-2023.md --
+++
title = "Bắc Trung Bộ tổng kết năm 2023"
date = 2023-11-21
summary = "Hà Tĩnh đăng cai hội nghị tổng kết."
cluster = "bac-trung-bo"
meeting = "2023-11-20-bac-trung-bo"
source = "bao-b-2023"
+++

Hội nghị tổng kết diễn ra tại Hà Tĩnh.
-- content/news/khai-giang-2022.md --
+++
title = "Khai giảng lớp học cộng đồng"
date = 2022-09-05
summary = "Một lớp học mới ở Điện Biên."
provinces = ["dien-bien"]
+++

Lớp học khai giảng ngày 5/9/2022.
`

// moreNews brings baseSite to five articles.
const moreNews = `
-- content/news/tin-2021.md --
+++
title = "Tin năm 2021"
date = 2021-05-01
summary = "Một tin cũ."
+++

Nội dung.
-- content/news/tin-2020.md --
+++
title = "Tin năm 2020"
date = 2020-03-01
summary = "Một tin cũ hơn."
+++

Nội dung.
`

// markdownArticle uses every Markdown feature the portal renders, and
// some it must not.
const markdownArticle = `
-- content/news/dinh-dang.md --
+++
title = "Định dạng bài viết"
date = 2024-12-04
summary = "Bài thử các định dạng Markdown."
cluster = "tay-bac"
+++

## Đóng góp của đồng bào

| Tỉnh | Số tiền (đồng) |
|---|---:|
| Sơn La | 553.532.000 |

Quỹ đã vượt kế hoạch[^kh]. Kế hoạch cũ là ~~10 tỷ~~ 12 tỷ.

Ông nói: "Học, học nữa, học mãi".

<script>alert(1)</script>

Đọc [tin khai giảng](/tin-tuc/khai-giang-2022/).

## Kết quả

## Kết quả

## Nội dung

[^kh]: Theo báo cáo của hội.
`

// imageArticle has a picture from the site's own static folder and
// site-relative links, which must all get the base path.
const imageArticle = `
-- static/anh/lop-hoc.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"></svg>
-- content/news/lop-hoc.md --
+++
title = "Lớp học cộng đồng ở Điện Biên"
date = 2022-09-06
summary = "Ảnh lớp học."

[[image]]
src = "/anh/lop-hoc.svg"
alt = "Lớp học buổi tối"
credit = "Ảnh: Hội Khuyến học"
+++

![Lớp học buổi tối](/anh/lop-hoc.svg)

Xem thêm [tin khai giảng](/tin-tuc/khai-giang-2022/) và [các cột của bảng quỹ](/du-lieu/funds/#cac-cot).
`

func TestBaseSite(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite)
	r.AssertNoDiags(t)
	r.AssertExists(t,
		".khuyenhoc-output", "index.html", "404.html",
		"tin-tuc/index.html", "tin-tuc/tay-bac-2024/index.html", "tin-tuc/bac-trung-bo-2023/index.html", "tin-tuc/khai-giang-2022/index.html",
		"hoi-nghi/index.html", "hoi-nghi/nam/2024/index.html", "hoi-nghi/nam/2023/index.html",
		"hoi-nghi/2024-12-03-tay-bac/index.html", "hoi-nghi/2023-11-20-bac-trung-bo/index.html",
		"cum-thi-dua/index.html", "cum-thi-dua/tay-bac/index.html", "cum-thi-dua/bac-trung-bo/index.html",
		"tinh/index.html", "tinh/son-la/index.html", "tinh/dien-bien/index.html", "tinh/phu-tho/index.html", "tinh/hoa-binh/index.html", "tinh/ha-tinh/index.html",
		"du-lieu/index.html", "du-lieu/funds.csv", "du-lieu/members.csv", "du-lieu/goc/funds.csv", "du-lieu/goc/members.csv",
		"css/site.css", "favicon.svg", "vendor/echarts/echarts.min.js", "vendor/echarts/langVI.js",
	)
	r.AssertNoFile(t, "tin-tuc/trang", "du-lieu/scholarships.csv")
	got := map[string]int{}
	for _, k := range r.Stats.Kinds {
		got[k.Kind] = k.N
	}
	want := map[string]int{"home": 1, "news": 1, "article": 3, "meetings": 3, "meeting": 2,
		"clusters": 1, "cluster": 2, "provinces": 1, "province": 5, "data": 1, "404": 1}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%d %s pages, want %d (all: %v)", got[k], k, n, r.Stats.Kinds)
		}
	}
}

func TestHome(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+moreNews+`
-- content/news/tin-2019.md --
+++
title = "Tin năm 2019"
date = 2019-01-02
summary = "Tin cũ nhất."
+++

Nội dung.
`)
	r.AssertFileContent(t, "index.html",
		"<title>Khuyến học thử</title>",
		// Headline figures come from the newest meeting that reported any.
		`Từ <a href="/khuyenhoc/hoi-nghi/2024-12-03-tay-bac/">Hội nghị giao ban năm 2024 Cụm Tây Bắc</a> — Tây Bắc, Thứ Ba, 3/12/2024`,
		`<span class="value">12 tỷ đồng</span><span class="label">Quỹ khuyến học vận động được — Sơn La</span>`,
		`<span class="value">gần 8 tỷ đồng</span><span class="label">Quỹ khuyến học vận động được — Hòa Bình</span>`,
		`<span class="value">512.345</span><span class="label">Hội viên — Tây Bắc</span>`,
		`<span class="value">21,5%</span>`,
		// A chart, with its data download and ECharts, all under the base
		// path.
		`<div id="chart-trang-chu-`,
		`<table class="chart-table">`,
		`<a href="/khuyenhoc/du-lieu/bieu-do/trang-chu-`,
		`<script src="/khuyenhoc/vendor/echarts/echarts.min.js"></script>`,
		`<script src="/khuyenhoc/vendor/echarts/langVI.js"></script>`,
		// Five articles of six.
		`! tin-2019`,
	)
	r.AssertOrder(t, "index.html",
		`<h2 id="tin-moi">`,
		`<a href="/khuyenhoc/tin-tuc/tay-bac-2024/">Cụm Tây Bắc giao ban năm 2024</a>`,
		`<time datetime="2024-12-04">Thứ Tư, 4/12/2024</time>`,
		`<a href="/khuyenhoc/tin-tuc/bac-trung-bo-2023/">`,
		`<a href="/khuyenhoc/tin-tuc/khai-giang-2022/">`,
		`<a href="/khuyenhoc/tin-tuc/tin-2021/">`,
		`<a href="/khuyenhoc/tin-tuc/tin-2020/">`,
		`<h2 id="hoi-nghi-moi">`,
		`<a href="/khuyenhoc/hoi-nghi/2024-12-03-tay-bac/">`,
		`<a href="/khuyenhoc/hoi-nghi/2023-11-20-bac-trung-bo/">`,
	)
	r.AssertExists(t, "vendor/echarts/echarts.min.js", "vendor/echarts/langVI.js")
	assertChartDownloads(t, r, "index.html")
	// A page without a chart does not load ECharts.
	r.AssertFileContent(t, "tin-tuc/index.html", "! echarts")
}

func TestNewsPagination(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+moreNews+`
-- site.toml --
title = "Khuyến học thử"
base_url = "https://example.org/khuyenhoc/"
language = "vi"
per_page = 2
`)
	r.AssertExists(t, "tin-tuc/index.html", "tin-tuc/trang/2/index.html", "tin-tuc/trang/3/index.html")
	r.AssertNoFile(t, "tin-tuc/trang/1", "tin-tuc/trang/4")
	r.AssertFileContent(t, "tin-tuc/index.html",
		`href="/khuyenhoc/tin-tuc/tay-bac-2024/"`,
		`href="/khuyenhoc/tin-tuc/bac-trung-bo-2023/"`,
		`! href="/khuyenhoc/tin-tuc/khai-giang-2022/"`,
		`<span aria-current="page">1</span>`,
		`<a href="/khuyenhoc/tin-tuc/trang/2/">2</a>`,
		`<a href="/khuyenhoc/tin-tuc/trang/3/">3</a>`,
		`<a href="/khuyenhoc/tin-tuc/trang/2/" rel="next">`,
		`! rel="prev"`,
	)
	r.AssertFileContent(t, "tin-tuc/trang/2/index.html",
		"<title>Tin tức – trang 2 – Khuyến học thử</title>",
		`href="/khuyenhoc/tin-tuc/khai-giang-2022/"`,
		`href="/khuyenhoc/tin-tuc/tin-2021/"`,
		`! href="/khuyenhoc/tin-tuc/tay-bac-2024/"`,
		`! href="/khuyenhoc/tin-tuc/tin-2020/"`,
		`<a href="/khuyenhoc/tin-tuc/" rel="prev">`,
		`<a href="/khuyenhoc/tin-tuc/">1</a>`,
		`<span aria-current="page">2</span>`,
		`<a href="/khuyenhoc/tin-tuc/trang/3/">3</a>`,
		`<a href="/khuyenhoc/tin-tuc/trang/3/" rel="next">`,
	)
	r.AssertFileContent(t, "tin-tuc/trang/3/index.html",
		`href="/khuyenhoc/tin-tuc/tin-2020/"`,
		`! href="/khuyenhoc/tin-tuc/tin-2021/"`,
		`<a href="/khuyenhoc/tin-tuc/trang/2/" rel="prev">`,
		`<span aria-current="page">3</span>`,
		`! rel="next"`,
	)
}

func TestArticlePage(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite)
	r.AssertFileContent(t, "tin-tuc/tay-bac-2024/index.html",
		"<title>Cụm Tây Bắc giao ban năm 2024 – Khuyến học thử</title>",
		`<h1>Cụm Tây Bắc giao ban năm 2024</h1>`,
		`<time datetime="2024-12-04">Thứ Tư, 4/12/2024</time>`,
		// The cluster comes from the meeting.
		`<a href="/khuyenhoc/cum-thi-dua/tay-bac/">Tây Bắc</a>`,
		`<p class="lead">Các tỉnh Tây Bắc họp tại Sơn La.</p>`,
		`<p>Ngày 3/12/2024, cụm Tây Bắc họp giao ban tại Sơn La.</p>`,
		`Hội nghị: <a href="/khuyenhoc/hoi-nghi/2024-12-03-tay-bac/">Hội nghị giao ban năm 2024 Cụm Tây Bắc</a>`,
		`Tỉnh, thành phố: <a href="/khuyenhoc/tinh/son-la/">Sơn La</a>, <a href="/khuyenhoc/tinh/hoa-binh/">Hòa Bình</a>`,
		`Bài viết dựa trên: <a href="https://example.com/bao-a" rel="external">Báo Khuyến học</a>, “Cụm Tây Bắc giao ban”, 4/12/2024.`,
		// The newest article has an older neighbour only.
		`<a rel="next" href="/khuyenhoc/tin-tuc/bac-trung-bo-2023/">`,
		`! rel="prev"`,
	)
	r.AssertFileContent(t, "tin-tuc/bac-trung-bo-2023/index.html",
		`<a rel="prev" href="/khuyenhoc/tin-tuc/tay-bac-2024/">`,
		`<a rel="next" href="/khuyenhoc/tin-tuc/khai-giang-2022/">`,
		`<time datetime="2023-11-21">Thứ Ba, 21/11/2023</time>`,
	)
}

func TestArticleMarkdown(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+markdownArticle)
	r.AssertFileContent(t, "tin-tuc/dinh-dang/index.html",
		`<time datetime="2024-12-04">Thứ Tư, 4/12/2024</time>`,
		`<a href="/khuyenhoc/cum-thi-dua/tay-bac/">Tây Bắc</a>`,
		// Heading ids are Vietnamese slugs (đ → d), unique on the page.
		`<h2 id="dong-gop-cua-dong-bao">Đóng góp của đồng bào</h2>`,
		`<h2 id="ket-qua">Kết quả</h2>`,
		`<h2 id="ket-qua-1">Kết quả</h2>`,
		// ... and never one the page around it uses: the skip link goes to
		// <main id="noi-dung">, not to this heading.
		`<main id="noi-dung"`,
		`<h2 id="noi-dung-1">Nội dung</h2>`,
		`! <h2 id="noi-dung">`,
		// GitHub tables, with the column alignment.
		`<table>`,
		`<th>Tỉnh</th>`,
		`<td>Sơn La</td>`,
		`553.532.000</td>`,
		`text-align:right`,
		// Footnotes, both ways.
		`href="#fn:1"`,
		`<li id="fn:1">`,
		`Theo báo cáo của hội.`,
		`href="#fnref:1"`,
		// Strikethrough and typographic quotes.
		`<del>10 tỷ</del>`,
		`&ldquo;Học, học nữa, học mãi&rdquo;`,
		// Raw HTML is not rendered (script links are errors: see
		// TestHostileMarkdownURLs).
		`! <script>alert`,
		`! alert(1)`,
		`! javascript:`,
		// Site-relative links get the base path.
		`<a href="/khuyenhoc/tin-tuc/khai-giang-2022/">tin khai giảng</a>`,
	)
}

func TestMeetingArchive(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+`
-- data/meetings/2024-06-15-bac-trung-bo.toml --
schema = 1
cluster = "bac-trung-bo"
kind = "sơ kết"
title = "Sơ kết 6 tháng đầu năm 2024 Cụm Bắc Trung Bộ"
date = 2024-06-15
place = "Hà Tĩnh"
sources = ["bao-b-2023"]
`)
	r.AssertExists(t, "hoi-nghi/nam/2024/index.html", "hoi-nghi/nam/2023/index.html")
	r.AssertNoFile(t, "hoi-nghi/nam/2022")
	r.AssertFileContent(t, "hoi-nghi/nam/2024/index.html",
		"<h1>Hội nghị năm 2024</h1>",
		`<span aria-current="page">2024</span>`,
		`<a href="/khuyenhoc/hoi-nghi/nam/2023/">2023</a>`,
		`! href="/khuyenhoc/hoi-nghi/2023-11-20-bac-trung-bo/"`,
	)
	r.AssertOrder(t, "hoi-nghi/nam/2024/index.html",
		`<a href="/khuyenhoc/hoi-nghi/2024-12-03-tay-bac/">Hội nghị giao ban năm 2024 Cụm Tây Bắc</a>`,
		`<a href="/khuyenhoc/hoi-nghi/2024-06-15-bac-trung-bo/">Sơ kết 6 tháng đầu năm 2024 Cụm Bắc Trung Bộ</a>`,
	)
	r.AssertFileContent(t, "hoi-nghi/nam/2023/index.html",
		`<a href="/khuyenhoc/hoi-nghi/2023-11-20-bac-trung-bo/">`,
		`! href="/khuyenhoc/hoi-nghi/2024-12-03-tay-bac/"`,
	)
	// The archive groups by year, newest first, then by cluster.
	r.AssertOrder(t, "hoi-nghi/index.html",
		`<h2 id="theo-nam">`,
		`<h3><a href="/khuyenhoc/hoi-nghi/nam/2024/">Năm 2024</a>`,
		`href="/khuyenhoc/hoi-nghi/2024-12-03-tay-bac/"`,
		`href="/khuyenhoc/hoi-nghi/2024-06-15-bac-trung-bo/"`,
		`<h3><a href="/khuyenhoc/hoi-nghi/nam/2023/">Năm 2023</a>`,
		`href="/khuyenhoc/hoi-nghi/2023-11-20-bac-trung-bo/"`,
		`<h2 id="theo-cum">`,
		`<h3><a href="/khuyenhoc/cum-thi-dua/bac-trung-bo/">Bắc Trung Bộ</a>`,
		`href="/khuyenhoc/hoi-nghi/2024-06-15-bac-trung-bo/"`,
		`href="/khuyenhoc/hoi-nghi/2023-11-20-bac-trung-bo/"`,
		`<h3><a href="/khuyenhoc/cum-thi-dua/tay-bac/">Tây Bắc</a>`,
		`href="/khuyenhoc/hoi-nghi/2024-12-03-tay-bac/"`,
	)
	// A meeting's breadcrumbs lead to its year.
	r.AssertFileContent(t, "hoi-nghi/2024-06-15-bac-trung-bo/index.html",
		`<li><a href="/khuyenhoc/hoi-nghi/nam/2024/">2024</a></li>`)
}

func TestMeetingPage(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite)
	page := "hoi-nghi/2024-12-03-tay-bac/index.html"
	r.AssertFileContent(t, page,
		"<title>Hội nghị giao ban năm 2024 Cụm Tây Bắc – Tây Bắc – Khuyến học thử</title>",
		`Hội nghị giao ban · <a href="/khuyenhoc/cum-thi-dua/tay-bac/">Tây Bắc</a>`,
		`<time datetime="2024-12-03">Thứ Ba, 3/12/2024</time>`,
		`<dt>Đơn vị đăng cai</dt><dd>Sơn La</dd>`,
		`<dt>Kỳ báo cáo</dt><dd>năm 2024</dd>`,
		// Decisions.
		`<li>Thống nhất 9 nhiệm vụ trọng tâm năm 2025.</li>`,
		// The host flag passes to the next host's province page.
		`Đăng cai năm 2025: <a href="/khuyenhoc/tinh/dien-bien/">Điện Biên</a>. Sơn La trao cờ cho Điện Biên.`,
		// Articles about it: listed in the meeting file.
		`<li><a href="/khuyenhoc/tin-tuc/tay-bac-2024/">Cụm Tây Bắc giao ban năm 2024</a></li>`,
		// Figures reported there, each with its source.
		`<div id="chart-hoi-nghi-2024-12-03-tay-bac`,
		`<td data-label="Đơn vị"><a href="/khuyenhoc/tinh/son-la/">Sơn La</a></td><td data-label="Thời kỳ">năm 2024</td><td class="num" data-label="Số liệu">12 tỷ đồng</td><td data-label="Nguồn"><a href="https://example.com/bao-a" rel="external">Báo Khuyến học, 4/12/2024</a></td>`,
		`<td data-label="Đơn vị"><a href="/khuyenhoc/cum-thi-dua/tay-bac/">Tây Bắc</a></td><td data-label="Thời kỳ">năm 2024</td><td class="num" data-label="Số liệu">512.345</td>`,
		`! Hà Tĩnh`,
		// Its sources.
		`<a href="https://example.com/bao-a" rel="external">Báo Khuyến học, 4/12/2024</a> — “Cụm Tây Bắc giao ban”`,
		`<script src="/khuyenhoc/vendor/echarts/echarts.min.js"></script>`,
	)
	// People by role, in the order of the roles.
	r.AssertOrder(t, page,
		`<h2 id="thanh-phan">`,
		`<h3>Chủ trì</h3>`, `<strong>Trần Thị Chủ</strong>`, `Phó Chủ tịch Hội Khuyến học Việt Nam`,
		`<h3>Tham luận</h3>`, `<strong>Lê Văn Luận</strong>`, `Chủ tịch Hội Khuyến học huyện Cao Phong`,
	)
	// An article that names the meeting in its front matter is listed
	// too, and a source that is one of our articles links to it.
	r.AssertFileContent(t, "hoi-nghi/2023-11-20-bac-trung-bo/index.html",
		`<li><a href="/khuyenhoc/tin-tuc/bac-trung-bo-2023/">Bắc Trung Bộ tổng kết năm 2023</a></li>`,
		`<td class="num" data-label="Số liệu">hơn 15 tỷ đồng</td><td data-label="Nguồn"><a href="/khuyenhoc/tin-tuc/bac-trung-bo-2023/">Tạp chí Công dân, 21/11/2023</a></td>`,
		`! id="thanh-phan"`,
		`! id="ban-giao"`,
	)
}

func TestClusterPage(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite)
	page := "cum-thi-dua/tay-bac/index.html"
	r.AssertFileContent(t, page,
		"<h1>Cụm thi đua khuyến học Tây Bắc</h1>",
		`<p class="lead">Cụm của các tỉnh Tây Bắc.</p>`,
		`<th scope="row"><a href="/khuyenhoc/tinh/son-la/">Sơn La</a></th><td data-label="Thời gian">từ 1/1/2020</td>`,
		`<th scope="row"><a href="/khuyenhoc/tinh/hoa-binh/">Hòa Bình</a></th><td data-label="Thời gian">đến 30/6/2025</td><td data-label="Ghi chú">Nhập vào Phú Thọ.</td>`,
		// The leader, with the term as the source words it.
		`<a href="/khuyenhoc/tinh/son-la/">Sơn La</a></th><td data-label="Thời gian">nhiệm kỳ 2021–2026 (1/1/2021 – 31/12/2026)</td><td data-label="Ghi chú">Nguyễn Văn Cụm, Chủ tịch Hội Khuyến học tỉnh Sơn La.</td>`,
		// Its meetings and articles.
		`<a href="/khuyenhoc/hoi-nghi/2024-12-03-tay-bac/">Hội nghị giao ban năm 2024 Cụm Tây Bắc</a>`,
		`<a href="/khuyenhoc/tin-tuc/tay-bac-2024/">Cụm Tây Bắc giao ban năm 2024</a>`,
		// Its figures and charts count Hòa Bình, a member in 2024, and
		// not Hà Tĩnh, which never was.
		`<div id="chart-cum-tay-bac`,
		`<a href="/khuyenhoc/tinh/hoa-binh/">Hòa Bình</a></td><td data-label="Thời kỳ">năm 2024</td><td class="num" data-label="Số liệu">gần 8 tỷ đồng</td>`,
		`<script src="/khuyenhoc/vendor/echarts/echarts.min.js"></script>`,
		`! Hà Tĩnh`,
	)
	r.AssertOrder(t, page,
		`<h2 id="thanh-vien">`,
		`>Điện Biên</a>`, `>Sơn La</a>`,
		`<h3>Thành viên trước đây</h3>`, `>Hòa Bình</a>`,
		`<h2 id="cum-truong">`,
		`<h2 id="hoi-nghi">`,
		`<h2 id="so-lieu">`,
	)
	r.AssertFileContent(t, "cum-thi-dua/index.html",
		`<a href="/khuyenhoc/cum-thi-dua/tay-bac/">Cụm thi đua khuyến học Tây Bắc</a>`,
		`2 thành viên hiện nay, 1 thành viên trước đây · 1 hội nghị`,
		`<a href="/khuyenhoc/cum-thi-dua/bac-trung-bo/">Cụm thi đua khuyến học Bắc Trung Bộ</a>`,
	)
}

func TestProvincePage(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite)
	// A merged province links to its successor and keeps its clusters.
	r.AssertFileContent(t, "tinh/hoa-binh/index.html",
		`Đơn vị hành chính cấp tỉnh đến hết ngày 30/6/2025. Từ ngày 1/7/2025 là một phần của <a href="/khuyenhoc/tinh/phu-tho/">Phú Thọ</a>.`,
		`<p>Nhập vào tỉnh Phú Thọ.</p>`,
		`<th scope="row"><a href="/khuyenhoc/cum-thi-dua/tay-bac/">Tây Bắc</a></th><td data-label="Thời gian">đến 30/6/2025</td>`,
		`<td class="num" data-label="Số liệu">gần 8 tỷ đồng</td>`,
		`<a href="/khuyenhoc/tin-tuc/tay-bac-2024/">Cụm Tây Bắc giao ban năm 2024</a>`,
	)
	// The successor lists its predecessors.
	r.AssertFileContent(t, "tinh/phu-tho/index.html",
		`Đơn vị hành chính cấp tỉnh hiện nay, sau sắp xếp ngày 1/7/2025.`,
		`<li><a href="/khuyenhoc/tinh/hoa-binh/">Hòa Bình</a> — tồn tại đến hết 30/6/2025. Nhập vào tỉnh Phú Thọ.</li>`,
		`! là một phần của`,
	)
	// A host province lists the meetings it hosted.
	r.AssertFileContent(t, "tinh/son-la/index.html",
		`<th scope="row"><a href="/khuyenhoc/cum-thi-dua/tay-bac/">Tây Bắc</a></th><td data-label="Thời gian">từ 1/1/2020</td>`,
		`<h2 id="dang-cai">Hội nghị đăng cai</h2>`,
		`<a href="/khuyenhoc/hoi-nghi/2024-12-03-tay-bac/">Hội nghị giao ban năm 2024 Cụm Tây Bắc</a>`,
		`<td class="num" data-label="Số liệu">12 tỷ đồng</td>`,
	)
	r.AssertFileContent(t, "tinh/index.html",
		`Tỉnh, thành phố hiện nay (4)`,
		`<a href="/khuyenhoc/tinh/phu-tho/">Phú Thọ</a> <span class="meta">(hợp nhất 1 đơn vị)</span>`,
		`Đơn vị trước ngày 1/7/2025 (1)`,
		`<a href="/khuyenhoc/tinh/hoa-binh/">Hòa Bình</a> <span class="meta">→ Phú Thọ</span>`,
	)
}

func TestDataPage(t *testing.T) {
	t.Parallel()
	// A CSV as a spreadsheet saves it: byte order mark, semicolons, CRLF.
	members := "\uFEFF# schema: 1\r\nunit;year;period;as_of;members;population_ratio;meeting;source;note\r\n" +
		"tay-bac;2024;;;512.345;21,5;2024-12-03-tay-bac;bao-a-2024;\"Toàn cụm; ước tính.\"\r\n"
	r := buildTxtar(t, baseSite+"-- data/tables/members.csv --\n"+members)
	files := r.Files(t)
	for _, name := range []string{"funds", "members"} {
		// The editor's file is published as it was written…
		src, err := fs.ReadFile(r.FS, "data/tables/"+name+".csv")
		if err != nil {
			t.Fatal(err)
		}
		if got := files["du-lieu/goc/"+name+".csv"]; !bytes.Equal(got, src) {
			t.Errorf("du-lieu/goc/%s.csv differs from the editor's file:\n%q\nwant\n%q", name, got, src)
		}
		// …and as a clean table, in CSV and JSON, on a page of its own.
		if !json.Valid(files["du-lieu/"+name+".json"]) {
			t.Errorf("du-lieu/%s.json is not JSON: %.200q", name, files["du-lieu/"+name+".json"])
		}
		r.AssertFileContent(t, "du-lieu/index.html",
			`<a href="/khuyenhoc/du-lieu/`+name+`/">`,
			`<a href="/khuyenhoc/du-lieu/`+name+`.csv" download>CSV</a>`,
			`<a href="/khuyenhoc/du-lieu/`+name+`.json" download>JSON</a>`,
			`<a href="/khuyenhoc/du-lieu/goc/`+name+`.csv" download>`,
		)
		r.AssertFileContent(t, "du-lieu/"+name+"/index.html",
			`<a href="/khuyenhoc/du-lieu/goc/`+name+`.csv" download>`,
			`<code>data/tables/`+name+`.csv</code>`,
			`<th scope="col">unit</th>`,
			`<td>`+map[string]string{"funds": "ha-tinh", "members": "tay-bac"}[name]+`</td>`,
		)
	}
	// The clean CSV: one header row, plain numbers, no BOM, any tool reads it.
	r.AssertFileContent(t, "du-lieu/members.csv", "! \uFEFF", "! # schema", "! \r\n", "512345", "21.5", "Toàn cụm; ước tính.")
	if !bytes.HasPrefix(files["du-lieu/members.csv"], []byte("unit,")) {
		t.Errorf("du-lieu/members.csv does not start with its header: %.80q", files["du-lieu/members.csv"])
	}
	r.AssertFileContent(t, "du-lieu/funds.csv", "12000000000", "15000000000")
	r.AssertFileContent(t, "du-lieu/members/index.html", "<td>Toàn cụm; ước tính.</td>",
		// Readers are told in Vietnamese why there is no change history.
		"Không có lịch sử thay đổi: bản dựng này không tra lịch sử git.",
		// The columns are described to readers in Vietnamese, types too.
		`<td data-label="Mô tả">năm của số liệu</td>`, `<td data-label="Kiểu">số nguyên</td>`, "! the year", "! how exact")
	r.AssertFileContent(t, "du-lieu/index.html", "Giấy phép: CC BY 4.0.", `<a href="/khuyenhoc/datapackage.json">`)
	if !json.Valid(files["datapackage.json"]) || !bytes.Contains(files["datapackage.json"], []byte(`"du-lieu/funds.csv"`)) {
		t.Errorf("datapackage.json is not JSON or does not list du-lieu/funds.csv: %.300q", files["datapackage.json"])
	}
	// No table, no files.
	r.AssertNoFile(t, "du-lieu/scholarships.csv", "du-lieu/goc/scholarships.csv")
}

func TestNotFoundPage(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite)
	r.AssertFileContent(t, "404.html",
		"<title>Không tìm thấy trang – Khuyến học thử</title>",
		"<h1>Không tìm thấy trang</h1>",
		// A 404 page is served at any depth: its links are rooted.
		`<a href="/khuyenhoc/">trang chủ</a>`,
		`<a href="/khuyenhoc/tin-tuc/">tin tức</a>`,
		`<link rel="stylesheet" href="/khuyenhoc/css/site.css">`,
	)
	r.AssertNoFile(t, "404/index.html")
}

// TestTagNamedTwice: an article that names one topic twice, spelled two
// ways (old and new tone placement, NFD), is listed under it once.
func TestTagNamedTwice(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+`
-- content/news/hai-lan.md --
+++
title = "Bài nêu chủ đề hai lần"
date = 2025-01-11
summary = "Một chủ đề, hai cách viết."
tags = ["Hòa Bình", "Hoà Bình", "giao ban"]
+++

Nội dung.
`)
	r.AssertNoDiags(t)
	page := r.ReadFile(t, "chu-de/hoa-binh/index.html")
	if n := strings.Count(page, `href="/khuyenhoc/tin-tuc/hai-lan/"`); n != 1 {
		t.Errorf("the article is listed %d times under its topic, want once", n)
	}
}

func TestDrafts(t *testing.T) {
	t.Parallel()
	site := baseSite + `
-- content/news/ban-nhap.md --
+++
title = "Bài chưa đăng"
date = 2025-01-10
summary = "Bản nháp."
cluster = "tay-bac"
provinces = ["son-la"]
tags = ["chủ đề nháp"]
authors = ["Người Viết Nháp"]
draft = true
+++

Chưa xong.
`
	r := buildTxtar(t, site)
	r.AssertNoDiags(t)
	r.AssertNoFile(t, "tin-tuc/ban-nhap")
	// Nothing anywhere (lists, feeds, sitemap, topics, neighbours) names it.
	for name, b := range r.Files(t) {
		for _, s := range []string{"ban-nhap", "Bài chưa đăng", "chủ đề nháp", "chu-de-nhap"} {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s mentions the draft: %q", name, s)
			}
		}
	}

	r = buildTxtar(t, site, withDrafts())
	r.AssertFileContent(t, "tin-tuc/ban-nhap/index.html",
		"<h1>Bài chưa đăng</h1>",
		`<strong class="draft">Bản nháp</strong>`)
	r.AssertFileContent(t, "tin-tuc/index.html", `<a href="/khuyenhoc/tin-tuc/ban-nhap/">Bài chưa đăng</a>`)
	r.AssertFileContent(t, "cum-thi-dua/tay-bac/index.html", `<a href="/khuyenhoc/tin-tuc/ban-nhap/">`)
}

// TestDraftSourceArticle: a source may name an article that is still a
// draft; figures citing the source must not link to the missing page.
func TestDraftSourceArticle(t *testing.T) {
	t.Parallel()
	site := baseSite + `
-- content/news/bac-trung-bo-2023.md --
+++
title = "Bắc Trung Bộ tổng kết năm 2023"
date = 2023-11-21
summary = "Hà Tĩnh đăng cai hội nghị tổng kết."
meeting = "2023-11-20-bac-trung-bo"
source = "bao-b-2023"
draft = true
+++

Hội nghị tổng kết diễn ra tại Hà Tĩnh.
`
	r := buildTxtar(t, site)
	r.AssertNoFile(t, "tin-tuc/bac-trung-bo-2023")
	r.AssertFileContent(t, "hoi-nghi/2023-11-20-bac-trung-bo/index.html",
		`<td class="num" data-label="Số liệu">hơn 15 tỷ đồng</td><td data-label="Nguồn">Tạp chí Công dân, 21/11/2023</td>`,
		`! /tin-tuc/bac-trung-bo-2023/`)
	r.AssertFileContent(t, "index.html", "! /tin-tuc/bac-trung-bo-2023/")

	r = buildTxtar(t, site, withDrafts())
	r.AssertFileContent(t, "hoi-nghi/2023-11-20-bac-trung-bo/index.html",
		`<td data-label="Nguồn"><a href="/khuyenhoc/tin-tuc/bac-trung-bo-2023/">Tạp chí Công dân, 21/11/2023</a></td>`)
}

func TestWarningsDoNotStopTheBuild(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+`
-- content/news/ngan.md --
+++
title = "Tin ngắn"
date = 2022-01-03
+++

Chỉ một dòng.
`)
	if w := r.Warnings(); len(w) != 1 || w[0].Pos.String() != "content/news/ngan.md:2:1" || !strings.Contains(w[0].Msg, "no summary") {
		t.Errorf("want one warning for the missing summary, got:\n%s", r.diagText())
	}
	r.AssertFileContent(t, "tin-tuc/ngan/index.html", "<p>Chỉ một dòng.</p>")
}

func TestSiteOverridesTheme(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+`
-- layouts/404.html --
{{define "main"}}<h1>Trang riêng của hội</h1><a href="{{relURL "/tinh/"}}">Tỉnh</a>{{end}}
-- static/css/site.css --
body { color: #123; }
`)
	r.AssertFileContent(t, "404.html",
		"<h1>Trang riêng của hội</h1>",
		`<a href="/khuyenhoc/tinh/">Tỉnh</a>`,
		"! Trang bạn tìm không có",
		// The theme's frame is kept.
		`<link rel="stylesheet" href="/khuyenhoc/css/site.css">`,
	)
	if got := r.ReadFile(t, "css/site.css"); got != "body { color: #123; }\n" {
		t.Errorf("css/site.css = %q, want the site's own", got)
	}
	r.AssertExists(t, "vendor/echarts/echarts.min.js") // the theme's other static files
}

func TestMissingTheme(t *testing.T) {
	t.Parallel()
	r := loadTxtar(t, baseSite, withoutTheme())
	r.AssertDiag(t, `themes/default: error: theme "default" not found`, "hint:")
}

// TestFutureArticles: an article dated after Options.Today is left out
// like a draft, and what cites it does not link to it.
func TestFutureArticles(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite, withToday(civil.Date{Year: 2023, Month: 11, Day: 20}))
	r.AssertNoFile(t, "tin-tuc/bac-trung-bo-2023", "tin-tuc/tay-bac-2024")
	r.AssertExists(t, "tin-tuc/khai-giang-2022/index.html")
	r.AssertFileContent(t, "hoi-nghi/2023-11-20-bac-trung-bo/index.html",
		`<td class="num" data-label="Số liệu">hơn 15 tỷ đồng</td><td data-label="Nguồn">Tạp chí Công dân, 21/11/2023</td>`,
		`! /tin-tuc/bac-trung-bo-2023/`)
	r.AssertFileContent(t, "hoi-nghi/2024-12-03-tay-bac/index.html", `! /tin-tuc/tay-bac-2024/`)

	// On its day it is published.
	r = buildTxtar(t, baseSite, withToday(civil.Date{Year: 2023, Month: 11, Day: 21}))
	r.AssertExists(t, "tin-tuc/bac-trung-bo-2023/index.html")
	r.AssertNoFile(t, "tin-tuc/tay-bac-2024")
}

// assertChartDownloads checks that the page has charts and that every
// chart data link on it names a file that was written.
func assertChartDownloads(t *testing.T, r *siteResult, page string) {
	t.Helper()
	n := 0
	for _, a := range htmlAttrs([]byte(r.ReadFile(t, page)), "href") {
		if rest, ok := strings.CutPrefix(a.Val, "/khuyenhoc/du-lieu/bieu-do/"); ok {
			n++
			r.AssertExists(t, "du-lieu/bieu-do/"+rest)
		}
	}
	if n == 0 {
		t.Errorf("%s has no chart data to download", page)
	}
}

// linkOK reports whether an href or src works under the base path.
func linkOK(base, v string) bool {
	return strings.HasPrefix(v, base) || strings.HasPrefix(v, "#") || strings.HasPrefix(v, "http")
}

func TestBasePathEverywhere(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+imageArticle)
	r.AssertFileContent(t, "tin-tuc/lop-hoc/index.html",
		`<img src="/khuyenhoc/anh/lop-hoc.svg" alt="Lớp học buổi tối"`,
		`<a href="/khuyenhoc/tin-tuc/khai-giang-2022/">tin khai giảng</a>`,
		`<a href="/khuyenhoc/du-lieu/funds/#cac-cot">các cột của bảng quỹ</a>`,
	)
	r.AssertExists(t, "anh/lop-hoc.svg")
	pages, links := 0, 0
	for name, b := range r.Files(t) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		for _, a := range htmlAttrs(b, "href", "src") {
			links++
			if !linkOK("/khuyenhoc/", a.Val) {
				t.Errorf("%s: <%s %s=%q> is not under the base path /khuyenhoc/", name, a.Tag, a.Key, a.Val)
			}
		}
	}
	if pages < 20 || links < 300 {
		t.Errorf("checked %d links on %d pages; the walk missed the output", links, pages)
	}
	assertAbsURLs(t, r, "https://example.org/khuyenhoc/")
}

// assertAbsURLs checks that every address in the feeds, the sitemap and
// robots.txt is under the site's own, and that there are some.
func assertAbsURLs(t *testing.T, r *siteResult, own string) {
	t.Helper()
	n := 0
	for name, b := range r.Files(t) {
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".txt") {
			continue
		}
		for _, u := range absURL.FindAllString(string(b), -1) {
			if strings.HasPrefix(u, "http://www.w3.org/") || strings.HasPrefix(u, "http://www.sitemaps.org/") {
				continue // XML namespaces
			}
			n++
			if !strings.HasPrefix(u, own) {
				t.Errorf("%s: %s is not under %s", name, u, own)
			}
		}
	}
	if n == 0 {
		t.Errorf("no addresses in feeds and sitemap")
	}
}

var absURL = regexp.MustCompile(`https?://[^\s"'<>]+`)

func TestBaseURLOverride(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+imageArticle, withBaseURL("https://hoi.example.vn/cong"))
	r.AssertFileContent(t, "index.html",
		`<link rel="canonical" href="https://hoi.example.vn/cong/">`,
		`<a href="/cong/tin-tuc/">Tin tức</a>`,
		`<script src="/cong/vendor/echarts/echarts.min.js"></script>`,
		"! /khuyenhoc/", "! example.org",
	)
	r.AssertFileContent(t, "tin-tuc/lop-hoc/index.html",
		`<img src="/cong/anh/lop-hoc.svg"`,
		`<a href="/cong/tin-tuc/khai-giang-2022/">tin khai giảng</a>`,
		"! /khuyenhoc/",
	)
	for name, b := range r.Files(t) {
		if strings.HasSuffix(name, ".html") {
			for _, a := range htmlAttrs(b, "href", "src") {
				if !linkOK("/cong/", a.Val) {
					t.Errorf("%s: <%s %s=%q> is not under the base path /cong/", name, a.Tag, a.Key, a.Val)
				}
			}
		}
	}

	assertAbsURLs(t, r, "https://hoi.example.vn/cong/")

	// At the root of a domain.
	r = buildTxtar(t, baseSite+imageArticle, withBaseURL("https://example.org/"))
	r.AssertFileContent(t, "tin-tuc/lop-hoc/index.html",
		`<a href="/tin-tuc/">Tin tức</a>`,
		`<img src="/anh/lop-hoc.svg"`,
		`<a href="/tin-tuc/khai-giang-2022/">tin khai giảng</a>`,
		"! /khuyenhoc/",
	)

	// A bad address is an error that names the flag.
	l := loadTxtar(t, baseSite, withBaseURL("example.org/khuyenhoc"))
	l.AssertDiag(t, "--base-url", "is not an http(s) address", "hint:")
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	site := baseSite + moreNews + markdownArticle + imageArticle
	a, b := buildTxtar(t, site), buildTxtar(t, site)
	if d := diffFiles(a.Files(t), b.Files(t)); d != "" {
		t.Errorf("two builds of the same site differ:\n%s", d)
	}
}

// TestLinkWithBasePathTwice: an editor who copies a link from the address
// bar writes the base path, which the build adds again; the error says so
// and what to write instead.
func TestLinkWithBasePathTwice(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+`
-- content/news/chep.md --
+++
title = "Bài chép liên kết"
date = 2025-02-01
summary = "Liên kết chép từ thanh địa chỉ."
+++

Xem [tin khai giảng](/khuyenhoc/tin-tuc/khai-giang/).
`, expectErrors())
	d := r.AssertDiag(t, "content/news/chep.md:7:22: error: broken link", "/khuyenhoc/khuyenhoc/tin-tuc/khai-giang/")
	if want := "write it as /tin-tuc/khai-giang/"; !strings.Contains(d.Hint, want) || !strings.Contains(d.Hint, "base path /khuyenhoc/") {
		t.Errorf("hint %q does not say to %s", d.Hint, want)
	}
}

func TestFailedBuildKeepsOutput(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	buildTxtar(t, baseSite, withOutput(out))
	before := snapshot(t, out)

	r := buildTxtar(t, baseSite+`
-- content/news/hong.md --
+++
title = "Bài có liên kết hỏng"
date = 2025-02-01
summary = "Liên kết tới một bài không có."
+++

Đoạn mở đầu.

Xem [tin cũ](/tin-tuc/khong-co/) để biết thêm.
`, withOutput(out), expectErrors())
	// Line 9, character 14: the link's target, as an editor counts
	// ("ũ" is one character).
	d := r.AssertDiag(t, "content/news/hong.md:9:14: error: broken link", "/tin-tuc/khong-co/", "does not exist")
	if d.Source != "Xem [tin cũ](/tin-tuc/khong-co/) để biết thêm." {
		t.Errorf("the error shows the line %q, want the Markdown line", d.Source)
	}
	if errs := r.Errors(); len(errs) != 1 {
		t.Errorf("%d errors, want only the broken link:\n%s", len(errs), r.diagText())
	}
	if r.Stats != nil {
		t.Errorf("a failed build returned stats %+v", r.Stats)
	}
	if diff := diffFiles(before, snapshot(t, out)); diff != "" {
		t.Errorf("the failed build changed the previous output:\n%s", diff)
	}
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the failed build left files beside the output: %v", names)
	}
}

func TestOutputSafety(t *testing.T) {
	t.Parallel()
	t.Run("foreign folder", func(t *testing.T) {
		t.Parallel()
		out := t.TempDir()
		writeFile(t, filepath.Join(out, "thesis.docx"), "không được xoá")
		r := buildTxtar(t, baseSite, withOutput(out), expectErrors())
		r.AssertDiag(t, "refusing to replace a folder khuyenhoc did not create", "--force")
		if got := snapshot(t, out); len(got) != 1 || string(got["thesis.docx"]) != "không được xoá" {
			t.Errorf("the refused build touched the folder: %v", slices.Collect(maps.Keys(got)))
		}

		r = buildTxtar(t, baseSite, withOutput(out), withForce())
		r.AssertExists(t, "index.html", ".khuyenhoc-output")
		r.AssertNoFile(t, "thesis.docx")
	})
	t.Run("own output", func(t *testing.T) {
		t.Parallel()
		out := filepath.Join(t.TempDir(), "public")
		first := buildTxtar(t, baseSite+moreNews, withOutput(out))
		first.AssertExists(t, "tin-tuc/tin-2020/index.html")
		// A second build replaces it, without --force, and a page that is
		// gone from the site is gone from the output.
		second := buildTxtar(t, baseSite, withOutput(out))
		second.AssertExists(t, "index.html")
		second.AssertNoFile(t, "tin-tuc/tin-2020")
	})
	t.Run("empty folder", func(t *testing.T) {
		t.Parallel()
		buildTxtar(t, baseSite, withOutput(t.TempDir())).AssertExists(t, "index.html")
	})
	t.Run("source folder", func(t *testing.T) {
		t.Parallel()
		src := t.TempDir()
		writeFile(t, filepath.Join(src, "site.toml"), "title = \"x\"\n")
		for _, out := range []string{src, filepath.Dir(src)} {
			r := buildTxtar(t, baseSite, withSource(src), withOutput(out), withForce(), expectErrors())
			r.AssertDiag(t, "holds the site's own source")
		}
		if b, err := os.ReadFile(filepath.Join(src, "site.toml")); err != nil || string(b) != "title = \"x\"\n" {
			t.Errorf("the source was touched: %q, %v", b, err)
		}
	})
	t.Run("dry run", func(t *testing.T) {
		t.Parallel()
		out := filepath.Join(t.TempDir(), "public")
		r := buildTxtar(t, baseSite, withOutput(out), withDryRun())
		if r.Stats == nil || r.Stats.Files == 0 {
			t.Errorf("a dry run reported %+v", r.Stats)
		}
		if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a dry run wrote %s: %v", out, err)
		}
	})
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSampleSite builds the repository's own sample site, which must stay
// clean: no error, no warning, every page kind, no resource from another
// origin, and a source for every figure.
func TestSampleSite(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	r := buildFS(t, os.DirFS(root), withSource(root))
	r.AssertNoDiags(t)

	got := map[string]int{}
	for _, k := range r.Stats.Kinds {
		got[k.Kind] = k.N
	}
	for kind, want := range map[string]int{"article": 5, "meeting": 4, "cluster": 4} {
		if got[kind] != want {
			t.Errorf("%d %s pages, want %d", got[kind], kind, want)
		}
	}
	for _, kind := range []string{"home", "news", "meetings", "clusters", "provinces", "province", "data", "404"} {
		if got[kind] == 0 {
			t.Errorf("no %s page (pages: %v)", kind, r.Stats.Kinds)
		}
	}

	files := r.Files(t)

	// Static files are copied unchanged (the other tests stub the large ones).
	for _, p := range []string{"vendor/echarts/echarts.min.js", "vendor/echarts/langVI.js", "css/site.css", "favicon.svg"} {
		src, err := os.ReadFile(filepath.Join(root, "themes", "default", "static", filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(files[p], src) {
			t.Errorf("%s is not a copy of the theme's file (%d bytes, want %d)", p, len(files[p]), len(src))
		}
	}

	// Everything a page loads comes from the site itself: only <a> may
	// point elsewhere (the original of a source), and <link> only to the
	// site's own address (canonical, feeds).
	own := r.Site.Config.BaseURL
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, a := range htmlAttrs(b, "href", "src") {
			if a.Tag == "a" && a.Key == "href" {
				continue
			}
			if !isOtherOrigin(a.Val) || a.Tag == "link" && (a.Rel == "canonical" || a.Rel == "alternate") && strings.HasPrefix(a.Val, own) {
				continue
			}
			t.Errorf("%s: <%s %s=%q> loads from another origin", name, a.Tag, a.Key, a.Val)
		}
	}

	// Every figure on a meeting page names its source.
	rows := 0
	for _, p := range r.Site.Pages {
		if p.Kind != "meeting" {
			continue
		}
		name := outputFile(p.Path)
		doc, err := html.Parse(bytes.NewReader(files[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, table := range findElements(doc, "table", "figures") {
			for _, tr := range findElements(table, "tr", "") {
				cells := findElements(tr, "td", "")
				if len(cells) == 0 {
					continue // the header row
				}
				rows++
				if src := strings.TrimSpace(textContent(cells[len(cells)-1])); src == "" {
					var row []string
					for _, c := range slices.Concat(findElements(tr, "th", ""), cells) {
						row = append(row, strings.Join(strings.Fields(textContent(c)), " "))
					}
					t.Errorf("%s: figure %q has no source", name, strings.Join(row, " | "))
				}
			}
		}
	}
	if rows == 0 {
		t.Error("no figure rows on the meeting pages")
	}
}

// isOtherOrigin reports whether a URL names a host: "https://…", "//…".
func isOtherOrigin(v string) bool {
	u, err := url.Parse(strings.TrimSpace(v))
	return err != nil || u.Scheme != "" || u.Host != ""
}

// findElements returns the elements named tag under n (n included) that
// have class, or any class when class is "".
func findElements(n *html.Node, tag, class string) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type != html.ElementNode || d.Data != tag {
			continue
		}
		if class == "" || slices.ContainsFunc(d.Attr, func(a html.Attribute) bool {
			return a.Key == "class" && slices.Contains(strings.Fields(a.Val), class)
		}) {
			out = append(out, d)
		}
	}
	return out
}

func textContent(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}
