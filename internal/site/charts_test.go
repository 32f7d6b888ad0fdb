package site

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/civil"
	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
	"github.com/khuyenhoc/khuyenhoc/internal/data"
)

func meetingsOf(clusters, perCluster int) []*MeetingView {
	var ms []*MeetingView
	for c := range clusters {
		for i := range perCluster {
			d := civil.Date{Year: 2020 + i%5, Month: time.Month(1 + c%12), Day: 1 + i%28}
			kind := data.MeetingKinds[i%2*2] // giao ban, tổng kết
			ms = append(ms, &MeetingView{Meeting: &data.Meeting{Kind: kind, Date: d}, Year: d.Year,
				Cluster: Link{Text: "Cụm " + strconv.Itoa(c+1)}})
		}
	}
	return ms
}

// TestMeetingChartStaysSmall: the home page's meeting chart is a timeline
// per cluster while that is readable, and the count by year and kind on a
// site of many clusters, whose timeline was megabytes of table.
func TestMeetingChartStaysSmall(t *testing.T) {
	s := &Site{}
	small, ok := s.meetingChart("hn", meetingsOf(3, 4))
	if !ok || small.Title != "Các hội nghị theo thời gian" {
		t.Errorf("3 clusters: chart %q, want the timeline", small.Title)
	}
	big, ok := s.meetingChart("hn", meetingsOf(200, 25))
	big = big.filled()
	if !ok || big.Title != "Số hội nghị theo năm" {
		t.Fatalf("200 clusters: chart %q, want the count by year", big.Title)
	}
	table := string(big.Table)
	for _, want := range []string{"2020", "2024", "Hội nghị giao ban", "Hội nghị tổng kết", "5.000 hội nghị của 200 cụm thi đua, từ năm 2020 đến năm 2024"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table does not say %q:\n%s", want, table)
		}
	}
	if strings.Contains(table, "Hội nghị sơ kết") {
		t.Error("a kind with no meeting has a series")
	}
	if n := len(big.Table) + len(big.Snippet); n > 20_000 {
		t.Errorf("5 000 meetings make %d bytes of chart and table, want a few kB", n)
	}
}

// TestChartSourcesStayShort: on a generated site whose charts cite many
// sources, a chart names the first few and says how many more there are and
// where each figure's source is.
func TestChartSourcesStayShort(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	if err := corpus.Generate(src, 300, 2); err != nil {
		t.Fatal(err)
	}
	r := buildFS(t, os.DirFS(src))
	home := r.ReadFile(t, "index.html")
	if !strings.Contains(home, ` nguồn khác (nguồn của từng số liệu ở <a href="/du-lieu/funds/">trang dữ liệu</a>).</p>`) {
		t.Fatal("the funds chart on the home page does not say how many sources it leaves out, and where to find them")
	}
	for _, p := range regexp.MustCompile(`<p class="sources">.*?</p>`).FindAllString(home, -1) {
		if n := strings.Count(p, "<a "); n > maxChartSources+1 {
			t.Errorf("a chart names %d sources, want at most %d:\n%.300s", n, maxChartSources, p)
		}
	}
}
