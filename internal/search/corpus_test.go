package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// A synthetic but realistic corpus for the benchmark: news of the
// study-promotion movement, written from sentence templates filled with
// real place names, people's names, roles, figures and a few hundred
// common words, so that term and pair frequencies look like the real
// thing (every article says "hội", "khuyến học", "học tập"; place and
// person names are spread thin; tone placements vary).

var (
	cProvinces = []string{
		"Hà Nội", "Hải Phòng", "Bắc Ninh", "Thái Bình", "Nam Định", "Ninh Bình", "Hà Nam", "Hưng Yên",
		"Vĩnh Phúc", "Hải Dương", "Quảng Ninh", "Lào Cai", "Yên Bái", "Điện Biên", "Lai Châu", "Sơn La",
		"Hòa Bình", "Hoà Bình", "Hà Giang", "Cao Bằng", "Bắc Kạn", "Lạng Sơn", "Tuyên Quang", "Thái Nguyên",
		"Phú Thọ", "Bắc Giang", "Thanh Hóa", "Thanh Hoá", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị",
		"Thừa Thiên Huế", "Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa",
		"Khánh Hoà", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng",
		"Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa – Vũng Tàu", "Thành phố Hồ Chí Minh",
		"Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang",
		"Cần Thơ", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
	}
	cClusters = [][2]string{
		{"tay-bac", "Cụm thi đua khuyến học Tây Bắc"},
		{"dong-bac", "Cụm thi đua khuyến học Đông Bắc"},
		{"dong-bang-song-hong-1", "Cụm I đồng bằng sông Hồng"},
		{"dong-bang-song-hong-2", "Cụm II đồng bằng sông Hồng"},
		{"dong-bang-song-hong-3", "Cụm III các tỉnh, thành phố đồng bằng sông Hồng"},
		{"bac-trung-bo", "Cụm thi đua khuyến học các tỉnh Bắc Trung Bộ"},
		{"nam-trung-bo", "Cụm thi đua duyên hải Nam Trung Bộ"},
		{"tay-nguyen", "Cụm thi đua Tây Nguyên"},
		{"dong-nam-bo", "Cụm thi đua Đông Nam Bộ"},
		{"tay-nam-bo", "Cụm thi đua Tây Nam Bộ"},
		{"dong-bang-song-cuu-long", "Cụm thi đua đồng bằng sông Cửu Long"},
		{"ha-tinh-phia-nam", "Cụm khuyến học phía nam tỉnh Hà Tĩnh"},
	}
	cSurnames = strings.Fields("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Mai Lương Tạ Chu Quách Kiều")
	cMiddles  = strings.Fields("Văn Thị Đức Minh Hữu Ngọc Thanh Quang Xuân Thu Mạnh Tiến Kim Hồng Bảo Đình Công Thế")
	cGivens   = strings.Fields("Hùng Hiền Điền Thọ Dũng Thanh Minh Lan Hoa Tuấn Hương Bình Hải Long Nam Phương Quý Thủy Thuỷ Khoa Hòa Hoà Thúy Thuý Khỏe Sơn Trung Đạt Hạnh Yến Loan Cường Thắng Vinh Tâm Nga Oanh Huệ Quỳnh Khánh Toàn")
	cRoles    = []string{
		"Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch kiêm Tổng Thư ký", "Chánh Văn phòng", "Trưởng ban Thông tin Tuyên truyền",
		"Trưởng ban Tổ chức", "Ủy viên Ban Thường vụ", "Phó Chánh Văn phòng", "Trưởng ban Khoa học", "Giám đốc Trung tâm",
	}
	cTopics = []string{
		"quỹ khuyến học", "xây dựng xã hội học tập", "công dân học tập", "dòng họ học tập", "gia đình học tập",
		"cộng đồng học tập", "đơn vị học tập", "học tập suốt đời", "trung tâm học tập cộng đồng", "khuyến học, khuyến tài",
		"học bổng", "chuyển đổi số", "phát triển hội viên", "mô hình học tập", "Kết luận 49 của Ban Bí thư",
		"giao ban cụm thi đua", "thi đua khen thưởng", "xóa mù chữ", "phổ cập giáo dục", "đào tạo nghề",
	}
	cWords = strings.Fields(`giáo_dục đào_tạo học_sinh sinh_viên giáo_viên nhà_trường địa_phương cơ_sở chính_quyền cấp_ủy
		doanh_nghiệp nhà_hảo_tâm phụ_huynh người_dân cộng_đồng gia_đình dòng_họ thôn_bản xã_phường huyện_thị
		phong_trào nhiệm_vụ kế_hoạch chương_trình đề_án dự_án nghị_quyết chỉ_thị văn_bản hướng_dẫn
		tuyên_truyền vận_động huy_động ủng_hộ đóng_góp trao_tặng khen_thưởng biểu_dương tôn_vinh ghi_nhận
		kết_quả thành_tích hạn_chế tồn_tại khó_khăn thuận_lợi nguyên_nhân giải_pháp kinh_nghiệm bài_học
		hiệu_quả chất_lượng thiết_thực bền_vững sâu_rộng tích_cực chủ_động sáng_tạo đổi_mới nâng_cao
		tổ_chức triển_khai thực_hiện phối_hợp kiểm_tra giám_sát đánh_giá tổng_kết sơ_kết báo_cáo
		hội_viên chi_hội ban_chấp_hành ban_thường_vụ thường_trực văn_phòng ủy_ban mặt_trận đoàn_thể
		thanh_niên phụ_nữ nông_dân cựu_chiến_binh người_cao_tuổi công_đoàn khuyến_nông khuyến_công
		học_bổng phần_thưởng suất_quà xe_đạp sách_vở máy_tính điện_thoại thư_viện tủ_sách lớp_học
		vùng_sâu vùng_xa biên_giới hải_đảo miền_núi dân_tộc_thiểu_số hộ_nghèo cận_nghèo mồ_côi khuyết_tật
		công_nghệ chuyển_đổi_số trực_tuyến nền_tảng ứng_dụng dữ_liệu phần_mềm kỹ_năng ngoại_ngữ tin_học
		năm_học học_kỳ kỳ_thi tốt_nghiệp đại_học cao_đẳng trung_cấp mầm_non tiểu_học trung_học
		đặc_biệt thường_xuyên kịp_thời đầy_đủ rõ_ràng cụ_thể chặt_chẽ đồng_bộ toàn_diện liên_tục
		ý_nghĩa vai_trò trách_nhiệm nhận_thức tư_tưởng tinh_thần truyền_thống văn_hóa văn_hoá đạo_đức
		nghiên_cứu khảo_sát thống_kê số_liệu tiêu_chí danh_hiệu chỉ_tiêu mục_tiêu định_hướng chiến_lược`)
	cVerbs = []string{"đã", "đang", "sẽ", "tiếp tục", "cần", "phải", "luôn", "đều"}
	cLinks = []string{"và", "với", "của", "cho", "trong", "về", "để", "tại", "theo", "từ"}
)

