package site

import (
	"os"
	"testing"
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

func TestSmoke(t *testing.T) {
	r := buildTxtar(t, baseSite)
	t.Log(r.diagText())
	t.Log(r.FileNames(t))
	if err := os.CopyFS("/tmp/kh-base", os.DirFS(r.Out)); err != nil {
		t.Log(err)
	}
}
