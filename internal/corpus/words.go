package corpus

// The vocabulary of generated text. Sentences are written the way the
// association's news items are; {braces} are filled in per article.

var regions = []string{
	"Tây Bắc", "Đông Bắc", "Đồng bằng sông Hồng", "Bắc Trung Bộ",
	"Duyên hải Nam Trung Bộ", "Tây Nguyên", "Đông Nam Bộ", "Đồng bằng sông Cửu Long",
}

var familyNames = []string{
	"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
	"Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đoàn", "Trịnh",
}

var middleNames = []string{
	"Văn", "Thị", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Ngọc", "Xuân",
	"Thu", "Hồng", "Mạnh", "Duy", "Đình", "Kim", "Bích",
}

var givenNames = []string{
	"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa",
	"Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nghĩa",
	"Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Thảo", "Trang", "Trung",
	"Tuấn", "Vân", "Việt", "Yến", "Thọ", "Lộc", "Đạt", "Chiến", "Huyền",
}

// nationalTitles are people of the central association who attend meetings
// of every cluster.
var nationalTitles = []string{
	"Chủ tịch Hội Khuyến học Việt Nam",
	"Phó Chủ tịch Hội Khuyến học Việt Nam",
	"Phó Chủ tịch kiêm Tổng Thư ký Hội Khuyến học Việt Nam",
	"Chánh Văn phòng Trung ương Hội Khuyến học Việt Nam",
	"Trưởng ban Tuyên truyền Trung ương Hội Khuyến học Việt Nam",
}

var provincialTitles = []string{
	"Chủ tịch Hội Khuyến học tỉnh {P}",
	"Phó Chủ tịch thường trực Hội Khuyến học tỉnh {P}",
	"Phó Chủ tịch Ủy ban nhân dân tỉnh {P}",
	"Trưởng ban Dân vận Tỉnh ủy {P}",
	"Giám đốc Sở Giáo dục và Đào tạo tỉnh {P}",
}

var meetingKinds = []string{"giao ban", "sơ kết", "tổng kết"}

var tags = []string{
	"giao ban", "sơ kết", "tổng kết", "học bổng", "quỹ khuyến học", "bão lũ",
	"gia đình học tập", "dòng họ học tập", "cộng đồng học tập", "đơn vị học tập",
	"công dân học tập", "trung tâm học tập cộng đồng", "chuyển đổi số", "xã hội học tập",
	"khuyến tài", "học sinh nghèo vượt khó", "giáo viên vùng cao", "thi đua khen thưởng",
	"hội viên", "chi hội khuyến học", "ban khuyến học", "doanh nghiệp", "dòng họ",
	"người cao tuổi", "thanh niên", "phụ nữ", "nông thôn mới", "vùng dân tộc thiểu số",
	"sách và thư viện", "ngày hội khuyến học", "kết luận 49", "học tập suốt đời",
	"đào tạo nghề", "khen thưởng học sinh giỏi", "cựu giáo chức", "tuyên truyền",
	"đại hội", "nhiệm kỳ mới", "mô hình học tập", "trường học",
}

var publications = []struct{ Name, Domain string }{
	{"Báo Giáo dục và Thời đại", "giaoducthoidai.vn"},
	{"Tạp chí Công dân và Khuyến học", "congdankhuyenhoc.vn"},
	{"Hội Khuyến học Việt Nam", "khuyenhocvietnam.vn"},
	{"Báo Nhân Dân", "nhandan.vn"},
	{"Báo Dân trí", "dantri.com.vn"},
	{"Đài Phát thanh và Truyền hình tỉnh", ""},
}

var authors = []string{
	"Ban biên tập khuyenhoc", "Minh Châu", "Đắc Quang", "Huyền Trang", "Thu Hà",
	"Quốc Việt", "Lan Anh", "Hoàng Long",
}

var titlePatterns = []string{
	"{C} giao ban {period}: {topic}",
	"Hội khuyến học {P} {verb} {topic}",
	"{P}: {topic} trong {period}",
	"Cụm {C} {verb} {topic}",
	"{topic}: kinh nghiệm từ {P}",
	"Khuyến học {P} {period}, {topic}",
	"{P} và {P2} chia sẻ cách làm về {topic}",
}

