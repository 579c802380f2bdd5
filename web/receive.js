'use strict';
(async () => {
  await GW.start('receive.html');
  const $ = (id) => document.getElementById(id);
  // A received OFD's electronic seals as the register keeps them: the summary, then one line
  // per seal (有效：… / 无效：…：原因) and the package's problems.
  const sealText = (c) => c ? [c.text, ...(c.lines || [])].join('；') : '';
  const list = async () => {
    const r = await GW.api('/api/receive');
    const tb = $('list').querySelector('tbody');
    tb.replaceChildren();
    for (const d of r.received || []) tb.append(GW.el('tr', {}, GW.el('td', { text: d.registration }), GW.el('td', { text: d.sender }),
      GW.el('td', { text: d.their_number }), GW.el('td', { text: d.title }), GW.el('td', { text: d.date }), GW.el('td', { text: d.secrecy }),
      GW.el('td', { text: sealText(d.seal_check), class: d.seal_check ? (d.seal_check.result === 'verified' ? 'ok seal-check' : 'problem seal-check') : 'seal-check' }),
      GW.el('td', {}, circulateForm(d))));
  };
  // 传阅 (gongwen receive circulate): a reader and the days until it is due back.
  const circulateForm = (d) => {
    const to = GW.el('input', { placeholder: '阅件人用户名', 'aria-label': `${d.registration} 传阅给`, class: 'circulate-to' });
    const days = GW.el('input', { type: 'number', min: '1', max: '90', value: '3', 'aria-label': '天数', class: 'w80' });
    const go = GW.el('button', { class: 'plain circulate', text: '传阅', onclick: async () => {
      const x = await GW.api(`/api/receive/${d.id}/circulate`, { method: 'POST', json: { to: to.value.trim(), days: Number(days.value) } });
      $('c_result').className = x.ok ? 'ok' : 'problem';
      $('c_result').textContent = x.ok ? `已将 ${x.registration} 送 ${x.to_name} 传阅，${x.days} 天内阅毕` : GW.msg(x);
    } });
    return GW.el('div', { class: 'row' }, to, days, go);
  };
  $('f').addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = $('file').files[0];
    if (!file) { $('result').textContent = '请选择文件'; return; }
    if (file.size > 20 * 1024 * 1024) { $('result').textContent = '文件超过 20 MB'; return; }
    const fd = new FormData($('f'));
    const r = await GW.api('/api/receive', { method: 'POST', form: fd });
    $('result').className = r.ok ? 'ok' : 'problem';
    $('result').textContent = r.ok ? `已登记 ${r.registration}，文件保存为 ${r.stored}（SHA-256 ${r.sha256.slice(0, 16)}…）${r.seal_check ? '。' + sealText(r.seal_check) : ''}` : GW.msg(r);
    if (r.ok) list();
  });
  list();
})();
