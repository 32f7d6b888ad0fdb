package data

import (
	"os"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/khuyenhoc/khuyenhoc/internal/diag"
)

// sampleData loads the repository's sample data/ once.
var sampleData = sync.OnceValues(func() (*Data, *diag.List) {
	l := &diag.List{}
	return Load(os.DirFS("../.."), l), l
})

func TestSampleDataLoadsClean(t *testing.T) {
	_, l := sampleData()
	if l.HasErrors(true) {
		for _, d := range l.Sorted() {
			t.Error(diag.Format(d))
		}
	}
}

// TestResolveSpellings feeds the resolver names as they appear in news copy,
// spreadsheets and other people's files.
func TestResolveSpellings(t *testing.T) {
	d, _ := sampleData()
	provinces := []struct{ ref, id string }{
		{"Hòa Bình", "hoa-binh"},
		{"Hoà Bình", "hoa-binh"}, // old tone placement
		{norm.NFD.String("Hòa Bình"), "hoa-binh"},
		{norm.NFD.String("Hoà Bình"), "hoa-binh"},
		{"tỉnh Hoà Bình", "hoa-binh"},
		{"TỈNH HÒA BÌNH", "hoa-binh"},
		{"  Hòa   Bình ", "hoa-binh"},
		{"Hội Khuyến học tỉnh Hòa Bình", "hoa-binh"},
		{"Hoa Binh", "hoa-binh"}, // no diacritics: the loose match is unambiguous
		{"Thanh Hoá", "thanh-hoa"},
		{"Thanh Hóa", "thanh-hoa"},
		{"Khánh Hoà", "khanh-hoa"},
		{"Khánh Hòa", "khanh-hoa"},
		{"TP. Hà Nội", "ha-noi"},
		{"thành phố Hà Nội", "ha-noi"},
		{"Hà Nội", "ha-noi"},
		{"TP Hồ Chí Minh", "ho-chi-minh"},
		{"T.P. Hồ Chí Minh", "ho-chi-minh"},
		{"Thành phố Hồ Chí Minh", "ho-chi-minh"},
		{"Thừa Thiên Huế", "hue"},
		{"Thừa Thiên - Huế", "hue"},
		{"Huế", "hue"},
		{"Bà Rịa – Vũng Tàu", "ba-ria-vung-tau"},
		{"Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"},
		{"Bà Rịa-Vũng Tàu", "ba-ria-vung-tau"},
		{"Đắk Lắk", "dak-lak"},
		{"Dak Lak", "dak-lak"},
		{"dien-bien", "dien-bien"},
		{"Điện Biên", "dien-bien"},
		{"Quảng Trị", "quang-tri"},
	}
	for _, c := range provinces {
		p, err := d.Resolve.Province(c.ref)
		if err != nil || p.ID != c.id {
			t.Errorf("Province(%q) = %v, %v; want %s", c.ref, p, err, c.id)
		}
	}
	clusters := []struct{ ref, id string }{
		{"Cụm III", "dong-bang-song-hong-3"},
		{"cụm iii", "dong-bang-song-hong-3"},
		{"Cụm 3", "dong-bang-song-hong-3"},
		{"Cụm khuyến học số III", "dong-bang-song-hong-3"},
		{"Tây Bắc", "tay-bac"},
		{"Cụm Tây Bắc", "tay-bac"},
		{"Cum Tay Bac", "tay-bac"},
		{"cụm thi đua Bắc Trung Bộ", "bac-trung-bo"},
		{"Bắc Trung Bộ", "bac-trung-bo"},
		{"Cụm thi đua số 5", "ha-tinh-phia-nam"},
		{"ha-tinh-phia-nam", "ha-tinh-phia-nam"},
	}
	for _, c := range clusters {
		cl, err := d.Resolve.Cluster(c.ref)
		if err != nil || cl.ID != c.id {
			t.Errorf("Cluster(%q) = %v, %v; want %s", c.ref, cl, err, c.id)
		}
	}
	// A table row names a province or a cluster.
	for ref, id := range map[string]string{"Sơn La": "son-la", "Cụm III": "dong-bang-song-hong-3", "bac-trung-bo": "bac-trung-bo"} {
		if u, err := d.Resolve.Unit(ref); err != nil || u.ID() != id {
			t.Errorf("Unit(%q) = %v, %v; want %s", ref, u.ID(), err, id)
		}
	}
}

// TestResolveUnknown checks that a name that matches nothing is an error
// whose hint names the closest spelling, as an id when the reference looks
// like one.
func TestResolveUnknown(t *testing.T) {
	d, _ := sampleData()
	for _, c := range []struct {
		kind, ref, hint string
	}{
		{"province", "Hòa Bìnhh", `did you mean "Hòa Bình"?`},
		{"province", "dien-bienn", `did you mean "dien-bien"?`},
		{"province", "Thanh Hoa Hoa", `did you mean "Thanh Hóa"?`},
		{"province", "TP. Hà Nộii", `did you mean "Hà Nội"?`},
		{"province", "Atlantis", "names and ids are listed in data/provinces.toml"},
		{"province", "", "names and ids are listed in data/provinces.toml"},
		{"cluster", "tay-bak", `did you mean "tay-bac"?`},
		{"cluster", "Cụm IIII", `did you mean "Cụm III"?`},
		{"cluster", "dong-bang-song-hong", `did you mean "dong-bang-song-hong-3"?`},
		{"cluster", "Cụm Nam Bộ", "names and ids are listed in data/clusters.toml"},
		{"province or cluster", "Tay Bak", `did you mean "Tây Bắc"?`},
	} {
		var err *RefError
		switch c.kind {
		case "province":
			_, err = d.Resolve.Province(c.ref)
		case "cluster":
			_, err = d.Resolve.Cluster(c.ref)
		default:
			_, err = d.Resolve.Unit(c.ref)
		}
		if err == nil {
			t.Errorf("%s %q resolved", c.kind, c.ref)
			continue
		}
		if !strings.HasPrefix(err.Error(), "unknown "+c.kind+" ") || err.Hint != c.hint {
			t.Errorf("%s %q: %v, hint %q; want hint %q", c.kind, c.ref, err, err.Hint, c.hint)
		}
	}
}

// TestSampleTimeModel checks the 2025 mergers as the sample data records
// them: Hòa Bình's successor, and who belongs to Tây Bắc when.
func TestSampleTimeModel(t *testing.T) {
	d, _ := sampleData()
	hb := d.Province("hoa-binh")
	if hb == nil || hb.Successor == nil || hb.Successor.ID != "phu-tho" {
		t.Fatalf("hoa-binh successor = %+v", hb)
	}
	pt := d.Province("phu-tho")
	var preds []string
	for _, p := range pt.Predecessors {
		preds = append(preds, p.Name)
	}
	if got := strings.Join(preds, ", "); got != "Hòa Bình, Vĩnh Phúc" {
		t.Errorf("Phú Thọ predecessors = %s", got)
	}
	for _, m := range d.Cluster("tay-bac").Members {
		if m.Resolved == hb && m.To.String() != "2025-06-30" {
			t.Errorf("Hòa Bình's membership ends %s", m.To)
		}
	}
}
