package site

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"
)

// manyItems adds seven meetings of Tây Bắc in 2024, hosted by Sơn La and
// chaired by Trần Thị Chủ, and seven articles about Tây Bắc and Sơn La, so
// that with per_page = 2 every list is longer than a page and longer than
// the latest few a cluster, province or person page shows.
// tayBacMeeting is the Tây Bắc cluster's meeting on the first of month
// (1–9) of 2024, chaired by Trần Thị Chủ, as a txtar file.
func tayBacMeeting(month int) string {
	return fmt.Sprintf(`-- data/meetings/2024-0%[1]d-01-tay-bac.toml --
schema = 1
cluster = "tay-bac"
kind = "giao ban"
title = "Giao ban tháng %[1]d năm 2024 Cụm Tây Bắc"
date = 2024-0%[1]d-01
place = "Sơn La"
host = "son-la"

[[person]]
name = "Trần Thị Chủ"
title = "Phó Chủ tịch Hội Khuyến học Việt Nam"
role = "chủ trì"
`, month)
}

func manyItems() string {
	var b strings.Builder
	b.WriteString(baseSite)
	b.WriteString("-- site.toml --\ntitle = \"Khuyến học thử\"\nbase_url = \"https://example.org/khuyenhoc/\"\nlanguage = \"vi\"\nper_page = 2\n")
	for i := 1; i <= 7; i++ {
		b.WriteString(tayBacMeeting(i))
		fmt.Fprintf(&b, `-- content/news/tay-bac-thang-%[1]d.md --
+++
title = "Tây Bắc tháng %[1]d"
date = 2024-0%[1]d-02
summary = "Tin tháng %[1]d."
cluster = "tay-bac"
provinces = ["son-la"]
+++

Nội dung tháng %[1]d, có bà Trần Thị Chủ dự.
`, i)
	}
	return b.String()
}

