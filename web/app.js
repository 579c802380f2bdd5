// Shared by every page: the API client (with the CSRF token), the header, small helpers.
'use strict';
const GW = {
  me: null,
  leaving: false,
  csrf: '',
  async api(path, opts = {}) {
    const o = { method: opts.method || 'GET', headers: {}, credentials: 'same-origin' };
    if (o.method !== 'GET') o.headers['X-CSRF-Token'] = GW.csrf;
    if (opts.json !== undefined) { o.headers['Content-Type'] = 'application/json'; o.body = JSON.stringify(opts.json); }
    if (opts.form) o.body = opts.form;
    let r;
    try {
      r = await fetch(path, o);
    } catch (e) {
      // Leaving the page cancels its requests (Firefox rejects them): nothing to report then.
      if (GW.leaving) return new Promise(() => {});
      return { ok: false, status: 0, error: { message: '无法连接服务器，请检查网络后重试' } };
    }
    let body = null;
    try { body = await r.json(); } catch (e) { body = { ok: false, error: { message: '服务器返回了无法识别的内容' } }; }
    if (r.status === 401 && !opts.noRedirect) { location.href = '/index.html'; throw new Error('login'); }
    body.status = r.status;
    return body;
  },
  el(tag, attrs = {}, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'text') e.textContent = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const k of kids) e.append(k);
    return e;
  },
  // A snippet with 【】 marks → text nodes and <mark>, never innerHTML.
  highlighted(text) {
    const span = document.createElement('span');
    const parts = (text || '').split(/(【[^【】]*】)/);
    for (const p of parts) {
      if (p.startsWith('【') && p.endsWith('】')) span.append(GW.el('mark', { text: p.slice(1, -1) }));
      else span.append(document.createTextNode(p));
    }
    return span;
  },
  // The workflow's next step ({step, user, text}, from the server) in the office's words.
  nextText(n) {
    if (!n) return '';
    const who = n.name || n.user || '';
    return { review: `待 ${who} 审核`, revise: `退回 ${who} 修改`, 'sign-off': '待签发', issue: '待用印印发',
             done: '已办结', voided: '已作废' }[n.step] || n.text || n.step;
  },
  msg(r) { return (r.error && r.error.message) || '操作失败'; },
  has(role) { return GW.me && GW.me.roles.includes(role); },
  async start(page) {
    const r = await GW.api('/api/me');
    GW.me = r.user; GW.csrf = r.csrf;
    const nav = [['todo.html', '我的待办'], ['draft.html', '拟稿'], ['receive.html', '收文登记'], ['seal.html', '用印登记'],
                 ['archive.html', '档案'], ['search.html', '检索']];
    const header = GW.el('header', {}, GW.el('h1', { text: r.office || '公文办公台' }));
    const n = GW.el('nav');
    for (const [href, label] of nav) n.append(GW.el('a', { href: '/' + href, class: href === page ? 'on' : '', text: label }));
    header.append(n, GW.el('span', { class: 'who', id: 'who', text: `${GW.me.name}（${GW.me.title || GW.me.id}）` }),
      GW.el('button', { id: 'logout', text: '退出', onclick: async () => { await GW.api('/api/logout', { method: 'POST', json: {} }); location.href = '/index.html'; } }));
    document.body.prepend(header);
  },
};
window.addEventListener('beforeunload', () => { GW.leaving = true; });
window.addEventListener('pageshow', () => { GW.leaving = false; });
