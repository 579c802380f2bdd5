// Shared by the browser tests: Debian's own browsers started the one way every test starts
// them — headless, a fresh profile in the test's temporary folder, no network beyond the desk,
// a 1366×768 office screen, Chinese preferred — and the checks' counter.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const SCREEN = { width: 1366, height: 768 };

// Chromium through playwright-core: a persistent context (its first page is the test's page).
async function launchChromium(profileDir, options = {}) {
  const { chromium } = require(path.join(process.env.GW_NODE_DIR, 'node_modules', 'playwright-core'));
  return chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: SCREEN,
    locale: 'zh-CN',
    ...options,
  });
}

// puppeteer-core 25 is an ES module: Debian 12's Node.js 18 cannot require() it, so it is
// loaded with import() from the entry its package.json exports.
async function loadPuppeteer() {
  const dir = path.join(process.env.GW_NODE_DIR, 'node_modules', 'puppeteer-core');
  const entry = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).exports['.'].import;
  const mod = await import(pathToFileURL(path.join(dir, entry)).href);
  return mod.default || mod;
}

// Firefox ESR through puppeteer-core over WebDriver BiDi (Playwright drives only its own
// patched Firefox builds, not the stock one).
async function launchFirefox(profileDir) {
  const puppeteer = await loadPuppeteer();
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.GW_FIREFOX || '/usr/bin/firefox-esr',
    headless: true,
    userDataDir: profileDir,
    defaultViewport: SCREEN,
    extraPrefsFirefox: { 'intl.accept_languages': 'zh-CN', 'browser.shell.checkDefaultBrowser': false },
  });
}

// `check(ok, what)` prints one line per check; `failures()` counts the failed ones.
function checker() {
  let failed = 0;
  return {
    check: (ok, what) => {
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
      if (!ok) failed++;
    },
    failures: () => failed,
  };
}

module.exports = { launchChromium, launchFirefox, loadPuppeteer, checker };
