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
    // 上行文 (请示, 报告) name their 签发人 in the 版头; the organ's own signer when left empty.
    $('signers-box').hidden = !t.signers;
    if (!t.signers) $('signers').value = '';
    const organ = meta.organs.find((o) => o.id === $('organ').value);
    $('signers').placeholder = organ && organ.signer ? `如 ${organ.signer}` : '';
  };
  $('organ').addEventListener('change', showRules);
  $('template').addEventListener('change', showFields);
  $('template').addEventListener('change', showRules);
  showRules();
  showFields();
  // 附件: each a title and the file the server stored it under (POST /api/attachments).
  const attachments = [];
  const showAttachments = () => {
    const box = $('attachments');
    box.replaceChildren();
    attachments.forEach((a, n) => {
      const title = GW.el('input', { id: `att_title_${n}`, 'data-attachment': String(n), value: a.title, 'aria-label': `附件 ${n + 1} 标题` });
      title.addEventListener('input', () => { a.title = title.value; });
      box.append(GW.el('div', { class: 'attachment' }, GW.el('span', { text: `附件 ${n + 1}` }), title,
        GW.el('span', { class: 'file', text: `${a.chars} 字` }),
        GW.el('button', { type: 'button', class: 'plain', id: `att_remove_${n}`, text: '删除',
          onclick: () => { attachments.splice(n, 1); showAttachments(); changed(); } })),
      GW.el('div', { class: 'problem', 'data-for': `attachments.${n}.title` }),
      GW.el('div', { class: 'problem', 'data-for': `attachments.${n}.file` }));
    });
  };
  const form = () => {
    const fields = {};
    for (const i of document.querySelectorAll('[data-field]')) fields[i.dataset.field] = i.value;
    const f = { template: $('template').value, organ: $('organ').value, title: $('title').value, to: $('to').value,
      date: $('date').value, secrecy: $('secrecy').value, secrecy_term: $('secrecy_term').value, urgency: $('urgency').value,
      copies: $('copies').value, copies_to: $('copies_to').value, note: $('note').value, body: $('body').value, fields,
      attachments: attachments.map((a) => ({ title: a.title, file: a.file })) };
    if (!$('signers-box').hidden && $('signers').value.trim()) f.signers = $('signers').value;
    return f;
  };
  // The input a finding's field names: a form key, a template field, an attachment's title.
  const inputFor = (key) => {
    const att = /^attachments\.(\d+)\.(title|body)$/.exec(key);
    if (att) return document.getElementById(`att_title_${att[1]}`);
    return key && (document.getElementById(key) || document.querySelector(`[data-field="${CSS.escape(key)}"]`));
  };
  // A finding's fix ({length, with} from its line and column, in characters of its input: the
  // correction `gongwen draft fix` makes) applied to the input's text; false when it no longer fits.
  const applyFix = (input, p) => {
    const lines = input.value.split('\n');
    const line = lines[p.line - 1];
    if (line === undefined || p.column < 1) return false;
    const chars = Array.from(line);
    if (p.column - 1 + p.fix.length > chars.length) return false;
    chars.splice(p.column - 1, p.fix.length, ...Array.from(p.fix.with));
    lines[p.line - 1] = chars.join('');
    input.value = lines.join('\n');
    // As if typed: an attachment's title keeps its list entry in step, and the form is checked again.
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  };
  let shown = [];
  // Each diagnostic ({code, severity, field, line, column, message, hints, fix}) beside the input
  // of its field, every one of them, with its place in that input and its fix one click away; a
  // field without an input of its own shows in the box under the form.
  const showProblems = (problems) => {
    shown = problems || [];
    for (const p of document.querySelectorAll('.problem[data-for]')) p.replaceChildren();
    for (const i of document.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
    for (const p of shown) {
      const key = (p.field || '').replace(/^fields\./, '');
      const box = document.querySelector(`.problem[data-for="${CSS.escape(key)}"]`) || document.querySelector('.problem[data-for=""]');
      const input = inputFor(key);
      if (input && box.dataset.for === key && p.severity !== 'warning') input.setAttribute('aria-invalid', 'true');
      const where = p.line > 0 && input ? (input.tagName === 'TEXTAREA' ? `第 ${p.line} 行第 ${p.column} 列：` : `第 ${p.column} 字：`) : '';
      const item = GW.el('div', { class: 'diagnostic ' + (p.severity || 'error'), 'data-code': p.code || '' },
        GW.el('span', { class: 'where', text: where }),
        GW.el('span', { class: 'text', text: p.message + (p.hints && p.hints.length ? '（' + p.hints.join('；') + '）' : '') }));
      if (p.fix && input && p.line > 0) {
        item.append(GW.el('button', { type: 'button', class: 'plain fix', text: p.fix.with ? `改为“${p.fix.with}”` : '删去',
          onclick: () => { if (applyFix(input, p)) changed(); } }));
      }
      box.append(item);
    }
    const fixable = shown.filter((p) => p.fix && p.line > 0 && inputFor((p.field || '').replace(/^fields\./, '')));
    $('fix-all').hidden = fixable.length < 2;
    const errors = shown.filter((p) => p.severity !== 'warning').length;
    $('check-summary').textContent = shown.length ? `格式诊断：${errors} 个错误，${shown.length - errors} 个提醒` : '';
  };
  // Every fix at once, as `gongwen draft fix` does: in each input from its end backwards, so an
  // earlier fix does not move a later one's place.
  $('fix-all').addEventListener('click', () => {
    const todo = shown.filter((p) => p.fix && p.line > 0).sort((a, b) => b.line - a.line || b.column - a.column);
    for (const p of todo) { const input = inputFor((p.field || '').replace(/^fields\./, '')); if (input) applyFix(input, p); }
    changed();
  });
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
  $('upload-attachment').addEventListener('click', async () => {
    const box = $('attachment-upload-problem');
    const file = $('attachment-file').files[0];
    if (!file) { box.textContent = '请选择附件文件（.txt 或 .docx）'; return; }
    const fd = new FormData();
    fd.append('file', file);
    const r = await GW.api('/api/attachments', { method: 'POST', form: fd });
    if (!r.ok) { box.textContent = GW.msg(r) + (r.error && r.error.hints && r.error.hints.length ? '（' + r.error.hints.join('；') + '）' : ''); return; }
    box.textContent = '';
    attachments.push({ title: r.title, file: r.file, chars: r.chars });
    $('attachment-file').value = '';
    showAttachments();
    changed();
  });
  let seq = 0;
  // As the drafter types: the clerk's checks and the reader's problems (POST /api/drafts/check,
  // the same checks as `gongwen draft check`), then, when nothing refuses the draft, its preview.
  const preview = async () => {
    const mine = ++seq;
    const c = await GW.api('/api/drafts/check', { method: 'POST', json: form() });
    if (mine !== seq) return;  // a newer check is on its way
    showProblems(c.diagnostics || problemsOf(c));
    if (!c.ok) return;
    const r = await GW.api('/api/preview', { method: 'POST', json: form() });
    if (mine !== seq) return;  // a newer preview is on its way
    // Problems come back as diagnostics; a refused picture line as an error (400) naming its field.
    if (!r.ok) { showProblems(problemsOf(r)); return; }
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
  function changed() { clearTimeout(timer); timer = setTimeout(preview, 600); }
  $('form').addEventListener('input', changed);
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
