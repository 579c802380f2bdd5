// An independent renderer (issue 16): the npm package ofd.js (0.2.6, the open-source SVG
// renderer; docs/ofd.md says why not 1.5.0) draws page 1 of every OFD `gongwen demo` issues in
// Debian's chromium, and the picture is compared with page 1 of our PDF rasterised by pdftoppm
// at the same scale (4 px/mm: 840 × 1188).
//
// ofd.js never reads an OFD's embedded fonts (FontFile): it asks the browser for system
// families through its own table (仿宋_GB2312 → "FangSong, STFangsong, simfang", 黑体 →
// "SimHei, …"). This page declares the first family it asks for with the package's own
// FontFile, as an office PC would have the font installed; ofd.js's drawing stays as it is.
//
// Metrics, per document, both tolerating a displacement of 1 px (0.25 mm: chromium puts each
// text object's SVG box on whole pixels, poppler does not):
//   mismatch: both pictures to ink / no ink (luminance < 160); the ink pixels of either picture
//             with no ink of the other within 1 px, over the ink pixels of both;
//   grey:     per pixel, the smallest grey difference (0–255) to the other picture within 1 px
//             (the larger of the two directions), averaged over the page.
// Each must stay under the thresholds below, measured on the demo (docs/ofd.md, "An independent
// renderer"); a self-check shows the mismatch fails a page moved by 0.5 mm (grey, with its 1 px
// tolerance, barely sees a shift: it is there for tone, e.g. red drawn black or a grey fill).
// Usage: node ofd_render.test.cjs   (env: GW_BINARY, GW_SOURCE, GW_ARTEFACTS, GW_NODE_DIR)
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require(path.join(process.env.GW_NODE_DIR, 'node_modules', 'playwright-core'));

const BIN = process.env.GW_BINARY;
const OUT = process.env.GW_ARTEFACTS;
const OFDJS = path.join(process.env.GW_NODE_DIR, 'node_modules', 'ofd.js', 'lib', 'ofd.umd.js');
const CLOCK = '2026-11-20T09:00:00+08:00';
const PX_PER_MM = 4;  // ofd.js's scale is (screenWidth - 10) / page width, to one decimal
const WIDTH = 210 * PX_PER_MM, HEIGHT = 297 * PX_PER_MM;
// Measured on the demo's 40 OFDs (25 documents and 15 numbered copies; 2026-12-07, chromium
// 156, poppler 22.12, Debian 12): mismatch 0.38–1.67 %, grey 0.38–1.98 (docs/ofd.md has each).
// The limits are about 1.5 times the worst; a page moved by 0.5 mm measures 5.8 %.
const MISMATCH_LIMIT = 0.025;
const GREY_LIMIT = 3.0;
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};

const unzipText = (file, entry) => execFileSync('unzip', ['-p', file, entry]).toString('utf8');
const unzipBytes = (file, entry) => execFileSync('unzip', ['-p', file, entry], { maxBuffer: 64 << 20 });
const attrs = (tag) => Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

// The package's fonts: Font ID → its file's bytes (base64) and format, from Doc_0/PublicRes.xml.
function packageFonts(ofd) {
  const res = unzipText(ofd, 'Doc_0/PublicRes.xml');
  const base = attrs(res.match(/<ofd:Res\b[^>]*>/)[0]).BaseLoc || '';
  const fonts = {};
  for (const m of res.matchAll(/<ofd:Font\b([^>]*)>\s*<ofd:FontFile>([^<]+)<\/ofd:FontFile>/g)) {
    const a = attrs(m[1]);
    const file = 'Doc_0/' + (base ? base + '/' : '') + m[2];
    fonts[a.ID] = { name: a.FontName, b64: unzipBytes(ofd, file).toString('base64'),
      format: /\.otf$/i.test(file) ? 'opentype' : 'truetype' };
  }
  return fonts;
}