func TestEveryListIsPaginated(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, manyItems())

	// The year's meetings: 8 in 2024, four pages of two, page 1 at the
	// year's own address.
	r.AssertExists(t, "hoi-nghi/nam/2024/index.html", "hoi-nghi/nam/2024/trang/2/index.html", "hoi-nghi/nam/2024/trang/4/index.html")
	r.AssertNoFile(t, "hoi-nghi/nam/2024/trang/1", "hoi-nghi/nam/2024/trang/5", "hoi-nghi/nam/2023/trang")
	r.AssertFileContent(t, "hoi-nghi/nam/2024/index.html",
		"<title>Hội nghị năm 2024 – Khuyến học thử</title>",
		`<a href="/khuyenhoc/hoi-nghi/2024-12-03-tay-bac/">`,
		`<a href="/khuyenhoc/hoi-nghi/2024-07-01-tay-bac/">`,
		`! href="/khuyenhoc/hoi-nghi/2024-06-01-tay-bac/"`,
		`<a href="/khuyenhoc/hoi-nghi/nam/2024/trang/2/" rel="next">`,
		`<span aria-current="page">2024</span>`,
	)
	r.AssertFileContent(t, "hoi-nghi/nam/2024/trang/2/index.html",
		"<title>Hội nghị năm 2024 – trang 2 – Khuyến học thử</title>",
		"<h1>Hội nghị năm 2024 – trang 2</h1>",
		`<link rel="canonical" href="https://example.org/khuyenhoc/hoi-nghi/nam/2024/trang/2/">`,
		`<li><a href="/khuyenhoc/hoi-nghi/nam/2024/">2024</a></li>`,
		`<li><span aria-current="page">Trang 2</span></li>`,
		`<a href="/khuyenhoc/hoi-nghi/2024-06-01-tay-bac/">`,
		`<a href="/khuyenhoc/hoi-nghi/2024-05-01-tay-bac/">`,
		`! href="/khuyenhoc/hoi-nghi/2024-07-01-tay-bac/"`,
		`<a href="/khuyenhoc/hoi-nghi/nam/2024/" rel="prev">`,
		`<a href="/khuyenhoc/hoi-nghi/nam/2024/trang/3/" rel="next">`,
	)

	// The archive's landing page sums up: counts, the latest five, links
	// to the rest.
	arch := r.ReadFile(t, "hoi-nghi/index.html")
	r.AssertFileContent(t, "hoi-nghi/index.html",
		`<h3><a href="/khuyenhoc/hoi-nghi/nam/2024/">Năm 2024</a> <span class="count">(8 hội nghị)</span></h3>`,
		`<a href="/khuyenhoc/hoi-nghi/nam/2024/">Xem tất cả 8 hội nghị năm 2024</a>`,
		`<a href="/khuyenhoc/cum-thi-dua/tay-bac/hoi-nghi/">Xem tất cả 8 hội nghị của Tây Bắc</a>`,
		`! Xem tất cả 1 hội nghị`,
	)
	if n := strings.Count(arch, `href="/khuyenhoc/hoi-nghi/2024-0`); n != 2*4 {
		t.Errorf("the archive links %d of the monthly meetings, want the latest 4 (beside the December one) under the year and under the cluster", n)
	}

	// A cluster's page shows its latest five articles and meetings and
	// links to paginated lists of all.
	cl := r.ReadFile(t, "cum-thi-dua/tay-bac/index.html")
	r.AssertFileContent(t, "cum-thi-dua/tay-bac/index.html",
		`<a href="/khuyenhoc/cum-thi-dua/tay-bac/tin-tuc/">Xem tất cả 8 tin</a>`,
		`<a href="/khuyenhoc/cum-thi-dua/tay-bac/hoi-nghi/">Xem tất cả 8 hội nghị</a>`,
	)
	if n := strings.Count(cl, `<h3><a href="/khuyenhoc/tin-tuc/`); n != latestItems {
		t.Errorf("the cluster page shows %d articles, want %d", n, latestItems)
	}
	r.AssertExists(t, "cum-thi-dua/tay-bac/tin-tuc/trang/4/index.html", "cum-thi-dua/tay-bac/hoi-nghi/trang/4/index.html")
	r.AssertNoFile(t, "cum-thi-dua/tay-bac/tin-tuc/trang/5", "cum-thi-dua/tay-bac/tin-tuc/trang/1")
	r.AssertFileContent(t, "cum-thi-dua/tay-bac/tin-tuc/trang/3/index.html",
		"<title>Tin tức: Tây Bắc – trang 3 – Khuyến học thử</title>",
		`<li><a href="/khuyenhoc/cum-thi-dua/tay-bac/">Tây Bắc</a></li>`,
		`<li><a href="/khuyenhoc/cum-thi-dua/tay-bac/tin-tuc/">Tin tức</a></li>`,
		`<li><span aria-current="page">Trang 3</span></li>`,
		`<a href="/khuyenhoc/cum-thi-dua/tay-bac/tin-tuc/trang/2/" rel="prev">`,
		// The cluster's feeds are announced on its lists too.
		`href="/khuyenhoc/cum-thi-dua/tay-bac/rss.xml"`,
	)
	r.AssertFileContent(t, "cum-thi-dua/tay-bac/hoi-nghi/index.html",
		"<h1>Hội nghị: Tây Bắc</h1>",
		`<a href="/khuyenhoc/hoi-nghi/2024-12-03-tay-bac/">`,
		`<a href="/khuyenhoc/cum-thi-dua/tay-bac/hoi-nghi/trang/2/">2</a>`,
	)
	// A short list has no pages of its own, and no link to them.
	r.AssertNoFile(t, "cum-thi-dua/bac-trung-bo/tin-tuc", "cum-thi-dua/bac-trung-bo/hoi-nghi", "tinh/ha-tinh/hoi-nghi")
	r.AssertFileContent(t, "cum-thi-dua/bac-trung-bo/index.html", "! Xem tất cả")

	// A province: its articles and the meetings it hosted.
	r.AssertFileContent(t, "tinh/son-la/index.html",
		`<a href="/khuyenhoc/tinh/son-la/tin-tuc/">Xem tất cả 8 tin</a>`,
		`<a href="/khuyenhoc/tinh/son-la/hoi-nghi/">Xem tất cả 8 hội nghị</a>`,
	)
	r.AssertFileContent(t, "tinh/son-la/hoi-nghi/trang/4/index.html",
		"<title>Hội nghị đăng cai: Sơn La – trang 4 – Khuyến học thử</title>",
		`<li><a href="/khuyenhoc/tinh/son-la/hoi-nghi/">Hội nghị đăng cai</a></li>`,
		`! rel="next"`,
	)
	r.AssertExists(t, "tinh/son-la/tin-tuc/trang/4/index.html")

	// A person's meetings: the latest five on the person's page, all on
	// their own pages.
	r.AssertFileContent(t, "nhan-vat/tran-thi-chu/index.html",
		`<a href="/khuyenhoc/nhan-vat/tran-thi-chu/hoi-nghi/">Xem tất cả 8 hội nghị</a>`,
	)
	r.AssertFileContent(t, "nhan-vat/tran-thi-chu/hoi-nghi/trang/2/index.html",
		"<title>Hội nghị: Trần Thị Chủ – trang 2 – Khuyến học thử</title>",
		`<li><a href="/khuyenhoc/nhan-vat/tran-thi-chu/">Trần Thị Chủ</a></li>`,
	)

	// The sitemap lists every new page.
	r.AssertFileContent(t, "sitemap.xml",
		"<loc>https://example.org/khuyenhoc/hoi-nghi/nam/2024/trang/4/</loc>",
		"<loc>https://example.org/khuyenhoc/cum-thi-dua/tay-bac/tin-tuc/trang/2/</loc>",
		"<loc>https://example.org/khuyenhoc/cum-thi-dua/tay-bac/hoi-nghi/</loc>",
		"<loc>https://example.org/khuyenhoc/tinh/son-la/tin-tuc/trang/3/</loc>",
		"<loc>https://example.org/khuyenhoc/tinh/son-la/hoi-nghi/trang/2/</loc>",
		"<loc>https://example.org/khuyenhoc/nhan-vat/tran-thi-chu/hoi-nghi/trang/4/</loc>",
	)
}

