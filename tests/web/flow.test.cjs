// The web desk end to end in Debian's chromium, driven by playwright-core:
// drafter drafts with live preview → two reviewers → signer → seal keeper issues → the PDF
// downloads (pdfinfo/pdfsig check it) → search finds it; an uncleared user can neither find
// nor open a secret document by search or by URL. Screenshots go to $GW_ARTEFACTS.
// Usage: node flow.test.cjs   (env: GW_BINARY, GW_SOURCE, GW_ARTEFACTS, GW_NODE_DIR)
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { startWorkspaceServer } = require('./workspace_server.cjs');
const { launchChromium } = require('./browsers.cjs');

const BIN = process.env.GW_BINARY;
const SRC = process.env.GW_SOURCE;
const OUT = process.env.GW_ARTEFACTS;
const PASSWORD = 'web-口令-2026';
let failures = 0;
// Polls a condition from Node: the pages' CSP forbids the eval behind page.waitForFunction.
const waitUntil = async (cond, ms = 20000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) { if (await cond()) return; await new Promise((r) => setTimeout(r, 100)); }
  throw new Error('timed out waiting for ' + cond);
};
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const { tmp, server, base } = await startWorkspaceServer({ bin: BIN, src: SRC, password: PASSWORD, prefix: 'gongwen-web-' });
  const profile = path.join(tmp, 'chromium-profile');
  const context = await launchChromium(profile, { acceptDownloads: true });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(20000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 40[134]/.test(m.text())) errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && ![401, 403, 404].includes(r.status())) errors.push(`${r.status()} ${r.url()}`); });
  const shot = (name) => page.screenshot({ path: path.join(OUT, name + '.png'), fullPage: false });
  const login = async (user) => {
    await context.clearCookies();
    await page.goto(base + '/index.html');
    await page.fill('#user', user);
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
    await page.waitForURL('**/todo.html');
    await page.waitForSelector('#who');
  };
  try {
    // Login refuses a wrong password.
    await page.goto(base + '/index.html');
    await shot('01-login');
    await page.fill('#user', 'wangfang');
    await page.fill('#password', 'wrong');
    await page.click('#submit');
    await page.waitForSelector('#error:not(:empty)');
    check((await page.textContent('#error')).includes('错误'), 'a wrong password is refused');

    // 拟稿 with live preview.
    await login('wangfang');
    await shot('02-todo-drafter');
    await page.goto(base + '/draft.html');
    await page.waitForSelector('#template option', { state: 'attached' });
    await page.selectOption('#template', 'notice');
    await page.fill('#title', '关于做好水利设施冬季维护工作的通知');
    await page.fill('#to', '各村民委员会，乡属各单位');
    await page.fill('#body', '为做好今冬明春水利设施维护工作，现将有关事项通知如下：\n一、工作目标\n确保各村水渠、塘坝在明年汛期前完成检修。\n二、工作要求\n各村于12月10日前上报检修计划。');
    await page.click('#preview');
    await page.waitForSelector('#pagesbox img.page');
    // Later pages load lazily: bring each into view, as a reader scrolling down would.
    await waitUntil(() => page.evaluate(() => [...document.querySelectorAll('#pagesbox img.page')].every((i) => {
      if (!i.complete) i.scrollIntoView();
      return i.complete && i.naturalWidth > 300;
    })));
    await page.evaluate(() => window.scrollTo(0, 0));
    const pageCount = Number(/共 (\d+) 页/.exec(await page.textContent('#pages'))[1]);
    check(pageCount >= 1 && (await page.locator('#pagesbox img.page').count()) === pageCount, `the preview shows all ${pageCount} pages`);
    await shot('03-draft-preview');
    // A bad date is reported beside its field.
    await page.fill('#date', '');
    await page.click('#preview');
    await page.waitForSelector('.problem[data-for="date"]:not(:empty)');
    check(true, 'a problem is shown beside the date field');
    await shot('04-draft-problem');
    // Every problem at once, each beside its own field (issue 12): no 主送 and a table row short of a cell too.
    await page.fill('#to', '');
    await page.fill('#body', '为做好水利设施维护工作，现通知如下：\n| 村 | 责任人 |\n| 白路村 |');
    await page.click('#preview');
    await page.waitForSelector('.problem[data-for="to"]:not(:empty)');
    const beside = await page.evaluate(() => Object.fromEntries(['date', 'to', 'body'].map((f) =>
      [f, [...document.querySelectorAll(`.problem[data-for="${f}"] .diagnostic`)].map((d) => d.textContent)])));
    check(beside.date.length === 1 && beside.to.length === 1 && beside.body.length === 1 && beside.body[0].includes('正文第 3 行'),
      'each of three problems is shown beside its own field: ' + JSON.stringify(beside));
    check(await page.getAttribute('#to', 'aria-invalid') === 'true', 'the 主送 input is marked invalid');
    await shot('04b-draft-problems');
    await page.fill('#to', '各村民委员会，乡属各单位');
    await page.fill('#body', '为做好今冬明春水利设施维护工作，现将有关事项通知如下：\n一、工作目标\n确保各村水渠、塘坝在明年汛期前完成检修。\n二、工作要求\n各村于12月10日前上报检修计划。');
    await page.fill('#date', '2026-11-18');
    await page.click('#submit');
    await page.waitForSelector('#open-draft');
    const draftUrl = await page.getAttribute('#open-draft', 'href');
    const draftId = draftUrl.split('=')[1];
    check(/^\d+$/.test(draftId), `submitted as draft #${draftId}`);

    // Reviewers, signer, seal keeper act from 我的待办.
    for (const [user, button, shotName] of [['zhaoli', '#approve', '05-review-1'], ['chenzhiyong', '#approve', '06-review-2'],
      ['zhangjianguo', '#sign', '07-signoff'], ['sunxiuying', '#issue', '08-issue']]) {
      await login(user);
      const row = page.locator('#todo tbody tr', { hasText: '水利设施' });
      await row.first().waitFor({ timeout: 10000 }).catch(() => {});
      check(await row.count() === 1, `${user} sees the draft in 我的待办`);
      await row.locator('a.button').click();
      await page.waitForSelector(button);
      if (button === '#approve') await page.fill('#opinion', '同意');
      await shot(shotName);
      // The step is done when its POST has answered and the page has reloaded.
      const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/drafts/'));
      const reloaded = page.waitForEvent('load');
      await page.click(button);
      check((await answered).status() === 200, `${user}: ${button.slice(1)} accepted`);
      await reloaded;
      await page.waitForSelector('#state:not(:empty)');
    }
    await page.waitForSelector('#issuedbox:not([hidden])');
    check((await page.textContent('#number')).includes('白政发〔2026〕1号'), 'issued as 白政发〔2026〕1号');
    await shot('09-issued');

    // The PDF downloads; poppler reads it; pdfsig verifies any signature it carries.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pdf')]);
    const pdfFile = path.join(OUT, 'issued.pdf');
    await download.saveAs(pdfFile);
    check(fs.readFileSync(pdfFile).subarray(0, 5).toString() === '%PDF-', 'the PDF downloads');
    const info = execFileSync('pdfinfo', [pdfFile]).toString();
    check(/Pages:\s+\d+/.test(info) && /Producer|Creator/.test(info), 'pdfinfo reads the downloaded PDF');
    let sig = '';
    try { sig = execFileSync('pdfsig', [pdfFile], { stdio: ['ignore', 'pipe', 'pipe'] }).toString(); } catch (e) { sig = String(e.stdout || '') + String(e.stderr || ''); }
    if (/Signature #1/.test(sig)) check(/Signature is Valid/.test(sig), 'pdfsig: the signature is valid');
    else console.log('note: the issued PDF carries no digital signature (pdfsig: ' + sig.trim().split('\n')[0] + ')');
    await page.click('#verify');
    await page.waitForSelector('#verified.ok');
    check(true, 'the document verifies against its registered SHA-256');

    // Search finds it, with highlighted snippets and facets.
    await page.goto(base + '/search.html');
    await page.fill('#q', '水利设施');
    await page.click('#go');
    await page.waitForSelector('.hit mark');
    const hitsText = await page.textContent('#hits');
    check(hitsText.includes('白政发〔2026〕1号'), 'search finds the issued notice: ' + hitsText.slice(0, 200));
    check((await page.textContent('#facets')).includes('2026'), 'the year facet is shown');
    await shot('10-search');
    await page.goto(base + '/seal.html');
    await page.waitForSelector('#uses tbody tr');
    check((await page.textContent('#uses')).includes('孙秀英') || (await page.textContent('#uses')).includes('sunxiuying'), '用印登记 lists the seal use');
    await shot('11-seal');

    // A secret notice, put through by the API as the cleared staff.
    const api = async (method, url, data) => {
      const r = await page.evaluate(async ([m, u, d]) => {
        const me = await (await fetch('/api/me')).json();
        const res = await fetch(u, { method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf }, body: d ? JSON.stringify(d) : undefined });
        return { status: res.status, body: await res.json().catch(() => ({})) };
      }, [method, url, data]);
      return r;
    };
    await login('chenzhiyong');
    const secret = await api('POST', '/api/drafts', { template: 'notice', organ: 'government', title: '关于征兵政治考核工作的通知',
      to: '各村党总支', date: '2026-11-18', secrecy: '秘密', body: '请各村配合做好应征青年政治考核工作。' });
    check(secret.status === 201, 'the cleared drafter submits a secret notice');
    const sid = secret.body.draft.id;
    for (const [user, step] of [['zhaoli', 'review'], ['chenzhiyong', 'review'], ['zhangjianguo', 'sign'], ['sunxiuying', 'issue']]) {
      await login(user);
      const r = await api('POST', `/api/drafts/${sid}/${step}`, { opinion: '同意' });
      check(r.status === 200, `${user} ${step}s the secret notice`);
      if (step === 'issue') var secretDoc = r.body.issued.id;
    }
    await login('zhaoli');
    await page.goto(base + '/search.html?q=' + encodeURIComponent('征兵'));
    await page.waitForSelector('.hit');
    check((await page.textContent('#hits')).includes('征兵'), 'a cleared user finds the secret notice');
    // The uncleared drafter: not by search, not by URL, not by download.
    await login('wangfang');
    await page.goto(base + '/search.html?q=' + encodeURIComponent('征兵'));
    await page.waitForSelector('#summary:not(:empty)');
    check((await page.locator('.hit').count()) === 0 && (await page.textContent('#summary')).includes('约 0 条'), 'an uncleared user does not find it');
    await shot('12-search-uncleared');
    await page.goto(`${base}/doc.html?issued=${secretDoc}`);
    await waitUntil(async () => (await page.textContent('#title')) !== '文稿');
    check((await page.textContent('#title')).includes('没有这份文件'), 'nor open it by URL');
    await shot('13-secret-by-url');
    const dl = await page.request.get(`${base}/api/documents/${secretDoc}/pdf`);
    check(dl.status() === 404, 'nor download its PDF');
    const draftPage = await page.request.get(`${base}/api/drafts/${sid}`);
    check(draftPage.status() === 404, 'nor read its draft');

    // 收文登记: the seal keeper uploads and registers an incoming PDF.
    await login('sunxiuying');
    await page.goto(base + '/receive.html');
    await page.setInputFiles('#file', pdfFile);
    await page.fill('#sender', '县人民政府办公室');
    await page.fill('#their_number', '县政办发〔2026〕9号');
    await page.fill('#title', '关于开展冬季安全检查的通知');
    await page.fill('#date', '2026-11-10');
    await page.click('#up');
    await page.waitForSelector('#result:not(:empty)');
    check((await page.textContent('#result')).includes('收〔2026〕1号'), 'an incoming PDF is registered: ' + await page.textContent('#result'));
    await page.waitForSelector('#list tbody tr');
    await shot('14-receive');
    await login('zhouhong');
    await page.goto(base + '/archive.html');
    await page.waitForSelector('#status:not(:empty)');
    await shot('15-archive');
    check(errors.length === 0, 'no script errors in the pages' + (errors.length ? ': ' + errors.join(' | ') : ''));
  } catch (e) {
    check(false, 'unexpected: ' + (e.stack || e));
    await shot('99-failure').catch(() => {});
  } finally {
    await context.close();
    server.kill('SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(failures === 0 ? 'all browser checks passed' : `${failures} browser checks failed`);
  process.exit(failures === 0 ? 0 : 1);
}
main();