var titleTopics = []string{
	"vận động quỹ khuyến học", "xây dựng gia đình học tập", "học bổng cho học sinh vùng lũ",
	"phát huy trung tâm học tập cộng đồng", "nâng cao chất lượng hội viên", "dòng họ học tập",
	"chuyển đổi số trong công tác hội", "đánh giá công dân học tập", "khen thưởng học sinh giỏi",
	"xã hội học tập ở cơ sở", "đơn vị học tập trong cơ quan", "cộng đồng thôn xóm học tập",
	"tuyên truyền về khuyến học", "chăm lo giáo viên vùng cao", "học tập suốt đời",
}

var titleVerbs = []string{"đẩy mạnh", "tổng kết", "nhìn lại", "chú trọng", "bàn về", "tiếp tục"}

var sectionTitles = []string{
	"Kết quả nổi bật", "Số liệu các tỉnh", "Mô hình học tập", "Ý kiến tại hội nghị",
	"Định hướng thời gian tới",
}

// sentences make up paragraphs; every one reads on its own.
var sentences = []string{
	"Theo báo cáo, các hội khuyến học trong cụm đã chủ động cụ thể hóa kế hoạch công tác {period}, bám sát nghị quyết của Trung ương Hội.",
	"Công tác tuyên truyền được đổi mới cả về nội dung lẫn hình thức, nhiều hội đã dùng mạng xã hội để đưa tin về phong trào khuyến học, khuyến tài.",
	"Hội Khuyến học tỉnh {P} vận động được {money} cho quỹ khuyến học, tăng so với cùng kỳ năm trước.",
	"Tổ chức hội tiếp tục được củng cố: toàn tỉnh {P} có {n} chi hội và {n2} ban khuyến học trong cơ quan, doanh nghiệp, trường học.",
	"Phong trào xây dựng năm mô hình học tập tiếp tục mở rộng, với {n} gia đình và {n2} dòng họ được công nhận danh hiệu học tập.",
	"Tại {P}, trung tâm học tập cộng đồng ở nhiều xã được trang bị tủ sách, máy tính và mở các lớp tin học cho người cao tuổi.",
	"Ông {person} cho biết năm nay hội chú trọng chất lượng hơn số lượng, nhất là ở các xã vùng sâu, vùng xa.",
	"Bà {person} đề nghị các hội thành viên tăng cường chia sẻ kinh nghiệm, nhất là cách vận động doanh nghiệp đồng hành với quỹ khuyến học.",
	"Nhiều dòng họ ở {P} đã lập quỹ khuyến học riêng, mỗi năm trao thưởng cho con cháu đạt thành tích cao trong học tập.",
	"Hội nghị dành nhiều thời gian thảo luận về việc đánh giá, công nhận danh hiệu \"Công dân học tập\" bằng phần mềm trực tuyến.",
	"Các đại biểu cho rằng cần quan tâm hơn đến học sinh nghèo vượt khó và giáo viên công tác ở vùng dân tộc thiểu số.",
	"Trong {period}, hội các tỉnh trao {n} suất học bổng, tổng giá trị khoảng {money}.",
	"Sau đợt mưa lũ, hội khuyến học {P} đã kịp thời hỗ trợ sách vở, ba lô và đồ dùng học tập cho học sinh bị thiệt hại.",
	"Ban chấp hành hội {P} đã ban hành kế hoạch thực hiện Kết luận 49 của Ban Bí thư về tiếp tục đẩy mạnh công tác khuyến học, khuyến tài.",
	"Tỷ lệ hội viên trên dân số của tỉnh {P} đạt {pct}%, cao hơn mức bình quân của cả nước.",
	"Nhiều sáng kiến được nhân rộng, như mô hình \"Tủ sách dòng họ\", \"Góc học tập cho em\" và \"Cặp lá yêu thương\".",
	"Đại diện tỉnh {P2} chia sẻ cách phối hợp với ngành giáo dục để tổ chức ngày hội khuyến học ở cấp xã.",
	"Các hội cũng chỉ ra những khó khăn: kinh phí hoạt động còn hạn chế, một số cán bộ hội tuổi cao, việc ứng dụng công nghệ thông tin chưa đồng đều.",
	"Hội nghị thống nhất {n} nhiệm vụ trọng tâm cho thời gian tới, trong đó có việc củng cố tổ chức hội sau khi sắp xếp đơn vị hành chính.",
	"Ông {person} nhấn mạnh khuyến học là việc của toàn xã hội, cần sự vào cuộc của cấp ủy, chính quyền và các đoàn thể.",
	"Năm học vừa qua, {P} có {n} học sinh đạt giải trong các kỳ thi học sinh giỏi cấp quốc gia và quốc tế.",
	"Hội khuyến học các huyện đã phối hợp với ủy ban mặt trận tổ quốc vận động con em xa quê đóng góp xây dựng quỹ.",
	"Ở nhiều thôn, bản, già làng và người có uy tín trở thành những người tuyên truyền tích cực cho phong trào học tập.",
	"Mỗi trung tâm học tập cộng đồng trung bình tổ chức {n} chuyên đề mỗi năm, thu hút đông đảo người dân tham gia.",
	"Từ nguồn xã hội hóa, hội {P} đã sửa chữa {n} phòng học và trao tặng hàng nghìn đầu sách cho thư viện trường học.",
	"Bên cạnh học bổng, nhiều hội còn hỗ trợ học nghề, giới thiệu việc làm cho thanh niên sau khi tốt nghiệp.",
	"Theo đánh giá chung, phong trào ở {P} và {P2} có bước tiến rõ rệt so với giai đoạn trước.",
	"Các hội thành viên cam kết hoàn thành chỉ tiêu phát triển hội viên và vận động quỹ đã đề ra.",
}

