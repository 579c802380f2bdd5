'use strict';
(async () => {
  await GW.start('todo.html');
  const link = (d) => GW.el('a', { href: `/doc.html?id=${d.id}`, text: d.title });
  const todo = await GW.api('/api/drafts?todo=1');
  const tb = document.querySelector('#todo tbody');
  for (const d of todo.drafts || []) {
    tb.append(GW.el('tr', {}, GW.el('td', { text: '#' + d.id }), GW.el('td', {}, link(d)), GW.el('td', { text: d.state_text }),
      GW.el('td', { text: GW.nextText(d.next) }), GW.el('td', {}, GW.el('a', { class: 'button', href: `/doc.html?id=${d.id}`, text: '办理' }))));
  }
  document.getElementById('empty').hidden = (todo.drafts || []).length > 0;
  const circ = await GW.api('/api/receive/mine');
  const tc = document.querySelector('#circ tbody');
  for (const c of circ.circulation || []) {
    tc.append(GW.el('tr', {}, GW.el('td', { text: c.registration }), GW.el('td', { text: c.sender }), GW.el('td', { text: c.title }),
      GW.el('td', { text: c.sent_at }), GW.el('td', { text: c.due }),
      GW.el('td', {}, GW.el('button', { class: 'plain', text: '已阅', onclick: async (e) => {
        const r = await GW.api(`/api/receive/${c.id}/read`, { method: 'POST', json: {} });
        if (r.ok) e.target.closest('tr').remove(); } }))));
  }
  document.getElementById('circ-empty').hidden = (circ.circulation || []).length > 0;
  // 请示 waiting past the limit for their 批复: received ones we owe, ours the county owes.
  const req = await GW.api('/api/requests?overdue=1');
  const tr = document.querySelector('#requests tbody');
  for (const q of req.requests || []) {
    tr.append(GW.el('tr', {}, GW.el('td', { text: q.number }), GW.el('td', { text: q.title }),
      GW.el('td', { text: (q.side === 'issued' ? '主送 ' : '') + q.party }), GW.el('td', { text: q.date }),
      GW.el('td', { text: `${q.days_waiting} 天` })));
  }
  document.getElementById('requests-empty').hidden = (req.requests || []).length > 0;
  const all = await GW.api('/api/drafts');
  const ta = document.querySelector('#all tbody');
  for (const d of (all.drafts || []).reverse().slice(0, 50)) {
    ta.append(GW.el('tr', {}, GW.el('td', { text: '#' + d.id }), GW.el('td', {}, link(d)), GW.el('td', { text: d.drafter_name || d.drafter }),
      GW.el('td', { text: d.state_text }), GW.el('td', { text: GW.nextText(d.next) })));
  }
})();
