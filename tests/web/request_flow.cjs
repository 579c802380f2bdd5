// A 请示 through the web desk, the same steps in Chromium (request_chromium.test.cjs, Playwright)
// and Firefox (request_firefox.test.cjs, puppeteer over WebDriver BiDi), at 1366×768 (issue 15):
// the drafter chooses 请示, sees 签发人 asked for and 附注 required, gets a half-width comma
// pointed at (line and column in the 正文) and fixes it with one click, writes the 附注, uploads
// an attachment and submits; each reviewer and the signer read the draft's preview PDF (framed
// in the page, fetched as application/pdf) and its text before approving or signing; the seal
// keeper issues it, and the issued PDF carries 签发人, 附注 and the 附件.
// `ui` is the browser driver's adapter: goto, click, clickAndReload, evaluate(fn, arg),
// shot(name), login(user); everything else runs in the page.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function requestFlow({ ui, base, out, prefix, check }) {
  // Polls a condition from Node (the pages' CSP forbids eval-based waiting helpers).
  const waitUntil = async (cond, what, ms = 20000) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await cond().catch(() => false)) return;
      await sleep(100);
    }
    throw new Error('timed out waiting for ' + what);
  };
  const text = (sel) => ui.evaluate((s) => { const e = document.querySelector(s); return e ? e.textContent : ''; }, sel);
  const value = (sel) => ui.evaluate((s) => document.querySelector(s).value, sel);
  const hidden = (sel) => ui.evaluate((s) => { const e = document.querySelector(s); return !e || e.hidden || e.closest('[hidden]') !== null; }, sel);
  // A field left as a user leaves it: value set, input (and change) event sent.
  const fill = (sel, v) => ui.evaluate(({ s, v }) => {
    const e = document.querySelector(s);
    e.value = v;
    e.dispatchEvent(new Event('input', { bubbles: true }));
    e.dispatchEvent(new Event('change', { bubbles: true }));
  }, { s: sel, v });
  const shot = (name) => ui.shot(`${prefix}${name}`);

  // 拟稿: a 请示.
  await ui.login('wangfang');
  await ui.goto(base + '/draft.html');
  await waitUntil(async () => (await ui.evaluate(() => document.querySelectorAll('#template option').length)) > 0, 'the templates');
  await fill('#template', 'request');
  check(!(await hidden('#signers')), '请示 asks for its 签发人 (上行文)');
  check((await text('label[for="note"]')).includes('必填'), '请示 marks its 附注 as required');
  await fill('#title', '关于申请河口村防汛堤坝水毁修复资金的请示');
  await fill('#to', '县人民政府');
  await fill('#urgency', '加急');
  await fill('#signers', '张建国');
  await fill('#body', '今年7月,我乡遭受持续强降雨袭击，河口村防洪堤坝多处损毁。\n一、灾损情况\n河口村堤坝冲毁320米，威胁86户312人安全。\n二、请示事项\n恳请县人民政府给予补助156.4万元。\n妥否，请批示。');
  // Checked as typed: the comma found at line 1, column 5 of the 正文, with its fix; the
  // missing 附注 beside its input.
  await waitUntil(async () => (await text('.problem[data-for="body"]')).includes('第 1 行第 5 列'), 'the half-width comma');
  await waitUntil(async () => (await text('.problem[data-for="note"]')) !== '', 'the missing 附注');
  check((await text('.problem[data-for="body"]')).includes('半角'), 'the half-width comma is shown beside the 正文 with its place');
  check((await text('.problem[data-for="note"]')).includes('附注'), 'the missing 附注 is shown beside its input');
  await ui.evaluate(() => document.querySelector('.problem[data-for="body"]').scrollIntoView({ block: 'center' }));
  await shot('01-request-findings');
  await ui.click('.problem[data-for="body"] button.fix');
  await waitUntil(async () => (await value('#body')).startsWith('今年7月，我乡'), 'the fix applied');
  check(true, 'one click puts the full-width comma in');
  await fill('#note', '联系人：王芳，电话：0878-6212301');
  await waitUntil(async () => (await text('.problem[data-for="body"]')) === '' && (await text('.problem[data-for="note"]')) === '',
    'the findings gone');
  check(true, 'the fixed draft checks clean');

  // 附件: a text file uploaded through the page's file input (made in the page, as a user's
  // chosen file would be), then titled.
  await ui.evaluate(() => {
    const input = document.getElementById('attachment-file');
    const dt = new DataTransfer();
    dt.items.add(new File(['河口村防汛堤坝水毁修复工程资金测算表\n一、浆砌石挡墙恢复重建：320米，合计121.6万元。\n二、堤顶道路修复：460米，合计37.26万元。\n'],
      '资金测算表.txt', { type: 'text/plain' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await ui.click('#upload-attachment');
  await waitUntil(async () => (await ui.evaluate(() => !!document.getElementById('att_title_0'))), 'the uploaded attachment');
  check((await value('#att_title_0')) === '资金测算表', 'the attachment is listed with its file name as title');
  await fill('#att_title_0', '河口村防汛堤坝水毁修复工程资金测算表');
  await waitUntil(async () => (await ui.evaluate(() => document.querySelectorAll('#pagesbox img.page').length)) >= 2, 'the preview pages');
  await waitUntil(() => ui.evaluate(() => [...document.querySelectorAll('#pagesbox img.page')].every((i) => {
    if (!i.complete) i.scrollIntoView();
    return i.complete && i.naturalWidth > 300;
  })), 'the page images');
  await ui.evaluate(() => window.scrollTo(0, 0));
  check(true, 'the live preview shows the 请示 and its 附件 page');
  await shot('02-request-draft');
  await ui.click('#submit');
  await waitUntil(async () => (await ui.evaluate(() => !!document.getElementById('open-draft'))), 'the submitted draft');
  const id = (await ui.evaluate(() => document.getElementById('open-draft').getAttribute('href'))).split('=')[1];
  check(/^\d+$/.test(id), `submitted as draft #${id}`);

  // Review and sign-off while reading the preview.
  for (const [user, button] of [['zhaoli', '#approve'], ['chenzhiyong', '#approve'], ['zhangjianguo', '#sign']]) {
    await ui.login(user);
    await ui.goto(`${base}/doc.html?id=${id}`);
    await waitUntil(async () => !(await hidden('#reviewbox')) && (await ui.evaluate(() => !!document.querySelector('#actions button'))), `${user}'s review box`);
    const frame = await ui.evaluate(() => document.getElementById('pdfview').getAttribute('src'));
    check(frame === `/api/drafts/${id}/preview.pdf`, `${user} has the preview PDF in the page`);
    const pdf = await ui.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, type: r.headers.get('Content-Type'), magic: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) };
    }, frame);
    check(pdf.status === 200 && pdf.type === 'application/pdf' && pdf.magic === '%PDF-', `${user}: the preview is a PDF`);
    const doctext = await text('#doctext');
    check(doctext.includes('联系人：王芳') && doctext.includes('附件：1.河口村防汛堤坝水毁修复工程资金测算表'),
      `${user} reads the text with its 附注 and 附件说明`);
    check((await text('#changes-summary')).includes('第 1 轮'), `${user} is told there is no earlier round`);
    await sleep(1500);  // the frame's PDF viewer draws the page
    await shot(`03-${user}-reads-preview`);
    if (button === '#approve') await fill('#opinion', '同意');
    await ui.clickAndReload(button);
    await waitUntil(async () => (await text('#state')) !== '', 'the state');
  }
  await ui.login('sunxiuying');
  await ui.goto(`${base}/doc.html?id=${id}`);
  await waitUntil(async () => (await ui.evaluate(() => !!document.getElementById('issue'))), 'the issue button');
  await ui.clickAndReload('#issue');
  await waitUntil(async () => !(await hidden('#issuedbox')), 'the issued box');
  check((await text('#number')).includes('白政请〔2026〕1号'), 'issued as 白政请〔2026〕1号: ' + await text('#number'));
  check(await hidden('#reviewbox'), 'an issued draft shows its document, not the review preview');
  await shot('04-request-issued');
  const b64 = await ui.evaluate(async () => {
    const r = await fetch(document.getElementById('pdf').getAttribute('href'));
    const bytes = new Uint8Array(await r.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  });
  const file = path.join(out, `${prefix}issued-request.pdf`);
  fs.writeFileSync(file, Buffer.from(b64, 'base64'));
  const words = execFileSync('pdftotext', [file, '-']).toString();
  for (const want of ['签发人：张建国', '联系人：王芳', '河口村防汛堤坝水毁修复工程资金测算表', '加急', '白政请〔2026〕1号'])
    check(words.replace(/\s+/g, '').includes(want), `the issued PDF carries ${want}`);
}

module.exports = { requestFlow };