// How many signatures Doc_0/Signs/Signatures.xml lists (0 when the package has none).
function signatureCount(ofd) {
  const names = execFileSync('unzip', ['-Z1', ofd]).toString('utf8').split('\n');
  if (!names.includes('Doc_0/Signs/Signatures.xml')) return 0;
  return [...unzipText(ofd, 'Doc_0/Signs/Signatures.xml').matchAll(/<ofd:Signature\b/g)].length;
}

// Page 1's TextObjects: ID → Font ID (ofd.js sets each text's SVG z-index to its object's ID).
function pageOneTextFonts(ofd) {
  const doc = unzipText(ofd, 'Doc_0/Document.xml');
  const first = attrs(doc.match(/<ofd:Page\b[^>]*>/)[0]).BaseLoc;
  const content = unzipText(ofd, 'Doc_0/' + first);
  const map = {};
  for (const m of content.matchAll(/<ofd:TextObject\b([^>]*)>/g)) { const a = attrs(m[1]); map[a.ID] = a.Font; }
  return map;
}

// ofd.js 0.2.6 scales an ImageObject's picture (renderImageOnDiv) by a fixed 0.2642 mm per pixel
// (96 dpi) while it places everything else at its own zoom: at this test's 4 px/mm a picture (the
// 签名章 of a 令) comes out 5.6 % small, shrunk towards its top-left corner. The one constant is
// set to the zoom the test draws at; nothing else of ofd.js changes, and the test fails if the
// constant is no longer there (another version of ofd.js).
function ofdJsSource() {
  const src = fs.readFileSync(OFDJS, 'utf8');
  const parts = src.split(' / 0.2642');
  if (parts.length !== 5) throw new Error(`ofd.js: expected the picture scale 0.2642 four times, found ${parts.length - 1}`);
  return parts.join(` / ${1 / PX_PER_MM}`);
}

// In the page: ofd.js parses and draws page 1 into #page; answers the families ofd.js asked for
// per text object and what it found of the seals.
async function renderWithOfdJs(page, ofd) {
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;background:#fff}</style></head><body><div id="page"></div></body></html>');
  await page.addScriptTag({ content: ofdJsSource() });
  return page.evaluate(async ({ b64, width }) => {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Promise((resolve) => {
      ofd.parseOfdDocument({
        ofd: bytes.buffer,
        success(docs) {
          try {
            const div = ofd.renderOfd(width, docs[0])[0];
            div.style.marginBottom = '0';
            document.getElementById('page').appendChild(div);
            const families = {};
            for (const t of div.querySelectorAll('svg text')) {
              const id = t.parentNode.style.zIndex;
              families[id] = t.style.fontFamily;
            }
            const seals = [];
            for (const list of Object.values(docs[0].stampAnnot || {}))
              for (const s of list) seals.push({ verified: s.stamp.sealObj.verifyRet, page: s.obj.pageId || s.stamp.stampAnnot['@_PageRef'] });
            resolve({ ok: true, width: div.style.width, height: div.style.height, families, seals });
          } catch (e) { resolve({ ok: false, error: String(e && e.stack || e) }); }
        },
        fail(e) { resolve({ ok: false, error: String(e) }); },
      });
    });
  }, { b64: fs.readFileSync(ofd).toString('base64'), width: WIDTH + 10 });
}