// A term's later pages say which page they are, and only its first page
// shows the meetings.
func TestTermPagesNumbered(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, manyItems())
	r.AssertFileContent(t, "nhan-vat/tran-thi-chu/trang/2/index.html",
		"<title>Nhân vật: Trần Thị Chủ – trang 2 – Khuyến học thử</title>",
		"<h1>Trần Thị Chủ – trang 2</h1>",
		`! <h2 id="hoi-nghi">`,
	)
}

func pngFile(t *testing.T, w, h int) string {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A local picture in an article is rendered with its width and height; a
// remote one without.
func TestMarkdownImageSizes(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+`
-- content/news/anh.md --
+++
title = "Ảnh lớp học"
date = 2024-01-01
summary = "Có ảnh."
+++

![Lớp học](/anh/lop.png)

![Ảnh nơi khác](https://example.com/x.jpg)

![Biểu tượng](/favicon.svg)
-- static/anh/lop.png --
`+pngFile(t, 640, 360))
	r.AssertFileContent(t, "tin-tuc/anh/index.html",
		`<img src="/khuyenhoc/anh/lop.png" alt="Lớp học" width="640" height="360" loading="lazy" decoding="async">`,
		`<img src="https://example.com/x.jpg" alt="Ảnh nơi khác" loading="lazy" decoding="async">`,
		`<img src="/khuyenhoc/favicon.svg" alt="Biểu tượng" width="`,
	)
}

// A local picture that is missing or unreadable fails the build, at its
// line and column in the article.
func TestMarkdownImageErrors(t *testing.T) {
	t.Parallel()
	r := buildTxtar(t, baseSite+`
-- content/news/anh.md --
+++
title = "Ảnh lớp học"
date = 2024-01-01
summary = "Có ảnh."
+++

Ảnh: ![Lớp học](/anh/khong-co.png)

![Hỏng](/anh/hong.jpg)

## Kết quả

Lớp học mở thêm.
-- content/news/lien-ket.md --
+++
title = "Bài dẫn sang"
date = 2024-01-02
summary = "Dẫn sang mục kết quả của bài có ảnh."
+++

Xem [kết quả](/tin-tuc/anh/#ket-qua).
-- static/anh/hong.jpg --
không phải ảnh
`, expectErrors())
	d := r.AssertDiag(t, `content/news/anh.md:7:17: error: image "/anh/khong-co.png": no such picture in static/ or themes/default/static/`)
	if !strings.Contains(d.Hint, "save the picture as static/anh/khong-co.png") {
		t.Errorf("hint %q", d.Hint)
	}
	r.AssertDiag(t, `content/news/anh.md:9:9: error: image "/anh/hong.jpg": cannot read the size of static/anh/hong.jpg: not a PNG, JPEG, GIF, WebP or SVG picture`)
	// The page that could not render has anchors nobody saw: a link to
	// one of them is not reported as broken on top of the real mistakes.
	if n := len(r.Errors()); n != 2 {
		t.Errorf("%d errors, want 2:\n%s", n, r.diagText())
	}
}