type corpusGen struct{ r *rand.Rand }

func (g corpusGen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g corpusGen) word() string { return strings.ReplaceAll(g.pick(cWords), "_", " ") }

func (g corpusGen) person() string {
	return g.pick(cSurnames) + " " + g.pick(cMiddles) + " " + g.pick(cGivens)
}

func (g corpusGen) amount() string {
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("%d tỷ đồng", 1+g.r.IntN(400))
	case 1:
		return fmt.Sprintf("%d tỷ %d triệu đồng", 1+g.r.IntN(120), 1+g.r.IntN(999))
	}
	return fmt.Sprintf("hơn %d,%d tỷ đồng", 1+g.r.IntN(99), g.r.IntN(10))
}

// filler is a sentence of common words in a random but grammatical-ish
// order, so that word pairs are as varied as in real prose.
func (g corpusGen) filler() string {
	var b strings.Builder
	b.WriteString(g.pick([]string{"Các", "Nhiều", "Những", "Công tác", "Việc", "Phong trào", "Hội"}))
	for range 3 + g.r.IntN(4) {
		b.WriteString(" " + g.word())
		if g.r.IntN(3) == 0 {
			b.WriteString(" " + g.pick(cVerbs))
		}
		if g.r.IntN(2) == 0 {
			b.WriteString(" " + g.pick(cLinks))
		}
	}
	b.WriteString(" " + g.word() + ".")
	return b.String()
}

