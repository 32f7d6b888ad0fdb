package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

// nodeScript runs search.js on the cases read from stdin and prints what
// it found.
const nodeScript = `
const s = require(process.argv[2]), fs = require('fs'), path = require('path');
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
(async () => {
  const out = {
    analyze: input.words.map(w => s.analyze(w).map(x => [x.f, x.e])),
    tone: input.words.map(s.normalizeTone),
    fold: input.words.map(s.fold),
    queries: [],
  };
  for (const c of input.queries) {
    const loaded = new Set();
    const load = name => {
      loaded.add(name);
      return Promise.resolve(JSON.parse(fs.readFileSync(path.join(c.dir, name), 'utf8')));
    };
    const r = await s.search(load, c.q, c.f, c.limit);
    out.queries.push({
      total: r.total,
      loaded: [...loaded].sort(),
      results: r.results.map(x => ({url: x.doc[0], type: x.doc[1], title: x.doc[2], date: x.doc[3], cluster: x.doc[4],
        titleSegs: x.title, snippet: x.snippet, rank: x.rank})),
    });
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
`

type parityQuery struct {
	Dir   string         `json:"dir"`
	Q     string         `json:"q"`
	F     map[string]any `json:"f"`
	Limit int            `json:"limit"`

	filter Filter
}

type parityOut struct {
	Total   int      `json:"total"`
	Loaded  []string `json:"loaded"`
	Results []Result `json:"results"`
}

