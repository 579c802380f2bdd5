'use strict';
(async () => {
  await GW.start('draft.html');
  const meta = await GW.api('/api/templates');
  const $ = (id) => document.getElementById(id);
  for (const t of meta.templates) $('template').append(GW.el('option', { value: t.id, text: `${t.name}（${t.kind}）` }));
  for (const o of meta.organs) $('organ').append(GW.el('option', { value: o.id, text: o.name }));
  $('date').value = meta.today;
  const showFields = () => {
    const t = meta.templates.find((x) => x.id === $('template').value);
    $('fields').replaceChildren();
    for (const f of (t ? t.fields : [])) {
      $('fields').append(GW.el('label', { for: 'f_' + f.name, text: f.label + (f.required ? '（必填）' : '') }),
        GW.el('input', { id: 'f_' + f.name, 'data-field': f.name }), GW.el('div', { class: 'problem', 'data-for': f.name }));
    }
  };
  // A 文种 without 主送 (公告, 通告, 公报, 决议, 令, 纪要) hides the field; a 请示 marks its 附注 as required.
  const showRules = () => {
    const t = meta.templates.find((x) => x.id === $('template').value) || {};
    const none = t.recipients === 'none';
    for (const id of ['to']) { $(id).hidden = none; document.querySelector(`label[for="${id}"]`).hidden = none; if (none) $(id).value = ''; }
    const noteLabel = document.querySelector('label[for="note"]');
    noteLabel.textContent = '附注（不加括号' + ((t.required || []).includes('note') ? '；必填：联系人和电话）' : '）');
  };
  $('template').addEventListener('change', showFields);
  $('template').addEventListener('change', showRules);
  showRules();
  showFields();
  const form = () => {
    const fields = {};
    for (const i of document.querySelectorAll('[data-field]')) fields[i.dataset.field] = i.value;
    return { template: $('template').value, organ: $('organ').value, title: $('title').value, to: $('to').value,
      date: $('date').value, secrecy: $('secrecy').value, secrecy_term: $('secrecy_term').value, urgency: $('urgency').value,
      copies: $('copies').value, copies_to: $('copies_to').value, note: $('note').value, body: $('body').value, fields };
  };
  // Each diagnostic ({code, field, line, column, message, hints}) beside the input of its field,
  // every one of them; a field without an input of its own shows in the box under the form.
  const showProblems = (problems) => {
    for (const p of document.querySelectorAll('.problem[data-for]')) p.replaceChildren();
    for (const i of document.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
    for (const p of problems || []) {
      const key = (p.field || '').replace(/^fields\./, '');
      const box = document.querySelector(`.problem[data-for="${CSS.escape(key)}"]`) || document.querySelector('.problem[data-for=""]');
      const input = key && (document.getElementById(key) || document.querySelector(`[data-field="${CSS.escape(key)}"]`));
      if (input && box.dataset.for === key) input.setAttribute('aria-invalid', 'true');
      box.append(GW.el('div', { class: 'diagnostic', 'data-code': p.code || '',
        text: p.message + (p.hints && p.hints.length ? '（' + p.hints.join('；') + '）' : '') }));
    }
  };
  // The problems of a refused request: its diagnostics, else its one error.
  const problemsOf = (r) => r.diagnostics || [{ field: (r.error && r.error.field) || '', message: GW.msg(r), hints: r.error && r.error.hints }];
  $('import').addEventListener('click', async () => {
    const file = $('docx').files[0];
    if (!file) { $('imported').textContent = '请选择 .docx 文件'; return; }
    const fd = new FormData();
    fd.append('file', file);
    const r = await GW.api('/api/import', { method: 'POST', form: fd });
    if (!r.ok) { $('imported').className = 'problem'; $('imported').textContent = GW.msg(r); return; }
    if (r.title) $('title').value = r.title;
    if (r.to) $('to').value = r.to;
    if (r.date) $('date').value = r.date;
    $('body').value = r.body;
    $('imported').className = 'ok';
    $('imported').textContent = '已导入' + (r.warnings.length ? '：' + r.warnings.join('；') : '') + '，请核对后预览';
    preview();
  });
  // A picture is stored by the server under a name it chooses; the body gets the line naming it.
  $('insert-picture').addEventListener('click', async () => {
    const box = document.querySelector('.problem[data-for="body"]');
    const file = $('picture').files[0];
    if (!file) { box.textContent = '请选择 PNG 或 JPEG 图片'; return; }
    const fd = new FormData();
    fd.append('file', file);
    const r = await GW.api('/api/pictures', { method: 'POST', form: fd });
    if (!r.ok) { box.textContent = GW.msg(r) + (r.error && r.error.hints && r.error.hints.length ? '（' + r.error.hints.join('；') + '）' : ''); return; }
    const body = $('body');
    const at = body.selectionStart ?? body.value.length;
    const before = body.value.slice(0, at), after = body.value.slice(at);
    body.value = before + (before && !before.endsWith('\n') ? '\n' : '') + r.line + (after.startsWith('\n') ? '' : '\n') + after;
    box.textContent = '';
    $('picture').value = '';
    preview();
  });
  let seq = 0;
  const preview = async () => {
    const mine = ++seq;
    const r = await GW.api('/api/preview', { method: 'POST', json: form() });
    if (mine !== seq) return;  // a newer preview is on its way
    // Problems come back as diagnostics; a refused picture line as an error (400) naming its field.
    if (!r.ok) { showProblems(problemsOf(r)); return; }
    showProblems([]);
    $('pages').textContent = `共 ${r.pages} 页`;
    $('warnings').textContent = (r.warnings || []).join('；');
    const box = $('pagesbox');
    box.replaceChildren();
    // Page images load as they scroll into view: the server rasterises page N only when asked.
    for (let p = 1; p <= r.pages; p++) {
      box.append(GW.el('img', { src: `/api/preview/${r.preview}/${p}.png`, alt: `第 ${p} 页`, class: 'page',
        width: '595', height: '842', loading: p === 1 ? 'eager' : 'lazy' }));
    }
  };
  let timer = null;
  $('form').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(preview, 600); });
  $('preview').addEventListener('click', preview);
  $('form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await GW.api('/api/drafts', { method: 'POST', json: form() });
    if (r.ok) {
      $('result').replaceChildren(GW.el('span', { class: 'ok', text: `已提交 #${r.draft.id}，下一步：${GW.nextText(r.draft.next)} ` }),
        GW.el('a', { href: `/doc.html?id=${r.draft.id}`, id: 'open-draft', text: '查看文稿' }));
    } else {
      showProblems(problemsOf(r));
      $('result').textContent = '';
    }
  });
})();
