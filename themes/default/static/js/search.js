/* khuyenhoc search client: no framework, no server, no build step.
   Index format and ranking: internal/search/doc.go; query.go is the
   reference this file mirrors (tested against it under node). Markup:

<form id="search-form" role="search" data-index="{{relURL "/tim-kiem/index.json"}}">
  <input id="search-q" name="q" type="search">
  <select name="type"><option value="">Mọi loại</option></select>
  <select name="cluster"><option value="">Mọi cụm</option></select>
  <select name="year"><option value="">Mọi năm</option></select>
  <button>Tìm</button>
</form>
<p id="search-status" role="status"></p>
<ol id="search-results"></ol>
<button id="search-more" type="button" hidden>Xem thêm</button>
<script src="{{relURL "/js/search.js"}}" defer></script>

The selects are optional; with one option they are filled from the index.
Links get the base path from <html data-base>, else the form's data-base,
else data-index minus "tim-kiem/index.json". */
(() => {
  'use strict';
  let L, M, MN, W;
  try { // letter or digit; mark; nonspacing mark; word for NormalizeTone
    L = RegExp('[\\p{L}\\p{Nd}]', 'u'); M = RegExp('\\p{M}', 'u'); MN = RegExp('\\p{Mn}', 'gu'); W = RegExp('\\p{L}[\\p{L}\\p{Mn}]*', 'gu');
  } catch (e) { // browsers before 2020: Latin only
    const A = 'A-Za-z\\xAA\\xB5\\xBA\\xC0-\\xD6\\xD8-\\xF6\\xF8-\\u024F\\u1E00-\\u1EFF';
    L = RegExp('[0-9' + A + ']'); M = /[\u0300-\u036F]/; MN = /[\u0300-\u036F]/g; W = RegExp('[' + A + '][' + A + '\\u0300-\\u036F]*', 'g');
  }
  const ABC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', IX = {};
  for (let i = 0; i < 64; i++) IX[ABC[i]] = i;
  const TONED = 'àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ', TONES = '\u0300\u0301\u0303\u0309\u0323', VM = '\u0302\u0306\u031B';
  const LABEL = { 'tin-tuc': 'Tin tức', 'hoi-nghi': 'Hội nghị', 'cum-thi-dua': 'Cụm thi đua', tinh: 'Tỉnh, thành phố' };
  const has = (s, c) => s.indexOf(c) >= 0, starts = (s, p) => s.slice(0, p.length) === p, isMn = c => c.replace(MN, '') === '';

  // strings.ToLower, viet.Fold, viet.Tokens (as [start, end) offsets)
  const lower = s => Array.from(s, c => c === 'İ' ? 'i' : c.toLowerCase()).join('');
  const fold = s => lower(lower(s).normalize('NFD').replace(MN, '').replace(/[đĐðÐ]/g, 'd')).normalize('NFC');
  const spans = s => {
    const out = [];
    let st = -1, i = 0;
    for (const c of s) {
      if (L.test(c)) { if (st < 0) st = i; } else if (st >= 0 && !M.test(c)) { out.push([st, i]); st = -1; }
      i += c.length;
    }
    if (st >= 0) out.push([st, i]);
    return out;
  };
  const tokens = s => spans(s).map(p => s.slice(p[0], p[1]));
  // viet.NormalizeTone: in open oa, oe, uy the tone goes on the first vowel
  const retone = w => {
    const n = w.length, ls = [];
    let tones = 0, i = 0, c;
    if (n < 2 || !has(TONED, w[n - 1]) || !has('oOuU', w[n - 2])) return w;
    for (c of w.normalize('NFD')) {
      if (!isMn(c)) { ls.push({ b: c, m: [] }); continue; }
      if (!ls.length || !has(TONES, c) && !has(VM, c)) return w;
      tones += has(TONES, c);
      ls[ls.length - 1].m.push(c);
    }
    if (tones !== 1) return w;
    for (; i < ls.length && !has('aeiouy', c = lower(ls[i].b)); i++) if (!(c >= 'a' && c <= 'z' || c === 'đ') || ls[i].m.length) return w;
    if (i === 1 && lower(ls[0].b) === 'q' && i < ls.length && lower(ls[i].b) === 'u' && !ls[i].m.length) i++;
    const v = ls.slice(i);
    if (v.length !== 2 || v[0].m.length || v[1].m.length !== 1 || has(VM, v[1].m[0]) || !['oa', 'oe', 'uy'].includes(lower(v[0].b + v[1].b))) return w;
    v[0].m = v[1].m; v[1].m = [];
    return ls.map(l => l.b + l.m.join('')).join('').normalize('NFC');
  };
  const normalizeTone = s => s.normalize('NFC').replace(W, retone);
  const analyze = s => tokens(normalizeTone(s)).map(t => ({ f: fold(t), e: lower(t) }));

  const find = (keys, k) => {
    let lo = 0, hi = keys.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (keys[mid] <= k) lo = mid + 1; else hi = mid; }
    return Math.max(0, lo - 1);
  };
  const posts = (s, masks, fn) => {
    let i = 0, doc = -1;
    const ch = () => { const c = IX[s[i++]]; if (c === undefined) throw Error('postings'); return c; };
    const num = () => { let v = 0, c; do { c = ch(); v = v * 32 + (c & 31); } while (c >= 32); return v; };
    while (i < s.length) { doc += num() + 1; const f = ch(); fn(doc, f, masks && f & 32 ? num() : 1); }
  };
  const put = (h, d, b) => {
    const a = h.get(d);
    h.set(d, a ? { f: (a.f | b.f) & 7 | Math.max(a.f >> 3 & 3, b.f >> 3 & 3) << 3, x: a.x || b.x, w: a.w || b.w } : b);
  };
  const num = (a, b) => a - b;

  // search runs q exactly as query.go does. load(name) gives a promise of
  // the parsed file name under tim-kiem/. Resolves to {results, total}.
  const search = async (load, q, f, limit) => {
    const m = await load('index.json'), T = m.terms, P = m.pairs, all = analyze(q), ws = all.slice(0, 10), n = ws.length;
    const c = Array.from(q).pop() || '', prefix = all.length <= 10 && n > 0 && (L.test(c) || M.test(c));
    if (!n) return { results: [], total: 0 };
    const page = (l, i) => { const r = l.pages[i][1]; return typeof r === 'string' ? load(r) : r; };
    const locate = async (l, k) => { const i = find(l.pages.map(p => p[0]), k); return i * l.per + find((await page(l, i)).keys, k); };
    const shard = async (l, j) => { const p = await page(l, j / l.per | 0), k = j % l.per; return load(l.dir + p.hashes.substr(10 * k, 10) + '.json'); };
    const pk = ws.slice(1).map((w, i) => ws[i].f + ' ' + w.f), last = ws[n - 1].f, E = '\uffff';
    const loc = await Promise.all(ws.map(w => locate(T, w.f)).concat(pk.map(k => locate(P, k)),
      [prefix && locate(T, last + E), prefix && n > 1 && locate(P, pk[n - 2] + E)]));
    const tj = loc.slice(0, n), pj = loc.slice(n, n + pk.length), hi = loc[loc.length - 2], phi = loc[loc.length - 1];
    const extra = (need, a, b) => { let k = 0; for (let j = a + 1; j <= b; j++) k += !need.has(j); return k; };
    const range = (need, a, b) => { for (let j = a; j <= b; j++) need.add(j); };
    const tn = new Set(tj), pn = new Set(pj), lo = tj[n - 1], plo = pj[n - 2];
    let mode = 2, pr = false; // mode 0: complete from all terms, 1: after the previous word, 2: not
    if (prefix) {
      if (extra(tn, lo, hi) <= m.budget) { mode = 0; range(tn, lo, hi); } else if (n > 1) mode = 1;
      if (n > 1 && extra(pn, plo, phi) <= m.budget) { pr = true; range(pn, plo, phi); }
    }
    const tl = Array.from(tn).sort(num), pl = Array.from(pn).sort(num), ts = {}, ps = {};
    const got = await Promise.all(tl.map(j => shard(T, j)).concat(pl.map(j => shard(P, j)), [(f.type || f.cluster) && load(m.attrs)]));
    tl.forEach((j, k) => { ts[j] = got[k]; });
    pl.forEach((j, k) => { ps[j] = got[tl.length + k]; });
    const entries = (sh, a, b, key, typing) => {
      const out = [];
      for (let j = a; j <= b; j++) for (const e of sh[j]) if (e[0] === key || typing && starts(e[0], key)) out.push(e);
      return out;
    };
    const phr = pk.map((k, i) => {
      const typing = prefix && i === n - 2 && pr, h = new Map();
      for (const e of entries(ps, typing ? plo : pj[i], typing ? phi : pj[i], k, typing)) posts(e[1], false, (d, fl) => put(h, d, { f: fl, x: false, w: e[0] === k }));
      return h;
    });
    const hits = ws.map((w, i) => {
      const h = new Map(), typing = prefix && i === n - 1;
      for (const e of typing && !mode ? entries(ts, lo, hi, w.f, true) : entries(ts, tj[i], tj[i], w.f, false)) {
        let em = 0;
        e[1].forEach((v, k) => { if (v === w.e || typing && starts(v, w.e)) em |= 1 << k; });
        posts(e[2], true, (d, fl, mask) => put(h, d, { f: fl & 31, x: (mask & em) !== 0, w: e[0] === w.f }));
      }
      if (typing && mode === 1) phr[n - 2].forEach((x, d) => put(h, d, x));
      return h;
    });
    const keep = filter(m, got[got.length - 1], f), rs = [];
    hits.reduce((a, h) => h.size < a.size ? h : a).forEach((_, d) => {
      if (!keep(d)) return;
      const r = [0, 0, 0, 0];
      for (const h of hits) {
        const x = h.get(d);
        if (!x) return;
        r[1] += x.x; r[2] += x.w; r[3] += 16 * (x.f & 1) + 8 * (x.f >> 1 & 1) + 4 * (x.f >> 2 & 1) + (x.f >> 3 & 3);
      }
      phr.forEach(h => { r[0] += h.has(d); });
      rs.push({ d, r });
    });
    rs.sort((a, b) => b.r[0] - a.r[0] || b.r[1] - a.r[1] || b.r[2] - a.r[2] || b.r[3] - a.r[3] || b.d - a.d);
    const D = m.docs, set = new Set(ws.map(w => w.f)), match = t => set.has(t) || prefix && starts(t, last);
    const results = await Promise.all(rs.slice(0, limit < 0 ? rs.length : limit).map(async r => {
      const k = r.d / D.per | 0, x = (await load(D.dir + D.hashes.substr(10 * k, 10) + '.json'))[r.d % D.per];
      return { url: x[0], type: x[1], title: x[2], date: x[3], cluster: x[4], titleSegs: highlight(x[2], match), snippet: highlight(x[5], match, 1), rank: r.r };
    }));
    return { results, total: rs.length };
  };
  const filter = (m, a, f) => {
    let from = 0, to = m.n, tc = '', cc = '', i;
    const no = () => false;
    if (f.year) { from = to = 0; for (const y of m.years) if (y[0] === f.year) { from = y[1]; to = y[2]; } }
    if (f.type) { if ((i = m.types.indexOf(f.type)) < 0) return no; tc = ABC[i]; }
    if (f.cluster) {
      if ((i = m.clusters.findIndex(c => c[0] === f.cluster)) < 0) return no;
      for (let k = a.w - 1; k >= 0; k--) cc += ABC[(i + 1) >> (6 * k) & 63];
    }
    return d => d >= from && d < to && (!tc || a.t[d] === tc) && (!cc || a.c.substr(a.w * d, a.w) === cc);
  };
  // highlight cuts text into {text, mark} segments; with win, 40 tokens
  // from 8 before the first match, "…" where cut.
  const highlight = (text, match, win) => {
    const sp = spans(text), segs = [], hit = x => match(fold(text.slice(x[0], x[1])));
    const push = (t, mark) => {
      const l = segs[segs.length - 1];
      if (!t) return;
      if (l && !mark && !l.mark) l.text += t; else segs.push(mark ? { text: t, mark } : { text: t });
    };
    let lo = 0, hi = sp.length, pos = 0;
    if (win && hi) { lo = Math.max(0, sp.findIndex(hit) - 8); hi = Math.min(hi, lo + 40); }
    if (lo) { push('…'); pos = sp[lo][0]; }
    for (const x of sp.slice(lo, hi)) { push(text.slice(pos, x[0])); push(text.slice(x[0], x[1]), hit(x)); pos = x[1]; }
    push(hi < sp.length ? '…' : text.slice(pos));
    return segs;
  };

  const ui = form => {
    const $ = id => document.getElementById(id), list = $('search-results'), status = $('search-status'), more = $('search-more');
    const input = form.elements.q, idx = new URL(form.dataset.index, location.href), cache = new Map(), names = {};
    const base = (document.documentElement.dataset.base || form.dataset.base || idx.pathname.replace(/tim-kiem\/index\.json$/, '')).replace(/\/$/, '');
    const sel = ['type', 'cluster', 'year'].map(k => form.elements[k]).filter(Boolean), params = new URLSearchParams(location.search);
    let seq = 0, shown = 10, timer;
    const load = name => {
      let p = cache.get(name);
      if (!p) {
        p = fetch(new URL(name, idx)).then(r => { if (!r.ok) throw Error(r.status); return r.json(); });
        cache.set(name, p);
        p.catch(() => cache.delete(name));
      }
      return p;
    };
    const el = (tag, cls, text) => { const e = document.createElement(tag); e.className = cls || ''; if (text) e.textContent = text; return e; };
    const segs = (e, ss) => { for (const s of ss) e.append(s.mark ? el('mark', '', s.text) : s.text); return e; };
    const say = t => { status.textContent = t; };
    const run = async () => {
      const my = ++seq, q = input.value, u = new URLSearchParams(), f = {};
      if (q) u.set('q', q);
      for (const s of sel) if (s.value) u.set(s.name, f[s.name] = s.value);
      f.year = +f.year || 0;
      history.replaceState(history.state, '', location.pathname + (String(u) ? '?' + u : '') + location.hash);
      if (more) more.hidden = true;
      if (!q.trim()) { list.textContent = ''; return say(''); }
      say('Đang tìm…');
      try {
        const r = await search(load, q, f, shown);
        if (my !== seq) return;
        list.textContent = '';
        for (const x of r.results) {
          const li = el('li', 'search-result'), h = el('h2', 'search-title'), a = el('a'), meta = el('p', 'search-meta', LABEL[x.type] || x.type);
          a.href = base + x.url;
          h.append(segs(a, x.titleSegs));
          if (x.date) { const t = el('time', '', +x.date.slice(8) + '/' + +x.date.slice(5, 7) + '/' + x.date.slice(0, 4)); t.dateTime = x.date; meta.append(' · ', t); }
          if (names[x.cluster]) meta.append(' · ' + names[x.cluster]);
          li.append(h, meta, segs(el('p', 'search-snippet'), x.snippet));
          list.append(li);
        }
        say(r.total ? 'Tìm thấy ' + r.total.toLocaleString('vi-VN') + ' kết quả' : 'Không tìm thấy kết quả');
        if (more) more.hidden = r.total <= shown;
      } catch (e) { if (my === seq) say('Không tải được chỉ mục tìm kiếm.'); }
    };
    input.value = params.get('q') || '';
    load('index.json').then(m => {
      const opts = { type: m.types.map(t => [t, LABEL[t] || t]), cluster: m.clusters, year: m.years.map(y => [y[0], y[0]]).reverse() };
      for (const c of m.clusters) names[c[0]] = c[1];
      for (const s of sel) {
        if (s.options.length <= 1) for (const o of opts[s.name]) { const e = el('option', '', '' + o[1]); e.value = o[0]; s.append(e); }
        s.value = params.get(s.name) || '';
        s.addEventListener('change', () => { shown = 10; run(); });
      }
      run();
    }, () => say('Không tải được chỉ mục tìm kiếm.'));
    input.addEventListener('input', () => { clearTimeout(timer); shown = 10; timer = setTimeout(run, 150); });
    form.addEventListener('submit', e => { e.preventDefault(); clearTimeout(timer); run(); });
    if (more) more.addEventListener('click', () => { shown += 10; run(); });
  };

  if (typeof module === 'object') module.exports = { fold, tokens, normalizeTone, analyze, search, highlight };
  if (typeof document === 'object' && document.getElementById('search-form')) ui(document.getElementById('search-form'));
})();
