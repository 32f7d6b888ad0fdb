package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// renderArticle writes one article file: front matter and about 6 KB of
// Markdown.
func (w *world) renderArticle(b *bytes.Buffer, r *rand.Rand, a *article) {
	t := &text{r: r, w: w, a: a}
	b.WriteString("+++\n")
	fmt.Fprintf(b, "title = %s\n", q(a.title))
	fmt.Fprintf(b, "date = %s\n", a.date.Format(time.DateOnly))
	fmt.Fprintf(b, "summary = %s\n", q(t.fill(sentences[r.IntN(len(sentences))])))
	if a.meeting != nil {
		fmt.Fprintf(b, "meeting = %s\n", q(a.meeting.id))
	} else if a.cluster != nil {
		fmt.Fprintf(b, "cluster = %s\n", q(a.cluster.id))
	}
	ids := make([]string, len(a.provinces))
	for i, p := range a.provinces {
		ids[i] = p.ID
	}
	fmt.Fprintf(b, "provinces = %s\n", qlist(ids))
	fmt.Fprintf(b, "tags = %s\n", qlist(a.tags))
	fmt.Fprintf(b, "authors = %s\n", qlist([]string{a.author}))
	if a.meeting != nil {
		fmt.Fprintf(b, "source = %s\n", q(a.meeting.sourceID()))
	} else {
		pub := publications[r.IntN(len(publications))]
		if pub.Domain != "" {
			fmt.Fprintf(b, "source = { publication = %s, url = %s }\n", q(pub.Name), q("https://"+pub.Domain+"/"+a.slug+".html"))
		} else {
			fmt.Fprintf(b, "source = { publication = %s }\n", q(pub.Name+" "+a.provinces[0].Name))
		}
	}
	fmt.Fprintf(b, "\n[[image]]\nsrc = %s\nalt = %s\ncaption = %s\ncredit = %s\nwidth = 1200\nheight = 800\n",
		q(imageSrc(a.image)), q(imageAlts[a.image]), q(t.fill("Hội nghị tại {P}, {date}.")), q("Ảnh: "+a.author))
	b.WriteString("+++\n\n")

	t.para(b, t.opening(), 1)
	fmt.Fprintf(b, "![%s](%s)\n\n", imageAlts[(a.image+1)%images], imageSrc((a.image+1)%images))

	b.WriteString("## " + sectionTitles[0] + "\n\n")
	t.para(b, "", 3)
	t.para(b, "", 2)
	t.list(b, "- ", 4)

	b.WriteString("## " + sectionTitles[1] + "\n\n")
	t.para(b, t.fill("Bảng dưới đây tóm tắt số liệu một số tỉnh báo cáo {period}."), 1)
	t.table(b)
	t.para(b, "Các số liệu trên được tổng hợp từ báo cáo của hội các tỉnh; xem lại [những kết quả nổi bật](#ket-qua-noi-bat) ở phần đầu bài.", 1)

	b.WriteString("## " + sectionTitles[2] + "\n\n")
	t.para(b, "", 3)
	t.list(b, "", 3)

	b.WriteString("## " + sectionTitles[3] + "\n\n")
	t.para(b, "", 2)
	fmt.Fprintf(b, "> %s\n>\n> — %s\n\n", quotes[r.IntN(len(quotes))], t.person().Name)
	t.para(b, "", 1)

	b.WriteString("## " + sectionTitles[4] + "\n\n")
	footnote := r.IntN(3) == 0
	lead := ""
	if footnote {
		lead = "Số liệu trong bài do các hội tỉnh báo cáo tại hội nghị[^so-lieu]."
	}
	t.para(b, lead, 2)
	t.para(b, "", 1)
	b.WriteString("Xem thêm: ")
	for i, o := range a.links {
		if i > 0 {
			b.WriteString(", ")
		}
		frag := ""
		if i == 1 {
			frag = "#ket-qua-noi-bat"
		}
		fmt.Fprintf(b, "[%s](/tin-tuc/%s/%s)", o.title, o.slug, frag)
	}
	c := a.cluster
	if c == nil {
		c = w.clusters[a.i%len(w.clusters)]
	}
	p := a.provinces[r.IntN(len(a.provinces))]
	fmt.Fprintf(b, "; trang [%s](/cum-thi-dua/%s/) và [%s %s](/tinh/%s/). Thông tin chung về phong trào có tại https://khuyenhocvietnam.vn.\n\n",
		c.short, c.id, p.Kind, p.Name, p.ID)
	if footnote {
		b.WriteString("[^so-lieu]: Một số tỉnh chưa gửi báo cáo chính thức; số liệu có thể được điều chỉnh.\n\n")
	}
	fmt.Fprintf(b, "*%s, %s.*\n", a.author, a.date.Format("2/1/2006"))
}

func imageSrc(i int) string { return fmt.Sprintf("/images/anh-%d.svg", i+1) }

// text fills sentence templates for one article.
type text struct {
	r *rand.Rand
	w *world
	a *article
}

