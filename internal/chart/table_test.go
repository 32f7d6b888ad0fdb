package chart

import (
	"reflect"
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	got := fixtures()["bar"].Table()
	want := Table{
		Caption: "Tổng quỹ khuyến học tăng từ 300 tỷ đồng năm 2019 lên hơn 450 tỷ đồng năm 2023; năm 2021 chưa có số liệu.",
		Header:  []string{"Năm", "Tổng quỹ (tỷ đồng)"},
		Rows: [][]string{
			{"2019", "300"},
			{"2020", "352,75"},
			{"2021", "—"},
			{"2022", "410"},
			{"2023", "hơn 450"},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
}

func TestTableKinds(t *testing.T) {
	f := fixtures()
	line := f["line"].Table()
	if line.Header[0] != "Hạng mục" || line.Rows[3][1] != "3.007.923" || line.Rows[4][1] != "hơn 3.100.000" {
		t.Errorf("line table: %#v", line)
	}
	ranked := f["ranked-bar"].Table()
	var order []string
	for _, r := range ranked.Rows {
		order = append(order, r[0]+"="+r[1])
	}
	if got, want := strings.Join(order, " "), "Nghệ An=gần 95,5 Thanh Hóa=72,125 Hà Nội=61,2 Thái Bình=40 Hải Dương=40 Cao Bằng=—"; got != want {
		t.Errorf("ranked order\n got %s\nwant %s", got, want)
	}
	tl := f["timeline"].Table()
	if tl.Header[0] != "Thời gian" {
		t.Errorf("timeline header %q", tl.Header[0])
	}
	var dates []string
	for _, r := range tl.Rows {
		dates = append(dates, r[0])
	}
	if got := strings.Join(dates, " "); got != "2022 09/2023 15/03/2024 20/08/2024" {
		t.Errorf("timeline dates %s", got)
	}
	st := f["stacked-bar"].Table()
	if !reflect.DeepEqual(st.Header, []string{"Hạng mục", "Tiểu học (suất)", "THCS (suất)", "THPT (suất)"}) ||
		!reflect.DeepEqual(st.Rows[1], []string{"2022", "13.500", "gần 11.000", "7.020"}) {
		t.Errorf("stacked table %#v", st)
	}
	c := f["bar"]
	c.Description, c.Unit = "", ""
	if tb := c.Table(); tb.Caption != c.Title || tb.Header[1] != "Tổng quỹ" {
		t.Errorf("fallbacks: %#v", tb)
	}
	c = f["stacked-bar"]
	c.Series[0].Name = "Tiểu học (suất)"
	if tb := c.Table(); tb.Header[1] != "Tiểu học (suất)" {
		t.Errorf("a series named with its unit: header %q, want it once", tb.Header[1])
	}
}

func TestTableHTML(t *testing.T) {
	tb := Table{Caption: "Quỹ <2023>", Header: []string{"Năm", "Quỹ"}, Rows: [][]string{{"2023", "hơn 450"}, {"2024", "—"}}}
	want := `<table class="chart-table"><caption>Quỹ &lt;2023&gt;</caption>
<thead><tr><th scope="col">Năm</th><th scope="col">Quỹ</th></tr></thead>
<tbody>
<tr><th scope="row">2023</th><td class="num">hơn 450</td></tr>
<tr><th scope="row">2024</th><td class="num">—</td></tr>
</tbody></table>`
	if got := string(tb.HTML()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestCSV(t *testing.T) {
	f := fixtures()
	tests := map[string]string{
		"bar": "category,Tổng quỹ,Tổng quỹ (ước lượng)\n" +
			"2019,300,\n2020,352.75,\n2021,,\n2022,410,\n2023,450,hơn\n",
		"stacked-bar": "category,Tiểu học,THCS,THCS (ước lượng),THPT\n" +
			"2021,12000,9800,,6400\n2022,13500,11000,gần,7020\n2023,14210,11250,,\n",
		"ranked-bar": "category,Quỹ 2023,Quỹ 2023 (ước lượng)\n" +
			"Nghệ An,95.5,gần\nThanh Hóa,72.125,\nHà Nội,61.2,\nThái Bình,40,\nHải Dương,40,\nCao Bằng,,\n",
		"timeline": "category,Học bổng Vừ A Dính,Học bổng Vừ A Dính (ước lượng),Học bổng Odon Vallet\n" +
			"2022,500,,\n2023-09,,,650\n2024-03-15,1200,hơn,\n2024-08-20,800,,700\n",
	}
	for name, want := range tests {
		c := f[name]
		if got := string(c.CSV()); got != want {
			t.Errorf("%s:\n got %q\nwant %q", name, got, want)
		}
		if string(c.CSV()) != string(c.CSV()) {
			t.Errorf("%s: CSV not deterministic", name)
		}
	}
	// Exact data: no qualifier column; fields are quoted when needed.
	c := Chart{Categories: []string{`Hà Nội, "thủ đô"`}, Series: []Series{{Name: "A,B", Values: []Value{approx("hơn", 0)}}}}
	c.Series[0].Values[0].OK = false // approximate gap: no qualifier column
	if got, want := string(c.CSV()), "category,\"A,B\"\n\"Hà Nội, \"\"thủ đô\"\"\",\n"; got != want {
		t.Errorf("quoting:\n got %q\nwant %q", got, want)
	}
	big := Chart{Categories: []string{"x"}, Series: []Series{{Name: "n", Values: []Value{v(1e21)}}}}
	if got := string(big.CSV()); got != "category,n\nx,1000000000000000000000\n" {
		t.Errorf("no exponent notation: %q", got)
	}
}

func TestFormatNumber(t *testing.T) {
	for in, want := range map[float64]string{
		0:           "0",
		7:           "7",
		450:         "450",
		1000:        "1.000",
		3007923:     "3.007.923",
		12.5:        "12,5",
		352.75:      "352,75",
		72.125:      "72,125",
		0.0004:      "0",
		1.0005:      "1,001",
		999.9996:    "1.000",
		-0.25:       "-0,25",
		-1234567.89: "-1.234.567,89",
		1e21:        "1.000.000.000.000.000.000.000",
	} {
		if got := FormatNumber(in); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", in, got, want)
		}
	}
}
