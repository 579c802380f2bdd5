'use strict';
(async () => {
  await GW.start('search.html');
  const $ = (id) => document.getElementById(id);
  const state = { q: '', year: '', kind: '', issuer: '', page: 1, sort: '' };
  const run = async () => {
    const p = new URLSearchParams(state);
    const r = await GW.api('/api/search?' + p.toString());
    const hits = $('hits');
    hits.replaceChildren();
    if (!r.ok) { $('summary').textContent = GW.msg(r); return; }
    $('summary').textContent = `约 ${r.total} 条结果，第 ${r.page} 页` + (r.notes && r.notes.length ? '（' + r.notes.join('；') + '）' : '');
    // "Did you mean": one click runs the suggestion.
    const suggest = $('suggest');
    suggest.replaceChildren();
    for (const sq of r.suggestions || []) {
      if (!suggest.childNodes.length) suggest.append('您要找的是不是：');
      else suggest.append('　');
      suggest.append(GW.el('a', { href: '#', class: 'suggestion', text: sq, onclick: (e) => { e.preventDefault(); $('q').value = sq; state.q = sq; state.page = 1; run(); } }));
    }
    for (const h of r.hits) {
      const title = GW.el('a', { href: '#', class: 'hit-title', text: h.title });
      title.addEventListener('click', async (ev) => { ev.preventDefault(); await open(h.number); });
      hits.append(GW.el('div', { class: 'hit' }, GW.el('h3', {}, title),
        GW.el('div', { class: 'muted', text: [h.number, h.issuer, h.date, h.kind, h.secrecy].filter(Boolean).join('　') }),
        GW.el('div', {}, GW.highlighted(h.snippet))));
    }
    $('prev').disabled = r.page <= 1;
    $('next').disabled = r.page * r.per_page >= r.total;
    const f = $('facets');
    f.replaceChildren(GW.el('h2', { text: '筛选' }));
    const group = (label, key, list) => {
      f.append(GW.el('strong', { text: label }));
      const ul = GW.el('ul');
      if (state[key]) ul.append(GW.el('li', {}, GW.el('a', { href: '#', text: `× ${state[key]}`, onclick: (e) => { e.preventDefault(); state[key] = ''; state.page = 1; run(); } })));
      for (const v of list || []) ul.append(GW.el('li', {}, GW.el('a', { href: '#', text: `${v.value}（${v.count}）`, onclick: (e) => { e.preventDefault(); state[key] = v.value; state.page = 1; run(); } })));
      f.append(ul);
    };
    group('年度', 'year', r.facets.years); group('文种', 'kind', r.facets.kinds); group('发文机关', 'issuer', r.facets.issuers);
  };
  const open = async (number) => {
    const docs = await GW.api('/api/documents?number=' + encodeURIComponent(number));
    const d = (docs.documents || [])[0];
    if (d) location.href = `/doc.html?issued=${d.id}`;
  };
  $('f').addEventListener('submit', (e) => { e.preventDefault(); state.q = $('q').value; state.sort = $('sort').value; state.page = 1; run(); });
  $('prev').addEventListener('click', () => { state.page--; run(); });
  $('next').addEventListener('click', () => { state.page++; run(); });
  const q = new URLSearchParams(location.search).get('q');
  if (q) { $('q').value = q; state.q = q; }
  run();
})();