var listItems = []string{
	"trao {n} suất học bổng, trị giá {money};",
	"tặng {n} bộ sách giáo khoa và {n2} ba lô cho học sinh vùng khó khăn;",
	"hỗ trợ {money} sửa chữa trường lớp bị hư hỏng sau mưa lũ;",
	"khen thưởng {n} học sinh giỏi cấp tỉnh và {n2} giáo viên tiêu biểu;",
	"công nhận {n} gia đình học tập và {n2} dòng họ học tập;",
	"thành lập mới {n} chi hội khuyến học trong doanh nghiệp;",
	"mở {n} lớp tin học, ngoại ngữ tại trung tâm học tập cộng đồng;",
	"phát triển thêm {n} hội viên, nâng tổng số lên hơn {n2} người;",
	"vận động {money} cho quỹ khuyến học các cấp;",
	"tổ chức {n} buổi tuyên truyền về xây dựng xã hội học tập.",
}

var quotes = []string{
	"Khuyến học không chỉ là trao học bổng, mà là khơi dậy tinh thần học tập suốt đời trong mỗi gia đình, mỗi dòng họ.",
	"Mỗi cán bộ hội phải là một tấm gương về tự học; có như vậy phong trào mới đi vào chiều sâu.",
	"Chúng tôi mong các doanh nghiệp trên địa bàn tiếp tục đồng hành, để không em học sinh nào phải bỏ học vì hoàn cảnh khó khăn.",
	"Chuyển đổi số mở ra cơ hội để người dân ở vùng sâu, vùng xa tiếp cận tri thức như ở thành phố.",
}

var imageAlts = []string{
	"Toàn cảnh hội nghị giao ban cụm thi đua khuyến học",
	"Đại biểu trao học bổng cho học sinh nghèo vượt khó",
	"Lớp học tin học tại trung tâm học tập cộng đồng",
	"Các đại biểu chụp ảnh lưu niệm tại hội nghị",
	"Trao cờ đăng cai cụm cho tỉnh đăng cai năm sau",
	"Tủ sách dòng họ ở một thôn vùng cao",
	"Học sinh nhận ba lô và sách vở sau mưa lũ",
	"Đại biểu phát biểu tham luận tại hội nghị",
}

// District names are made of two syllables.
var (
	districtPrefix = []string{"Yên", "Tân", "Thanh", "Kim", "Lạc", "Phú", "Bình", "Hòa", "Đông", "Tây",
		"Vĩnh", "Quảng", "Đức", "Hưng", "Cẩm", "Thạch", "Hương", "Triệu", "Mỹ", "Gia"}
	districtSuffix = []string{"Lập", "Sơn", "Thủy", "Xuyên", "Giang", "Lộc", "Hà", "Khê", "Thành", "Phong",
		"Điền", "Hải", "Ninh", "Trạch", "Linh", "An", "Bình", "Viễn", "Lương", "Định"}
)
