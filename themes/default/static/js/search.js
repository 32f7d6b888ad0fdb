/* khuyenhoc search: vanilla ES2018, no server, no build step. Index and
ranking: internal/search/doc.go; this mirrors query.go. Markup (empty
selects are filled from the index; links get the base path from <html
data-base>, else from data-index):
<form id="search-form" data-index="{{relURL "/tim-kiem/index.json"}}">
 <input name="q" type="search">
 <select name="type"><option value="">Mọi loại</option></select>
 <select name="cluster"><option value="">Mọi cụm</option></select>
 <select name="year"><option value="">Mọi năm</option></select>
</form>
<p id="search-status" role="status"></p><ol id="search-results"></ol>
<button id="search-more" type="button" hidden>Xem thêm</button>
<script src="{{relURL "/js/search.js"}}" defer></script> */
(() => {
const L = /[\p{L}\p{Nd}]/u, M = /\p{M}/u, MN = /\p{Mn}/gu, IX = [], E = '\uffff',
 starts = (s, p) => s.slice(0, p.length) == p;
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'].forEach((c, i) => IX[c.charCodeAt()] = i);

// strings.ToLower, viet.Fold, viet.Tokens (as [start, end))
const lower = s => /[İΣ]/.test(s) ? Array.from(s, c => c == 'İ' ? 'i' : c.toLowerCase()).join('') : s.toLowerCase();
const fold = s => lower(lower(s).normalize('NFD').replace(MN, '').replace(/[đĐðÐ]/g, 'd')).normalize('NFC');
const spans = s => {
 let out = [], st = -1, i = 0;
 for (const c of s) {
  if (L.test(c)) st < 0 && (st = i);
  else if (st >= 0 && !M.test(c)) out.push([st, i]), st = -1;
  i += c.length;
 }
 st >= 0 && out.push([st, i]);
 return out;
};
// viet.NormalizeTone: open oa, oe, uy take the tone on the first vowel
const retone = w => w.normalize('NFD').replace(/^(?!quy.$)(qu|[b-df-hj-np-tv-xzđ]*)(o(?=[ae])|u(?=y))(.)([\u0300\u0301\u0303\u0309\u0323])$/iu, '$1$2$4$3').normalize('NFC');
const normalizeTone = s => s.normalize('NFC').replace(/\p{L}[\p{L}\p{Mn}]*/gu, retone);
const analyze = s => (s = normalizeTone(s), spans(s).map(p => (p = s.slice(p[0], p[1]), { f: fold(p), e: lower(p) })));

const find = (keys, k) => { // the last i with keys[i] <= k
 let lo = 0, hi = keys.length, mid;
 while (lo < hi) keys[mid = lo + hi >> 1] <= k ? lo = mid + 1 : hi = mid;
 return Math.max(0, lo - 1);
};
// posts adds postings (gap, flags[, mask])… to h, a byte per document:
// 128 found | 64 whole (in b) | 32 exact (mask & em) | field weight
const put = (h, d, x, a = h[d]) => h[d] = a ? (a | x) & ~3 | Math.max(a & 3, x & 3) : x;
const posts = (s, h, b, em) => {
 let i = 0, d = -1, f;
 const num = (v = 0, c) => { do v = v * 32 + ((c = IX[s.charCodeAt(i++)]) & 31); while (c > 31); return v; };
 while (i < s.length) {
  d += num() + 1; f = IX[s.charCodeAt(i++)];
  put(h, d, f & 31 | b | ((f & 32 ? num() : 1) & em && 32));
 }
};

// search runs q as query.go does. load(name): a promise of the parsed file
// tim-kiem/name. Resolves to {results, total}.
const search = async (load, q, f, limit) => {
 const m = await load('index.json'), T = m.terms, P = m.pairs, all = analyze(q), ws = all.slice(0, 10), n = ws.length,
  c = [...q].pop() || '', pre = n && all.length <= 10 && (L.test(c) || M.test(c)), got = {},
  pk = ws.slice(1).map((w, i) => ws[i].f + ' ' + w.f), last = n && ws[n - 1].f,
  page = (l, i) => (i = l.pages[i][1]).keys ? i : load(i),
  at = async (l, k, i = find(l.pages.map(p => p[0]), k)) => i * l.per + find((await page(l, i)).keys, k),
  get = async (l, j) => got[l.dir + j] = await load(l.dir + (await page(l, j / l.per | 0)).hashes.substr(j % l.per * 10, 10) + '.json');
 if (!n) return { results: [], total: 0 };
 const loc = await Promise.all([...ws.map(w => at(T, w.f)), ...pk.map(k => at(P, k)), pre && at(T, last + E), pre && n > 1 && at(P, pk[n - 2] + E)]),
  tj = loc.slice(0, n), pj = loc.slice(n, 2 * n - 1), lo = tj[n - 1], hi = loc[2 * n - 1], plo = pj[n - 2], phi = loc[2 * n],
  tn = new Set(tj), pn = new Set(pj);
 const take = (need, a, b, k = 0, j = a) => { // shards a..b, if within budget
  while (j < b) k += !need.has(++j);
  if (k <= m.budget) for (; a <= b; a++) need.add(a);
  return k <= m.budget;
 };
 // mode 0: last word completes to any term, 1: after the word before, 2: not
 const mode = !pre ? 2 : take(tn, lo, hi) ? 0 : n > 1 ? 1 : 2, pr = pre && n > 1 && take(pn, plo, phi);
 await Promise.all([...[...tn].map(j => get(T, j)), ...[...pn].map(j => get(P, j)), (f.type || f.cluster) && load(m.attrs).then(a => got.a = a)]);
 const ents = (l, a, b, key, ty, out = []) => { // key (ty: and completions) in shards a..b
  for (; a <= b; a++) for (const e of got[l.dir + a]) (e[0] == key || ty && starts(e[0], key)) && out.push(e);
  return out;
 };
 const phr = pk.map((k, i, _, h = new Uint8Array(m.n), ty = pre && i == n - 2 && pr) => {
  for (const e of ents(P, ty ? plo : pj[i], ty ? phi : pj[i], k, ty)) posts(e[1], h, (e[0] == k) << 6 | 128, 0);
  return h;
 });
 const hits = ws.map((w, i, _, h = new Uint8Array(m.n), ty = pre && i == n - 1) => {
  for (const e of ty && !mode ? ents(T, lo, hi, w.f, 1) : ents(T, tj[i], tj[i], w.f)) {
   let em = 0;
   e[1].forEach((v, k) => w.e != w.f && (v == w.e || ty && starts(v, w.e)) && (em |= 1 << k));
   posts(e[2], h, (e[0] == w.f) << 6 | 128, em);
  }
  ty && mode == 1 && phr[n - 2].forEach((x, d) => x && put(h, d, x));
  return h;
 });
 const a = got.a, yr = m.years.find(y => y[0] == f.year) || [0, 0, f.year ? 0 : m.n], ti = m.types.findIndex(t => t[0] == f.type),
  ci = m.clusters.findIndex(c => c[0] == f.cluster) + 1 || -1, rs = [];
 d: for (let d = yr[1]; d < yr[2]; d++) {
  if (f.type && a.t[d] != ti || f.cluster && a.c[d] != ci) continue;
  const r = [0, 0, 0, 0, d];
  for (const h of hits) {
   const x = h[d];
   if (!x) continue d;
   r[1] += x >> 5 & 1; r[2] += x >> 6 & 1; r[3] += x & 31;
  }
  for (const h of phr) r[0] += !!h[d];
  rs.push(r);
 }
 rs.sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2] || b[3] - a[3] || b[4] - a[4]);
 const D = m.docs, set = new Set(ws.map(w => w.f)), match = t => set.has(t) || pre && starts(t, last);
 return {
  total: rs.length,
  results: await Promise.all(rs.slice(0, limit < 0 ? rs.length : limit).map(async r => {
   const k = r[4] / D.per | 0, x = (await load(D.dir + D.hashes.substr(10 * k, 10) + '.json'))[r[4] % D.per];
   return { doc: x, title: highlight(x[2], match), snippet: highlight(x[5], match, 1), rank: r.slice(0, 4) }; // doc: [url, type, title, date, cluster, text]
  }))
 };
};
// highlight: {text, mark} segments; win: 40 tokens from 8 before the first
// match, "…" where cut.
const highlight = (text, match, win) => {
 const sp = spans(text), segs = [], hit = x => match(fold(text.slice(x[0], x[1]))),
  push = (t, mark, l = segs[segs.length - 1]) => t && (l && !mark && !l.mark ? l.text += t : segs.push(mark ? { text: t, mark } : { text: t }));
 let lo = 0, hi = sp.length, pos = 0;
 if (win && hi) lo = Math.max(0, sp.findIndex(hit) - 8), hi = Math.min(hi, lo + 40);
 if (lo) push('…'), pos = sp[lo][0];
 for (const x of sp.slice(lo, hi)) push(text.slice(pos, x[0])), push(text.slice(x[0], pos = x[1]), hit(x));
 push(hi < sp.length ? '…' : text.slice(pos));
 return segs;
};

