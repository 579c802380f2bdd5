'use strict';
(async () => {
  await GW.start('archive.html');
  const $ = (id) => document.getElementById(id);
  $('year').value = new Date().getFullYear() - 1;
  $('file').disabled = !GW.has('archivist');
  const plan = async () => {
    const r = await GW.api('/api/archive/plan?year=' + encodeURIComponent($('year').value));
    const tb = $('items').querySelector('tbody');
    tb.replaceChildren();
    $('blockers').replaceChildren();
    if (!r.ok) { $('status').textContent = GW.msg(r); return; }
    for (const i of r.items) tb.append(GW.el('tr', {}, GW.el('td', { text: i.number }), GW.el('td', { text: i.title }), GW.el('td', { text: i.date }), GW.el('td', { text: i.retention })));
    for (const b of r.blockers) $('blockers').append(GW.el('li', { text: b }));
    $('hidden').textContent = r.hidden ? `另有 ${r.hidden} 件涉密文件（您无权查看）` : '';
    $('status').textContent = r.filed ? `${r.year} 年度已归档` : `${r.year} 年度待归档 ${r.items.length + r.hidden} 件` + (r.blockers.length ? '，存在阻碍归档的问题' : '');
    $('bar').style.width = r.filed ? '100%' : '0';
    const c = await GW.api('/api/archive/catalogue?year=' + encodeURIComponent($('year').value));
    const cb = $('catalogue').querySelector('tbody');
    cb.replaceChildren();
    for (const i of c.items || []) cb.append(GW.el('tr', {}, GW.el('td', { text: String(i.item_no) }), GW.el('td', { text: i.archive_code }),
      GW.el('td', { text: i.number }), GW.el('td', { text: i.title }), GW.el('td', { text: i.retention }),
      GW.el('td', {}, GW.has('archivist') ? GW.el('button', { class: 'plain', text: '更正', onclick: () => { $('k_code').value = i.archive_code; $('k_value').focus(); } }) : '')));
  };
  // 更正 (gongwen archive correct): a new version of a filed 件, with its reason.
  $('k_go').disabled = !GW.has('archivist');
  $('correct').addEventListener('submit', async (e) => {
    e.preventDefault();
    const fd = new FormData($('correct'));
    fd.append('year', $('year').value);
    if ($('k_value').value.trim()) fd.append('field', `${$('k_field').value}=${$('k_value').value.trim()}`);
    const r = await GW.api('/api/archive/correct', { method: 'POST', form: fd });
    $('k_result').className = r.ok ? 'ok' : 'problem';
    $('k_result').textContent = r.ok ? `已登记 ${r.archive_code} 第 ${r.version} 版：${r.changes}（原因：${r.reason}），原件不变` : GW.msg(r);
  });
  $('plan').addEventListener('click', plan);
  // The bar follows the server's per-件 progress: stamping and describing each 件 is most of
  // the work (0–90 %), writing the package and indexing the rest.
  const showProgress = (p) => {
    if (!p.ok || !p.running) return;
    const part = p.total ? p.done / p.total : 0;
    if (p.phase === 'staging') {
      $('bar').style.width = `${Math.round(90 * part)}%`;
      $('status').textContent = p.total ? `正在归档：已处理 ${p.done} / ${p.total} 件（加盖归档章、生成元数据）` : '正在归档：准备中……';
    } else if (p.phase === 'indexing') {
      $('bar').style.width = `${90 + Math.round(10 * part)}%`;
      $('status').textContent = `正在更新检索：${p.done} / ${p.total} 件`;
    }
    $('bar').dataset.done = String(p.done);
  };
  $('file').addEventListener('click', async () => {
    const year = Number($('year').value);
    $('bar').style.width = '0';
    $('status').textContent = '正在归档：准备中……';
    let polling = true;
    const poll = async () => {
      while (polling) {
        const p = await GW.api('/api/archive/file/progress?year=' + year);
        if (polling) showProgress(p);
        await new Promise((ok) => setTimeout(ok, 250));
      }
    };
    const watcher = poll();
    let r = await GW.api('/api/archive/file', { method: 'POST', json: { year } });
    // A year that has not ended is filed only when the archivist confirms what it blocks.
    if (!r.ok && /尚未结束/.test(GW.msg(r)) && window.confirm(GW.msg(r) + '\n\n仍要现在归档吗？')) {
      r = await GW.api('/api/archive/file', { method: 'POST', json: { year, confirm: true } });
    }
    polling = false;
    await watcher;
    if (!r.ok) { $('bar').style.width = '0'; $('status').textContent = GW.msg(r); return; }
    await plan();
    $('status').textContent = `已归档 ${r.count} 件`;
  });
  $('verify').addEventListener('click', async () => {
    const r = await GW.api('/api/archive/verify?year=' + encodeURIComponent($('year').value));
    const box = $('report');
    box.replaceChildren();
    if (r.status !== 200) { box.append(GW.el('p', { class: 'problem', text: GW.msg(r) })); return; }
    box.append(GW.el('p', { class: r.ok ? 'ok' : 'problem', text: `四性检测：${r.items} 件、${r.files} 个文件，${r.ok ? '全部通过' : r.failures.length + ' 项不合格'}` }));
    const ul = GW.el('ul');
    for (const f of r.failures) ul.append(GW.el('li', { class: 'problem', text: `${f.aspect}：${f.file} ${f.problem}` }));
    for (const n of r.notes) ul.append(GW.el('li', { class: 'muted', text: n }));
    box.append(ul);
  });
  const loans = async () => {
    const r = await GW.api('/api/archive/loans');
    const tb = $('loans').querySelector('tbody');
    tb.replaceChildren();
    for (const l of r.loans || []) {
      const back = l.returned_on ? '' : GW.el('button', { class: 'plain', text: '归还', onclick: async () => {
        const x = await GW.api(`/api/archive/loans/${l.id}/return`, { method: 'POST', json: { condition: '完好' } });
        $('l_result').textContent = x.ok ? '已归还' : GW.msg(x); loans(); } });
      tb.append(GW.el('tr', {}, GW.el('td', { text: l.archive_code }), GW.el('td', { text: l.title }), GW.el('td', { text: l.borrower }),
        GW.el('td', { text: l.unit }), GW.el('td', { text: l.borrowed_on }), GW.el('td', { text: l.due }),
        GW.el('td', { text: l.returned_on ? `${l.returned_on} ${l.condition}` : '未还' }), GW.el('td', {}, back)));
    }
  };
  $('lend').addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await GW.api('/api/archive/loans', { method: 'POST', json: { archive_code: $('l_code').value, borrower: $('l_borrower').value,
      unit: $('l_unit').value, purpose: $('l_purpose').value, approved_by: $('l_approved').value } });
    $('l_result').className = r.ok ? 'ok' : 'problem';
    $('l_result').textContent = r.ok ? `已借出，应于 ${r.loan.due} 前归还` : GW.msg(r);
    loans();
  });
  plan();
  loans();
})();