func (g corpusGen) sentence(place string) string {
	p, t := place, g.pick(cTopics)
	switch g.r.IntN(16) {
	case 0:
		return fmt.Sprintf("Hội nghị giao ban do ông %s, %s Hội Khuyến học %s, chủ trì.", g.person(), g.pick(cRoles), p)
	case 1:
		return fmt.Sprintf("Quỹ khuyến học của tỉnh %s đạt %s, tăng so với cùng kỳ năm trước.", p, g.amount())
	case 2:
		return fmt.Sprintf("Bà %s, %s Hội Khuyến học %s, cho biết %s là nhiệm vụ trọng tâm của năm.", g.person(), g.pick(cRoles), g.pick(cProvinces), t)
	case 3:
		return fmt.Sprintf("Các tỉnh vùng đồng bằng sông Hồng và đồng bằng sông Cửu Long đã trao đổi kinh nghiệm về %s.", t)
	case 4:
		return fmt.Sprintf("Toàn tỉnh hiện có %d chi hội khuyến học với %d hội viên, đạt %d,%d%% dân số.", 100+g.r.IntN(3000), 10000+g.r.IntN(900000), 10+g.r.IntN(40), g.r.IntN(10))
	case 5:
		return fmt.Sprintf("Hội nghị đã thống nhất %d nội dung về %s trong thời gian tới.", 2+g.r.IntN(8), t)
	case 6:
		return fmt.Sprintf("Ngày %d/%d, Hội Khuyến học %s tổ chức trao %d suất học bổng cho học sinh nghèo vượt khó.", 1+g.r.IntN(28), 1+g.r.IntN(12), p, 20+g.r.IntN(500))
	case 7:
		return fmt.Sprintf("Phát biểu tại hội nghị, ông %s đề nghị các cấp hội đẩy mạnh %s, gắn với %s.", g.person(), t, g.pick(cTopics))
	case 8:
		return fmt.Sprintf("Mô hình %s ở %s được đánh giá cao, cần nhân rộng ra các địa phương trong cụm.", t, g.pick(cProvinces))
	case 9:
		return fmt.Sprintf("Cụm thi đua thống nhất giao %s đăng cai hội nghị giao ban năm sau.", g.pick(cProvinces))
	}
	return g.filler()
}

func (g corpusGen) body(place string, size int) string {
	var b strings.Builder
	for b.Len() < size {
		for range 3 + g.r.IntN(4) {
			b.WriteString(g.sentence(place))
			b.WriteByte(' ')
		}
		b.WriteString("\n\n")
	}
	return strings.TrimSpace(b.String())
}

// corpus returns nArticles news articles of about 6 KB each plus a year
// of meetings per cluster, the clusters and the provinces, always the
// same for the same n.
func corpus(nArticles int) ([]Doc, Meta) {
	g := corpusGen{rand.New(rand.NewPCG(20241204, uint64(nArticles)))}
	meta := Meta{ClusterNames: map[string]string{}}
	for _, c := range cClusters {
		meta.ClusterNames[c[0]] = c[1]
	}
	titles := []string{
		"Hội nghị giao ban %s năm %d",
		"%s: quỹ khuyến học vượt kế hoạch năm %d",
		"Trao học bổng cho học sinh nghèo hiếu học %s năm %d",
		"%s tổng kết công tác khuyến học, khuyến tài năm %d",
		"Xây dựng xã hội học tập ở %s giai đoạn %d",
		"Đại hội Hội Khuyến học %s nhiệm kỳ %d",
		"%s nhân rộng mô hình công dân học tập (%d)",
	}
	var docs []Doc
	for i := range nArticles {
		c := cClusters[g.r.IntN(len(cClusters))]
		p := g.pick(cProvinces)
		y := 2010 + g.r.IntN(16)
		date := fmt.Sprintf("%d-%02d-%02d", y, 1+g.r.IntN(12), 1+g.r.IntN(28))
		people := []string{g.person(), g.person(), g.person()}
		docs = append(docs, Doc{
			URL:     fmt.Sprintf("/tin-tuc/%s-%d/", date, i),
			Type:    "tin-tuc",
			Title:   fmt.Sprintf(titles[g.r.IntN(len(titles))], p, y),
			Date:    date,
			Cluster: c[0],
			Summary: g.sentence(p) + " " + g.sentence(p),
			Body:    g.body(p, 5600+g.r.IntN(800)),
			Place:   p,
			People:  people,
		})
	}
	for i := range nArticles / 20 {
		c := cClusters[i%len(cClusters)]
		p := g.pick(cProvinces)
		y := 2010 + g.r.IntN(16)
		date := fmt.Sprintf("%d-%02d-%02d", y, 1+g.r.IntN(12), 1+g.r.IntN(28))
		docs = append(docs, Doc{
			URL:     fmt.Sprintf("/hoi-nghi/%s-%s-%d/", date, c[0], i),
			Type:    "hoi-nghi",
			Title:   fmt.Sprintf("Hội nghị giao ban %s tại %s", c[1], p),
			Date:    date,
			Cluster: c[0],
			Summary: g.sentence(p),
			Body:    g.body(p, 1500),
			Place:   p,
			People:  []string{g.person(), g.person()},
		})
	}
	for _, c := range cClusters {
		docs = append(docs, Doc{URL: "/cum-thi-dua/" + c[0] + "/", Type: "cum-thi-dua", Title: c[1], Cluster: c[0], Body: g.body(g.pick(cProvinces), 800)})
	}
	seen := map[string]bool{}
	for _, p := range cProvinces {
		u := "/tinh/" + strings.ReplaceAll(strings.ToLower(p), " ", "-") + "/"
		if seen[u] {
			continue
		}
		seen[u] = true
		docs = append(docs, Doc{URL: u, Type: "tinh", Title: p, Body: g.body(p, 600)})
	}
	return docs, meta
}
