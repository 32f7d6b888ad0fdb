package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// analyzeCases are the folding and tokenising cases, as the index and the
// query see them: the folded key and the exact (tone-normalised,
// lower-cased) form of each word. The parity test runs them through
// search.js too.
var analyzeCases = []struct {
	name, in    string
	fold, exact string // words joined by spaces
}{
	{"plain", "khuyến học", "khuyen hoc", "khuyến học"},
	{"đ lower", "đồng bằng", "dong bang", "đồng bằng"},
	{"Đ upper initial", "Đồng bằng", "dong bang", "đồng bằng"},
	{"all caps", "ĐỒNG BẰNG", "dong bang", "đồng bằng"},
	{"lone đ", "đ", "d", "đ"},
	{"lone Đ", "Đ", "d", "đ"},
	{"NFD", "\u0110o\u0302\u0300ng ba\u0306\u0300ng", "dong bang", "đồng bằng"},
	{"NFD lower d", "đo\u0302\u0300ng", "dong", "đồng"},
	{"new tone placement", "Hoà Bình", "hoa binh", "hòa bình"},
	{"old tone placement", "Hòa Bình", "hoa binh", "hòa bình"},
	{"NFD new placement", "Hoa\u0300 Bi\u0300nh", "hoa binh", "hòa bình"},
	{"caps new placement", "HOÀ BÌNH", "hoa binh", "hòa bình"},
	{"uy", "thuỷ lợi", "thuy loi", "thủy lợi"},
	{"oa acute", "Thanh Hoá", "thanh hoa", "thanh hóa"},
	{"oe hook", "khoẻ mạnh", "khoe manh", "khỏe mạnh"},
	{"oa dot", "hoạ sĩ", "hoa si", "họa sĩ"},
	{"qu keeps", "Quý, quà", "quy qua", "quý quà"},
	{"closed syllable", "hoàng Quỳnh", "hoang quynh", "hoàng quỳnh"},
	{"triphthong", "ngoài khuya", "ngoai khuya", "ngoài khuya"},
	{"phrase", "Hội nghị giao ban", "hoi nghi giao ban", "hội nghị giao ban"},
	{"caps phrase", "QUỸ KHUYẾN HỌC", "quy khuyen hoc", "quỹ khuyến học"},
	{"parentheses and digits", "Hội nghị (lần 2)", "hoi nghi lan 2", "hội nghị lần 2"},
	{"punctuation", "năm 2025!", "nam 2025", "năm 2025"},
	{"date", "4/12/2024", "4 12 2024", "4 12 2024"},
	{"thousands", "3.007.923 đồng", "3 007 923 dong", "3 007 923 đồng"},
	{"percent", "99,81%", "99 81", "99 81"},
	{"apostrophe", "H'Mông", "h mong", "h mông"},
	{"en dash", "Bà Rịa – Vũng Tàu", "ba ria vung tau", "bà rịa vũng tàu"},
	{"hyphen", "COVID-19", "covid 19", "covid 19"},
	{"dak lak", "Đắk Lắk", "dak lak", "đắk lắk"},
	{"eth from legacy encodings", "Ðà Nẵng", "da nang", "ðà nẵng"},
	{"letters and digits", "hoà2", "hoa2", "hòa2"},
	{"ư ơ", "người Việt", "nguoi viet", "người việt"},
	{"no-break space", "xã\u00a0hội", "xa hoi", "xã hội"},
	{"quotes", "“Học không bao giờ cùng”", "hoc khong bao gio cung", "học không bao giờ cùng"},
	{"empty", "", "", ""},
	{"only punctuation", " …!? – ", "", ""},
	{"stray mark", "\u0301a", "a", "a"},
	{"mixed case", "cỤm ThI đUa", "cum thi dua", "cụm thi đua"},
}

func TestAnalyze(t *testing.T) {
	for _, c := range analyzeCases {
		t.Run(c.name, func(t *testing.T) {
			var f, e []string
			for _, w := range analyze(c.in) {
				f = append(f, w.Fold)
				e = append(e, w.Exact)
			}
			if got := strings.Join(f, " "); got != c.fold {
				t.Errorf("analyze(%q) folds = %q, want %q", c.in, got, c.fold)
			}
			if got := strings.Join(e, " "); got != c.exact {
				t.Errorf("analyze(%q) exact = %q, want %q", c.in, got, c.exact)
			}
		})
	}
}

func TestEndsInWord(t *testing.T) {
	for in, want := range map[string]bool{
		"giao b": true, "giao ": false, "giao,": false, "hoa\u0300": true, "2024": true, "": false, "đ": true,
	} {
		if got := endsInWord(in); got != want {
			t.Errorf("endsInWord(%q) = %v, want %v", in, got, want)
		}
	}
}

// cmpKey must order keys as JavaScript does: by UTF-16 code units.
func TestCmpKeyUTF16(t *testing.T) {
	keys := []string{"", "a", "a b", "ab", "hoa", "hoa binh", "hoac", "z", "\uffff", "\U0001d400", "\ue000", "é", "中"}
	utf16Less := func(a, b string) int {
		ua, ub := []uint16{}, []uint16{}
		for _, r := range a {
			ua = appendUTF16(ua, r)
		}
		for _, r := range b {
			ub = appendUTF16(ub, r)
		}
		return slices.Compare(ua, ub)
	}
	for _, a := range keys {
		for _, b := range keys {
			if got, want := sign(cmpKey(a, b)), sign(utf16Less(a, b)); got != want {
				t.Errorf("cmpKey(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func appendUTF16(u []uint16, r rune) []uint16 {
	if r < 0x10000 {
		return append(u, uint16(r))
	}
	r -= 0x10000
	return append(u, uint16(0xD800+r>>10), uint16(0xDC00+r&0x3FF))
}

func sign(n int) int { return min(1, max(-1, n)) }

func TestPostingCodec(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var want []int
	var b []byte
	for range 2000 {
		v := r.IntN(1 << uint(r.IntN(30)))
		want = append(want, v)
		b = putNum(b, v)
	}
	rd := reader{s: string(b)}
	for i, w := range want {
		if got := rd.num(); got != w || rd.bad {
			t.Fatalf("number %d: got %d (bad %v), want %d", i, got, rd.bad, w)
		}
	}
	if rd.more() {
		t.Fatal("trailing input")
	}
	bad := reader{s: "a!"}
	bad.num()
	bad.num()
	if !bad.bad {
		t.Error("a character outside the alphabet was accepted")
	}
}