// Declares each family ofd.js asked for with the package's font for it; waits until loaded.
async function supplyFonts(page, families, textFonts, fonts) {
  const byFamily = {};  // the first family of ofd.js's list → Font ID
  for (const [id, list] of Object.entries(families)) {
    const first = list.split(',')[0].trim().replace(/^["']|["']$/g, '');
    const font = textFonts[id];
    if (byFamily[first] !== undefined && byFamily[first] !== font)
      throw new Error(`ofd.js asks for ${first} for two fonts (${byFamily[first]}, ${font})`);
    byFamily[first] = font;
  }
  const faces = Object.entries(byFamily).map(([family, id]) => ({ family, ...fonts[id] }));
  return page.evaluate(async (faces) => {
    const loaded = [];
    for (const f of faces) {
      const face = new FontFace(f.family, `url(data:font/${f.format};base64,${f.b64}) format("${f.format}")`);
      document.fonts.add(await face.load());
      loaded.push(f.family + ' = ' + f.name);
    }
    await document.fonts.ready;
    return loaded;
  }, faces);
}

// In the page: both pictures to grey, the metric, and a diff picture (blue: ink only ofd.js
// draws, red: ink only in our PDF) for the artefacts. `shift` moves the PDF's picture down by
// that many pixels (the self-check that the metric sees a 0.5 mm displacement).
async function compare(page, ofdPng, pdfPng, shift = 0) {
  return page.evaluate(async ({ a, b, w, h, shift }) => {
    const grey = async (b64, dy) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      if (bmp.width !== w || bmp.height !== h) throw new Error(`picture is ${bmp.width}×${bmp.height}, not ${w}×${h}`);
      const c = new OffscreenCanvas(w, h);
      const ctx = c.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, w, h);
      ctx.drawImage(bmp, 0, dy);
      const d = ctx.getImageData(0, 0, w, h).data;
      const g = new Float32Array(w * h);
      for (let i = 0; i < w * h; i++) g[i] = 0.2126 * d[4 * i] + 0.7152 * d[4 * i + 1] + 0.0722 * d[4 * i + 2];
      return g;
    };
    const ga = await grey(a, 0), gb = await grey(b, shift);
    const ink = (g) => { const m = new Uint8Array(w * h); for (let i = 0; i < w * h; i++) m[i] = g[i] < 160 ? 1 : 0; return m; };
    const ia = ink(ga), ib = ink(gb);
    // The 3 × 3 neighbourhood: ink near a pixel, and the closest grey near it.
    const near = (m, x, y) => {
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx, yy = y + dy;
        if (xx >= 0 && yy >= 0 && xx < w && yy < h && m[yy * w + xx]) return true;
      }
      return false;
    };
    const closest = (g, v, x, y) => {
      let best = 255;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx, yy = y + dy;
        if (xx >= 0 && yy >= 0 && xx < w && yy < h) best = Math.min(best, Math.abs(v - g[yy * w + xx]));
      }
      return best;
    };
    let inkA = 0, inkB = 0, onlyA = 0, onlyB = 0, greySum = 0;
    const c = new OffscreenCanvas(w, h);
    const ctx = c.getContext('2d');
    const img = ctx.createImageData(w, h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (ga[i] !== gb[i]) greySum += Math.max(closest(gb, ga[i], x, y), closest(ga, gb[i], x, y));
      const v = 255 - (255 - Math.min(ga[i], gb[i])) / 4;
      let px = [v, v, v];
      if (ia[i]) { inkA++; if (!near(ib, x, y)) { onlyA++; px = [0, 0, 255]; } }
      if (ib[i]) { inkB++; if (!near(ia, x, y)) { onlyB++; px = [255, 0, 0]; } }
      img.data.set([...px, 255], 4 * i);
    }
    ctx.putImageData(img, 0, 0);
    const blob = await c.convertToBlob({ type: 'image/png' });
    const buf = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode.apply(null, buf.subarray(i, i + 0x8000));
    return { inkOfd: inkA, inkPdf: inkB, onlyOfd: onlyA, onlyPdf: onlyB,
      mismatch: (onlyA + onlyB) / Math.max(1, inkA + inkB), grey: greySum / (w * h), diffPng: btoa(s) };
  }, { a: ofdPng.toString('base64'), b: pdfPng.toString('base64'), w: WIDTH, h: HEIGHT, shift });
}

function demoOfds(ws) {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ofd')) found.push(p);
    }
  };
  walk(path.join(ws, 'documents'));
  return found;
}

