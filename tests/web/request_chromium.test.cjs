// A 请示 drafted, reviewed while reading its preview, signed and issued in Debian's chromium at
// 1366×768, driven by playwright-core (the steps: request_flow.cjs). Screenshots go to $GW_ARTEFACTS.
// Usage: node request_chromium.test.cjs   (env: GW_BINARY, GW_SOURCE, GW_ARTEFACTS, GW_NODE_DIR)
'use strict';
const fs = require('fs');
const path = require('path');
const { startWorkspaceServer } = require('./workspace_server.cjs');
const { requestFlow } = require('./request_flow.cjs');
const { launchChromium, checker } = require('./browsers.cjs');

const OUT = process.env.GW_ARTEFACTS;
const PASSWORD = 'web-口令-2026';
const { check, failures } = checker();

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const { tmp, server, base } = await startWorkspaceServer({ bin: process.env.GW_BINARY, src: process.env.GW_SOURCE,
    password: PASSWORD, prefix: 'gongwen-request-' });
  const context = await launchChromium(path.join(tmp, 'chromium-profile'));
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(20000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`); });
  const ui = {
    goto: (url) => page.goto(url),
    click: (sel) => page.click(sel),
    clickAndReload: async (sel) => { const loaded = page.waitForEvent('load'); await page.click(sel); await loaded; },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    shot: (name) => page.screenshot({ path: path.join(OUT, name + '.png') }),
    login: async (user) => {
      await context.clearCookies();
      await page.goto(base + '/index.html');
      await page.fill('#user', user);
      await page.fill('#password', PASSWORD);
      await page.click('#submit');
      await page.waitForURL('**/todo.html');
      await page.waitForSelector('#who');
    },
  };
  try {
    await requestFlow({ ui, base, out: OUT, prefix: 'chromium-', check });
    check(errors.length === 0, 'no script errors in the pages' + (errors.length ? ': ' + errors.join(' | ') : ''));
  } catch (e) {
    check(false, 'unexpected: ' + (e.stack || e));
    await ui.shot('chromium-99-failure').catch(() => {});
  } finally {
    await context.close();
    server.kill('SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(failures() === 0 ? 'all 请示 checks passed in Chromium' : `${failures()} 请示 checks failed in Chromium`);
  process.exit(failures() === 0 ? 0 : 1);
}
main();