const ui = form => {
 const $ = id => document.getElementById(id), list = $('search-results'), more = $('search-more') || {}, input = form.elements.q,
  idx = new URL(form.dataset.index, location), cache = {}, params = new URLSearchParams(location.search),
  base = (document.documentElement.dataset.base || idx.pathname.replace(/tim-kiem\/index\.json$/, '')).replace(/\/$/, ''),
  sel = ['type', 'cluster', 'year'].map(k => form.elements[k]).filter(Boolean),
  say = t => $('search-status').textContent = t, fail = () => say('Không tải được chỉ mục tìm kiếm.'),
  load = name => cache[name] || (cache[name] = fetch(new URL(name, idx)).then(r => r.ok ? r.json() : Promise.reject())
   .catch(e => { delete cache[name]; throw e; })),
  el = (tag, cls, ...kids) => { const e = document.createElement(tag); cls && (e.className = cls); e.append(...kids); return e; },
  segs = ss => ss.map(s => s.mark ? el('mark', '', s.text) : s.text);
 let seq = 0, shown = 10, timer, label = {};
 const run = async () => {
  const my = ++seq, q = input.value, u = new URLSearchParams(), f = {};
  q && u.set('q', q);
  for (const s of sel) s.value && u.set(s.name, f[s.name] = s.value);
  f.year = +f.year || 0;
  history.replaceState(null, '', location.pathname + (u + '' ? '?' + u : '') + location.hash);
  more.hidden = true;
  if (!q.trim()) return say(list.textContent = '');
  say('Đang tìm…');
  try {
   const r = await search(load, q, f, shown);
   if (my != seq) return;
   list.replaceChildren(...r.results.map(x => el('li', '',
    el('h2', '', Object.assign(el('a', '', ...segs(x.title)), { href: base + x.doc[0] })),
    el('p', 'search-meta', (label[x.doc[1]] || x.doc[1]) + (x.doc[3] ? ' · ' + x.doc[3].split('-').reverse().map(Number).join('/') : '')),
    el('p', 'search-snippet', ...segs(x.snippet)))));
   say(r.total ? 'Tìm thấy ' + r.total.toLocaleString('vi-VN') + ' kết quả' : 'Không tìm thấy kết quả');
   more.hidden = r.total <= shown;
  } catch (e) { my == seq && fail(); }
 };
 input.value = params.get('q') || '';
 load('index.json').then(m => {
  const opts = { type: m.types, cluster: m.clusters, year: m.years.map(y => [y[0], y[0]]).reverse() };
  label = Object.fromEntries(m.types);
  for (const s of sel) {
   if (s.options.length < 2) for (const o of opts[s.name]) s.append(new Option(o[1], o[0]));
   s.value = params.get(s.name) || '';
   s.onchange = () => { shown = 10; run(); };
  }
  run();
 }, fail);
 input.oninput = () => { clearTimeout(timer); shown = 10; timer = setTimeout(run, 150); };
 form.onsubmit = e => { e.preventDefault(); clearTimeout(timer); run(); };
 more.onclick = () => { shown += 10; run(); };
};

if (typeof module == 'object') module.exports = { fold, spans, normalizeTone, analyze, search, highlight };
const form = typeof document == 'object' && document.getElementById('search-form');
form && ui(form);
})();