async function main() {
  for (const tool of ['pdftoppm', 'unzip']) {
    try { execFileSync('sh', ['-c', `command -v ${tool}`]); } catch { throw new Error(`${tool} is missing (run.sh installs it)`); }
  }
  if (!fs.existsSync(OFDJS)) throw new Error(`ofd.js is missing: ${OFDJS} (npm ci: tests/web/install_node_modules.sh)`);
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-ofdjs-'));
  const ws = path.join(tmp, 'demo');
  execFileSync(BIN, ['--clock', CLOCK, 'demo', ws], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LANG: 'C.UTF-8' } });
  const ofds = demoOfds(ws);
  check(ofds.length >= 24, `the demo issued ${ofds.length} OFDs (at least 24)`);

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: WIDTH + 40, height: HEIGHT + 40 }, deviceScaleFactor: 1 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const rows = [];
  let k = 0;
  try {
    for (const ofd of ofds) {
      const name = path.relative(path.join(ws, 'documents'), ofd);
      const pdf = ofd.replace(/\.ofd$/, '.pdf');
      errors.length = 0;
      const r = await renderWithOfdJs(page, ofd);
      if (!r.ok) { check(false, `${name}: ofd.js draws it (${r.error})`); continue; }
      check(r.width === `${WIDTH}px` && r.height === `${HEIGHT}px`, `${name}: ofd.js's page 1 is ${r.width} × ${r.height}`);
      const loaded = await supplyFonts(page, r.families, pageOneTextFonts(ofd), packageFonts(ofd));
      const ofdPng = await (await page.$('#page > div')).screenshot({ type: 'png' });
      const base = path.join(tmp, `pdf-${++k}`);
      execFileSync('pdftoppm', ['-png', '-f', '1', '-l', '1', '-singlefile', '-scale-to-x', String(WIDTH), '-scale-to-y', String(HEIGHT), pdf, base]);
      const m = await compare(page, ofdPng, fs.readFileSync(base + '.png'));
      const stem = `${String(k).padStart(2, '0')}`;
      fs.writeFileSync(path.join(OUT, `${stem}-ofdjs.png`), ofdPng);
      fs.copyFileSync(base + '.png', path.join(OUT, `${stem}-pdftoppm.png`));
      fs.writeFileSync(path.join(OUT, `${stem}-diff.png`), Buffer.from(m.diffPng, 'base64'));
      const row = { k, name, mismatch: m.mismatch, grey: m.grey, inkOfd: m.inkOfd, inkPdf: m.inkPdf,
        onlyOfd: m.onlyOfd, onlyPdf: m.onlyPdf, fonts: loaded, seals: r.seals };
      rows.push(row);
      check(errors.length === 0, `${name}: no script error (${errors.join('; ')})`);
      check(m.mismatch < MISMATCH_LIMIT && m.grey < GREY_LIMIT,
        `${name}: mismatch ${(100 * m.mismatch).toFixed(2)} % (< ${100 * MISMATCH_LIMIT} %), grey ${m.grey.toFixed(2)} (< ${GREY_LIMIT}) [${stem}-*.png]`);
      const sealed = signatureCount(ofd);
      check(r.seals.length === sealed && r.seals.every((s) => s.verified === true),
        `${name}: ofd.js finds and verifies its ${sealed} seal(s) (${r.seals.map((s) => s.verified).join(', ')})`);
      if (k === 1) {  // the metric can fail: the same page with our PDF's picture 0.5 mm lower
        const moved = await compare(page, ofdPng, fs.readFileSync(base + '.png'), PX_PER_MM / 2);
        check(moved.mismatch >= MISMATCH_LIMIT,
          `self-check: moved 0.5 mm, ${name} fails (mismatch ${(100 * moved.mismatch).toFixed(2)} %, grey ${moved.grey.toFixed(2)})`);
      }
    }
  } finally {
    await browser.close();
    fs.writeFileSync(path.join(OUT, 'measured.json'), JSON.stringify(rows, null, 1));
  }
  const worst = (key) => rows.reduce((a, r) => Math.max(a, r[key]), 0);
  console.log(`measured over ${rows.length} OFDs: mismatch at most ${(100 * worst('mismatch')).toFixed(2)} %, grey at most ${worst('grey').toFixed(2)} (${path.join(OUT, 'measured.json')})`);
  fs.rmSync(tmp, { recursive: true, force: true });
  if (failures) { console.log(`${failures} check(s) failed`); process.exit(1); }
}

main().catch((e) => { console.error('FAIL', e && e.stack || e); process.exit(1); });