// TestParityWithNode runs search.js under node on the same words, index
// and queries as the Go code, and requires the same answers: folding,
// tone placement, tokens, results with their ranks and marked segments,
// and the files fetched.
func TestParityWithNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the JavaScript client is not compared with Go")
	}
	js, err := filepath.Abs(jsPath)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, files map[string][]byte) string {
		root := filepath.Join(dir, name)
		for n, b := range files {
			p := filepath.Join(root, n)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return filepath.Join(root, strings.TrimSuffix(Dir, "/"))
	}

	small := buildTest(t)
	docs, meta := corpus(300)
	paged, err := BuildWith(docs, meta, Options{ShardBits: 10})
	if err != nil {
		t.Fatal(err)
	}
	indexes := map[string]map[string][]byte{
		"small": small,
		"paged": paged,
		"tight": withBudget(t, paged, 2),
	}
	dirs := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(indexes)) {
		dirs[name] = write(name, indexes[name])
	}

	words := parityWords(docs)
	var queries []parityQuery
	add := func(index, q string, f Filter, limit int) {
		fm := map[string]any{"type": f.Type, "cluster": f.Cluster, "year": f.Year}
		queries = append(queries, parityQuery{Dir: dirs[index], Q: q, F: fm, Limit: limit, filter: f})
	}
	for _, c := range analyzeCases {
		add("small", c.in, Filter{}, -1)
	}
	for _, q := range []string{
		"khuyen hoc", "dong bang", "hội nghị giao ban", "Hòa Bình", "Hòa Bình ", "Hoà Bình", "hoa binh", "giao b", "giao b ",
		"khuyến h", "khuyến họ", "quỹ khuyến học", "h", "Đ", "2024", "hội nghị", "xyz", "tây bắc", "Tây  Bắc,", "học bổng",
	} {
		add("small", q, Filter{}, -1)
		add("small", q, Filter{Cluster: "tay-bac"}, -1)
		add("small", q, Filter{Type: "tin-tuc", Year: 2024}, -1)
		add("small", q, Filter{}, 10)
	}
	r := rand.New(rand.NewPCG(7, 11))
	types := []string{"", "", "tin-tuc", "hoi-nghi", "tinh", "cum-thi-dua", "khong-co"}
	for range 150 {
		d := docs[r.IntN(len(docs))]
		ws := viet.Tokens(d.Title + " " + d.Body)
		i := r.IntN(len(ws))
		q := strings.Join(ws[i:min(len(ws), i+1+r.IntN(3))], " ")
		switch r.IntN(4) {
		case 0:
			q = viet.Fold(q)
		case 1: // still typing
			rs := []rune(q)
			q = string(rs[:max(1, len(rs)-r.IntN(4))])
		case 2:
			q += " "
		}
		f := Filter{Type: types[r.IntN(len(types))]}
		if r.IntN(3) == 0 {
			f.Cluster = cClusters[r.IntN(len(cClusters))][0]
		}
		if r.IntN(3) == 0 {
			f.Year = 2010 + r.IntN(17)
		}
		index := []string{"paged", "tight"}[r.IntN(2)]
		add(index, q, f, 10)
		add(index, q, f, -1)
	}

	in, _ := json.Marshal(map[string]any{"words": words, "queries": queries})
	scriptPath := filepath.Join(dir, "parity.js")
	if err := os.WriteFile(scriptPath, []byte(nodeScript), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, scriptPath, js)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var got struct {
		Analyze [][][2]string `json:"analyze"`
		Tone    []string      `json:"tone"`
		Fold    []string      `json:"fold"`
		Queries []parityOut   `json:"queries"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}

	bad := 0
	for i, w := range words {
		want := [][2]string{}
		for _, x := range analyze(w) {
			want = append(want, [2]string{x.Fold, x.Exact})
		}
		if !reflect.DeepEqual(got.Analyze[i], want) && len(want)+len(got.Analyze[i]) > 0 {
			t.Errorf("analyze(%q): js %q, go %q", w, got.Analyze[i], want)
			bad++
		}
		if want := viet.NormalizeTone(w); got.Tone[i] != want {
			t.Errorf("NormalizeTone(%q): js %q, go %q", w, got.Tone[i], want)
			bad++
		}
		if want := viet.Fold(w); got.Fold[i] != want {
			t.Errorf("Fold(%q): js %q, go %q", w, got.Fold[i], want)
			bad++
		}
		if bad > 20 {
			t.Fatal("too many differences")
		}
	}

	for i, q := range queries {
		files := indexes[filepath.Base(filepath.Dir(q.Dir))]
		var loaded []string
		s := newSession(func(name string) ([]byte, error) {
			if !slices.Contains(loaded, name) {
				loaded = append(loaded, name)
			}
			b, ok := files[Dir+name]
			if !ok {
				return nil, fmt.Errorf("no %s", name)
			}
			return b, nil
		})
		res, total, err := s.search(q.Q, q.filter, q.Limit)
		if err != nil {
			t.Fatalf("%q: %v", q.Q, err)
		}
		slices.Sort(loaded)
		if res == nil {
			res = []Result{} // as JSON, [] like the client's
		}
		want := parityOut{Total: total, Loaded: loaded, Results: res}
		// Compare as JSON, as the two sides speak it.
		wb, _ := json.Marshal(want)
		gb, _ := json.Marshal(got.Queries[i])
		if !bytes.Equal(wb, gb) {
			t.Errorf("query %q %+v limit %d:\n go %s\n js %s", q.Q, q.filter, q.Limit, clip(wb), clip(gb))
			if bad++; bad > 5 {
				t.Fatal("too many differences")
			}
		}
	}
	t.Logf("%d words and %d queries agree", len(words), len(queries))
}

func clip(b []byte) string {
	if len(b) > 3000 {
		return string(b[:3000]) + "…"
	}
	return string(b)
}

// parityWords are words and phrases to fold and tokenise on both sides:
// the table cases, every tone on every vowel of the syllables NormalizeTone
// cares about, in both cases and both normal forms, and corpus text.
func parityWords(docs []Doc) []string {
	var ws []string
	for _, c := range analyzeCases {
		ws = append(ws, c.in)
	}
	onsets := []string{"", "h", "kh", "th", "ng", "qu", "q", "gi", "đ", "Đ", "H", "QU", "Qu", "tr", "x", "w"}
	nuclei := []string{"oa", "oe", "uy", "ua", "ue", "uê", "oă", "uơ", "ia", "uya", "oai", "a", "o", "OA", "Uy"}
	tones := []string{"", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
	codas := []string{"", "n", "ng", "c", "t", "nh"}
	for _, o := range onsets {
		for _, n := range nuclei {
			rs := []rune(n)
			for _, t := range tones {
				for pos := range rs {
					for _, c := range codas {
						var b strings.Builder
						b.WriteString(o)
						for i, r := range rs {
							b.WriteRune(r)
							if i == pos {
								b.WriteString(t)
							}
						}
						b.WriteString(c)
						ws = append(ws, viet.NFC(b.String()), b.String())
					}
				}
			}
		}
	}
	for _, d := range docs[:20] {
		ws = append(ws, d.Title, d.Summary, strings.Join(d.People, ", "))
	}
	ws = append(ws, "İstanbul", "ΟΔΟΣ", "中文 字", "x\U0001d400y", "e\u0301\u0301", "Ǆ", "ﬁ", "ß", "ǅ", "Σσς")
	return ws
}
