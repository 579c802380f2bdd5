// The web desk's core flow in Debian's firefox-esr, driven by puppeteer-core over WebDriver
// BiDi (Playwright drives only its own patched Firefox builds, not the stock one): login
// (a wrong password refused), 拟稿 with the live preview's page images, the sign-off chain
// from 我的待办, search with highlighted snippets and facets, and the secret-invisibility
// check (an uncleared user cannot find or open a secret notice by search, URL or download).
// Screenshots go to $GW_ARTEFACTS.
// Usage: node firefox.test.cjs   (env: GW_BINARY, GW_SOURCE, GW_ARTEFACTS, GW_NODE_DIR)
'use strict';
const fs = require('fs');
const path = require('path');
const { startWorkspaceServer } = require('./workspace_server.cjs');
const { launchFirefox } = require('./browsers.cjs');

const BIN = process.env.GW_BINARY;
const SRC = process.env.GW_SOURCE;
const OUT = process.env.GW_ARTEFACTS;
const PASSWORD = 'web-口令-2026';
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Polls a condition from Node (the pages' CSP forbids eval-based waiting helpers).
const waitUntil = async (cond, what, ms = 20000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error('timed out waiting for ' + what);
};

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const { tmp, server, base } = await startWorkspaceServer({ bin: BIN, src: SRC, password: PASSWORD, prefix: 'gongwen-firefox-' });
  const browser = await launchFirefox(path.join(tmp, 'firefox-profile'));
  console.log('browser: ' + await browser.version());
  let context = null;
  let page = null;
  const errors = [];
  const shot = (name) => page.screenshot({ path: path.join(OUT, name + '.png') });
  const text = (sel) => page.$eval(sel, (e) => e.textContent);
  const count = (sel) => page.$$eval(sel, (l) => l.length);
  // Sets a field as a user would leave it (value + input event); Chinese text is not typed
  // key by key.
  const fill = (sel, value) => page.$eval(sel, (e, v) => { e.value = v; e.dispatchEvent(new Event('input', { bubbles: true })); }, value);
  // Each user in a fresh browser context: no cookie of the previous one is left.
  const login = async (user, password = PASSWORD) => {
    if (context) await context.close();
    context = await browser.createBrowserContext();
    page = await context.newPage();
    page.setDefaultTimeout(20000);
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + '/index.html');
    await fill('#user', user);
    await fill('#password', password);
    if (password !== PASSWORD) return;
    await Promise.all([page.waitForNavigation(), page.click('#submit')]);
    await page.waitForSelector('#who');
  };
  // An API call from inside the page, as its scripts make them (cookie + CSRF header).
  const api = (method, url, data) => page.evaluate(async (m, u, d) => {
    const me = await (await fetch('/api/me')).json();
    const res = await fetch(u, { method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf }, body: d ? JSON.stringify(d) : undefined });
    return { status: res.status, body: await res.json().catch(() => ({})) };
  }, method, url, data);
  try {
    // Login refuses a wrong password.
    await login('wangfang', 'wrong');
    await shot('firefox-01-login');
    await page.click('#submit');
    await waitUntil(async () => (await text('#error')) !== '', 'the login error');
    check((await text('#error')).includes('错误'), 'a wrong password is refused');

    // 拟稿 with live preview: every page of the PDF is shown as an image.
    await login('wangfang');
    await shot('firefox-02-todo');
    await page.goto(base + '/draft.html');
    await waitUntil(async () => (await count('#template option')) > 0, 'the templates');
    await page.select('#template', 'notice');
    await fill('#title', '关于做好水利设施冬季维护工作的通知');
    await fill('#to', '各村民委员会，乡属各单位');
    await fill('#body', '为做好今冬明春水利设施维护工作，现将有关事项通知如下：\n一、工作目标\n确保各村水渠、塘坝在明年汛期前完成检修。\n二、工作要求\n各村于12月10日前上报检修计划。');
    await page.click('#preview');
    await waitUntil(async () => (await count('#pagesbox img.page')) > 0, 'the preview');
    // Later pages load lazily: bring each into view, as a reader scrolling down would.
    await waitUntil(() => page.$$eval('#pagesbox img.page', (l) => l.every((i) => {
      if (!i.complete) i.scrollIntoView();
      return i.complete && i.naturalWidth > 300;
    })), 'the page images');
    await page.evaluate(() => window.scrollTo(0, 0));
    const pageCount = Number(/共 (\d+) 页/.exec(await text('#pages'))[1]);
    check(pageCount >= 1 && (await count('#pagesbox img.page')) === pageCount, `the preview shows all ${pageCount} pages`);
    await shot('firefox-03-draft-preview');
    // A bad date is reported beside its field.
    await fill('#date', '');
    await page.click('#preview');
    await waitUntil(async () => (await text('.problem[data-for="date"]')) !== '', 'the date problem');
    check(true, 'a problem is shown beside the date field');
    await shot('firefox-04-draft-problem');
    await fill('#date', '2026-11-18');
    await page.click('#submit');
    await page.waitForSelector('#open-draft');
    const draftId = (await page.$eval('#open-draft', (a) => a.getAttribute('href'))).split('=')[1];
    check(/^\d+$/.test(draftId), `submitted as draft #${draftId}`);

    // Reviewers, signer and seal keeper act from 我的待办.
    for (const [user, button] of [['zhaoli', '#approve'], ['chenzhiyong', '#approve'], ['zhangjianguo', '#sign'], ['sunxiuying', '#issue']]) {
      await login(user);
      const rows = () => page.$$eval('#todo tbody tr', (l) => l.filter((r) => r.textContent.includes('水利设施')).length);
      await waitUntil(async () => (await rows()) === 1, `${user}'s 我的待办`, 10000).catch(() => {});
      check((await rows()) === 1, `${user} sees the draft in 我的待办`);
      await Promise.all([page.waitForNavigation(),
        page.$$eval('#todo tbody tr', (l) => l.find((r) => r.textContent.includes('水利设施')).querySelector('a.button').click())]);
      await page.waitForSelector(button);
      if (button === '#approve') await fill('#opinion', '同意');
      await shot(`firefox-05-${user}`);
      // The page reloads once the step's POST has been accepted.
      await Promise.all([page.waitForNavigation({ timeout: 60000 }), page.click(button)]);
      await waitUntil(async () => (await text('#state')) !== '', 'the state');
    }
    await page.waitForSelector('#issuedbox:not([hidden])');
    check((await text('#number')).includes('白政发〔2026〕1号'), 'issued as 白政发〔2026〕1号');
    await shot('firefox-06-issued');
    const head = await page.evaluate(async () => {
      const a = document.getElementById('pdf').getAttribute('href');
      const r = await fetch(a);
      return { status: r.status, magic: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) };
    });
    check(head.status === 200 && head.magic === '%PDF-', 'the issued PDF downloads');

    // Search finds it, with highlighted snippets and the year facet.
    await page.goto(base + '/search.html');
    await page.waitForSelector('#q');
    await fill('#q', '水利设施');
    await page.click('#go');
    await page.waitForSelector('.hit mark');
    const hits = await text('#hits');
    check(hits.includes('白政发〔2026〕1号'), 'search finds the issued notice: ' + hits.slice(0, 120));
    check((await text('#facets')).includes('2026'), 'the year facet is shown');
    await shot('firefox-07-search');

    // A secret notice, put through by the API as the cleared staff.
    await login('chenzhiyong');
    const secret = await api('POST', '/api/drafts', { template: 'notice', organ: 'government', title: '关于征兵政治考核工作的通知',
      to: '各村党总支', date: '2026-11-18', secrecy: '秘密', body: '请各村配合做好应征青年政治考核工作。' });
    check(secret.status === 201, 'the cleared drafter submits a secret notice');
    const sid = secret.body.draft.id;
    let secretDoc = null;
    for (const [user, step] of [['zhaoli', 'review'], ['chenzhiyong', 'review'], ['zhangjianguo', 'sign'], ['sunxiuying', 'issue']]) {
      await login(user);
      const r = await api('POST', `/api/drafts/${sid}/${step}`, { opinion: '同意' });
      check(r.status === 200, `${user} ${step}s the secret notice`);
      if (step === 'issue') secretDoc = r.body.issued.id;
    }
    await login('zhaoli');
    await page.goto(base + '/search.html?q=' + encodeURIComponent('征兵'));
    await page.waitForSelector('.hit');
    check((await text('#hits')).includes('征兵'), 'a cleared user finds the secret notice');
    // The uncleared drafter: not by search, not by URL, not by download.
    await login('wangfang');
    await page.goto(base + '/search.html?q=' + encodeURIComponent('征兵'));
    await waitUntil(async () => (await text('#summary')) !== '', 'the search summary');
    check((await count('.hit')) === 0 && (await text('#summary')).includes('约 0 条'), 'an uncleared user does not find it');
    await shot('firefox-08-search-uncleared');
    await page.goto(`${base}/doc.html?issued=${secretDoc}`);
    await waitUntil(async () => (await text('#title')) !== '文稿', 'the document page');
    check((await text('#title')).includes('没有这份文件'), 'nor open it by URL');
    await shot('firefox-09-secret-by-url');
    const dl = await page.evaluate(async (u) => (await fetch(u)).status, `/api/documents/${secretDoc}/pdf`);
    check(dl === 404, 'nor download its PDF');
    const draft = await page.evaluate(async (u) => (await fetch(u)).status, `/api/drafts/${sid}`);
    check(draft === 404, 'nor read its draft');
    check(errors.length === 0, 'no script errors in the pages' + (errors.length ? ': ' + errors.join(' | ') : ''));
  } catch (e) {
    check(false, 'unexpected: ' + (e.stack || e));
    if (page) await shot('firefox-99-failure').catch(() => {});
  } finally {
    await browser.close().catch(() => {});
    server.kill('SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(failures === 0 ? 'all Firefox checks passed' : `${failures} Firefox checks failed`);
  process.exit(failures === 0 ? 0 : 1);
}
main();