func (t *text) opening() string {
	a := t.a
	if m := a.meeting; m != nil {
		var who []string
		for _, p := range m.people {
			who = append(who, p.honorific()+", "+p.Title)
		}
		return fmt.Sprintf("Ngày %s, [%s](/cum-thi-dua/%s/) tổ chức hội nghị %s công tác khuyến học %s tại %s, do %s đăng cai. Dự hội nghị có %s.",
			m.date.Format("2/1/2006"), m.cluster.short, m.cluster.id, m.kind, m.periodLabel(), m.place.Name, m.hostName, strings.Join(who, "; "))
	}
	if c := a.cluster; c != nil {
		p := c.people[t.r.IntN(len(c.people))]
		return fmt.Sprintf("Hội khuyến học các tỉnh trong [%s](/cum-thi-dua/%s/) vừa trao đổi kinh nghiệm về %s. Theo %s, %s, phong trào có nhiều chuyển biến.",
			c.short, c.id, titleTopics[t.r.IntN(len(titleTopics))], p.honorific(), p.Title)
	}
	p := a.provinces[0]
	return fmt.Sprintf("Hội Khuyến học [%s %s](/tinh/%s/) vừa sơ kết công tác năm %d, với nhiều kết quả về %s.",
		p.Kind, p.Name, p.ID, a.date.Year(), titleTopics[t.r.IntN(len(titleTopics))])
}

// para writes a paragraph: lead (if any) and n more sentences.
func (t *text) para(b *bytes.Buffer, lead string, n int) {
	if lead != "" {
		b.WriteString(lead)
		if n > 0 {
			b.WriteByte(' ')
		}
	}
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.fill(sentences[t.r.IntN(len(sentences))]))
	}
	b.WriteString("\n\n")
}

// list writes n items; marker "" numbers them.
func (t *text) list(b *bytes.Buffer, marker string, n int) {
	for i, k := range t.r.Perm(len(listItems))[:n] {
		m := marker
		if m == "" {
			m = strconv.Itoa(i+1) + ". "
		}
		end := ";"
		if i == n-1 {
			end = "."
		}
		item := strings.TrimRight(t.fill(listItems[k]), ";.") + end
		b.WriteString(m + item + "\n")
	}
	b.WriteString("\n")
}

func (t *text) table(b *bytes.Buffer) {
	b.WriteString("| Tỉnh, thành phố | Quỹ vận động được | Học bổng (suất) | Hội viên | Tỷ lệ hội viên |\n")
	b.WriteString("|---|---:|---:|---:|---:|\n")
	for range 4 + t.r.IntN(3) {
		p := t.w.provinces[t.r.IntN(len(t.w.provinces))]
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s%% |\n", p.Name, t.money(), groupDigits(int64(100+t.r.IntN(9000))),
			groupDigits(int64(20000+t.r.IntN(900000))), t.pct())
	}
	b.WriteString("\n")
}

func (t *text) person() person {
	a := t.a
	switch {
	case a.meeting != nil:
		return a.meeting.people[t.r.IntN(len(a.meeting.people))].person
	case a.cluster != nil:
		return a.cluster.people[t.r.IntN(len(a.cluster.people))]
	}
	return t.w.national[t.r.IntN(len(t.w.national))]
}

func (t *text) province() *province {
	if t.r.IntN(3) > 0 {
		return t.a.provinces[t.r.IntN(len(t.a.provinces))]
	}
	return t.w.provinces[t.r.IntN(len(t.w.provinces))]
}

// fill replaces every {key} in s with a fresh value.
func (t *text) fill(s string) string {
	var out strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			out.WriteString(s)
			return out.String()
		}
		j := strings.IndexByte(s[i:], '}')
		out.WriteString(s[:i])
		out.WriteString(t.value(s[i+1 : i+j]))
		s = s[i+j+1:]
	}
}

func (t *text) value(key string) string {
	r := t.r
	switch key {
	case "P", "P2":
		return t.province().Name
	case "period":
		if t.a.meeting != nil {
			return t.a.meeting.periodLabel()
		}
		return fmt.Sprintf("năm %d", t.a.date.Year())
	case "date":
		return t.a.date.Format("2/1/2006")
	case "money":
		return t.money()
	case "n":
		return groupDigits(int64(5 + r.IntN(2000)))
	case "n2":
		return groupDigits(int64(50 + r.IntN(50000)))
	case "pct":
		return t.pct()
	case "person":
		return t.person().Name
	}
	panic("corpus: unknown placeholder {" + key + "}")
}

func (t *text) money() string {
	r := t.r
	switch r.IntN(5) {
	case 0:
		return groupDigits(int64(10_000_000+r.IntN(2_000_000_000))) + " đồng"
	case 1:
		return fmt.Sprintf("%d triệu đồng", 20+r.IntN(900))
	case 2:
		return fmt.Sprintf("hơn %d tỷ đồng", 1+r.IntN(400))
	case 3:
		return fmt.Sprintf("%d,%d tỷ đồng", 1+r.IntN(120), 1+r.IntN(9))
	}
	return fmt.Sprintf("gần %d tỷ đồng", 2+r.IntN(60))
}

func (t *text) pct() string {
	return fmt.Sprintf("%d,%d", 5+t.r.IntN(40), t.r.IntN(100))
}

// groupDigits writes n the Vietnamese way: 1.290.040.892.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// q quotes a TOML basic string.
func q(s string) string { return strconv.Quote(s) }

func qlist(ss []string) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = q(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
