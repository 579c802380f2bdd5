'use strict';
(async () => {
  await GW.start('');
  const $ = (id) => document.getElementById(id);
  const id = new URLSearchParams(location.search).get('id');
  const issuedId = new URLSearchParams(location.search).get('issued');
  const showIssued = (doc) => {
    $('issuedbox').hidden = false;
    $('number').textContent = `${doc.number}　${doc.pages ? doc.pages + ' 页' : ''}`;
    $('pdf').href = `/api/documents/${doc.id}/pdf`;
    $('docx').href = `/api/documents/${doc.id}/docx`;
    // The OFD with its electronic seal, when the register holds one.
    if (doc.ofd) { $('ofd').href = `/api/documents/${doc.id}/ofd`; $('ofd').hidden = false; }
    $('verify').onclick = async () => {
      const v = await GW.api(`/api/documents/${doc.id}/verify`);
      $('verified').textContent = v.ok ? '验证通过：' + v.files.map((f) => `${f.file} ${f.why}`).join('；') : GW.msg(v) + (v.files ? v.files.map((f) => `${f.file} ${f.why}`).join('；') : '');
      $('verified').className = v.ok ? 'ok' : 'problem';
    };
  };
  if (issuedId) {
    const r = await GW.api(`/api/documents/${encodeURIComponent(issuedId)}`);
    if (!r.ok) { $('title').textContent = GW.msg(r); return; }
    $('title').textContent = r.document.title;
    $('state').textContent = '已印发';
    showIssued(r.document);
    return;
  }
  const r = await GW.api(`/api/drafts/${encodeURIComponent(id)}`);
  if (!r.ok) { $('title').textContent = GW.msg(r); return; }
  const d = r.draft;
  $('title').textContent = `#${d.id} ${d.title}`;
  $('state').textContent = d.state_text;
  $('next').textContent = '下一步：' + GW.nextText(d.next);
  if (d.issued) showIssued(d.issued);
  // Before approving or sending back: the draft as it will print (its preview PDF, laid out
  // as issuing will lay it out), its text, and what changed since the round before.
  if (d.state !== 'issued' && d.state !== 'voided') {
    $('reviewbox').hidden = false;
    $('pdfview').src = d.preview;
    $('pdf-open').href = d.preview;
    $('doctext').textContent = d.document_text || '';
    const c = d.changes || {};
    $('changes-summary').textContent = c.summary || '';
    for (const l of c.lines || []) {
      const cls = l.op === '+' ? 'add' : l.op === '-' ? 'del' : 'same';
      const mark = l.op === '+' ? '＋ ' : l.op === '-' ? '－ ' : '　 ';
      $('changes').append(GW.el('div', { class: cls, 'data-op': l.op, text: mark + l.text }));
    }
  }
  for (const h of d.history) $('history').querySelector('tbody').append(GW.el('tr', {}, GW.el('td', { text: h.at_text || h.at }),
    GW.el('td', { text: h.who_name || h.who }), GW.el('td', { text: h.what }), GW.el('td', { text: h.opinion || '' })));
  const act = async (step, json) => {
    const res = await GW.api(`/api/drafts/${d.id}/${step}`, { method: 'POST', json });
    if (res.ok) location.reload(); else { $('result').className = 'problem'; $('result').textContent = GW.msg(res); }
  };
  if (!d.acts_next) return;
  const opinion = GW.el('input', { id: 'opinion', placeholder: '意见（如：同意）' });
  const box = $('actions');
  if (d.next.step === 'review') {
    box.append(opinion, GW.el('p', {}, GW.el('button', { id: 'approve', text: '审核同意', onclick: () => act('review', { decision: 'approve', opinion: opinion.value }) }), ' ',
      GW.el('button', { class: 'plain', id: 'return', text: '退回修改', onclick: () => act('review', { decision: 'return', opinion: opinion.value }) })));
  } else if (d.next.step === 'sign-off') {
    opinion.value = '同意印发';
    box.append(opinion, GW.el('p', {}, GW.el('button', { id: 'sign', text: '签发', onclick: () => act('sign', { opinion: opinion.value }) })));
  } else if (d.next.step === 'issue') {
    box.append(GW.el('p', {}, GW.el('button', { id: 'issue', text: '用印并印发', onclick: () => act('issue', {}) })));
  }
})();
