// A 请示 drafted, reviewed while reading its preview, signed and issued in Debian's firefox-esr
// at 1366×768, driven by puppeteer-core over WebDriver BiDi (the steps: request_flow.cjs).
// Screenshots go to $GW_ARTEFACTS.
// Usage: node request_firefox.test.cjs   (env: GW_BINARY, GW_SOURCE, GW_ARTEFACTS, GW_NODE_DIR)
'use strict';
const fs = require('fs');
const path = require('path');
const { startWorkspaceServer } = require('./workspace_server.cjs');
const { requestFlow } = require('./request_flow.cjs');
const { launchFirefox, checker } = require('./browsers.cjs');

const OUT = process.env.GW_ARTEFACTS;
const PASSWORD = 'web-口令-2026';
const { check, failures } = checker();

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const { tmp, server, base } = await startWorkspaceServer({ bin: process.env.GW_BINARY, src: process.env.GW_SOURCE,
    password: PASSWORD, prefix: 'gongwen-request-firefox-' });
  const browser = await launchFirefox(path.join(tmp, 'firefox-profile'));
  let context = null;
  let page = null;
  const errors = [];
  const ui = {
    goto: (url) => page.goto(url),
    click: (sel) => page.click(sel),
    clickAndReload: (sel) => Promise.all([page.waitForNavigation({ timeout: 60000 }), page.click(sel)]),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    shot: (name) => page.screenshot({ path: path.join(OUT, name + '.png') }),
    // Each user in a fresh browser context: no cookie of the previous one is left.
    login: async (user) => {
      if (context) await context.close();
      context = await browser.createBrowserContext();
      page = await context.newPage();
      page.setDefaultTimeout(20000);
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(base + '/index.html');
      await page.$eval('#user', (e, v) => { e.value = v; }, user);
      await page.$eval('#password', (e, v) => { e.value = v; }, PASSWORD);
      await Promise.all([page.waitForNavigation(), page.click('#submit')]);
      await page.waitForSelector('#who');
    },
  };
  try {
    await requestFlow({ ui, base, out: OUT, prefix: 'firefox-', check });
    check(errors.length === 0, 'no script errors in the pages' + (errors.length ? ': ' + errors.join(' | ') : ''));
  } catch (e) {
    check(false, 'unexpected: ' + (e.stack || e));
    if (page) await ui.shot('firefox-99-failure').catch(() => {});
  } finally {
    await browser.close().catch(() => {});
    server.kill('SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(failures() === 0 ? 'all 请示 checks passed in Firefox' : `${failures()} 请示 checks failed in Firefox`);
  process.exit(failures() === 0 ? 0 : 1);
}
main();
