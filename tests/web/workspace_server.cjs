// Shared by the browser flows (flow.test.cjs in Chromium, firefox.test.cjs in Firefox): a fresh
// workspace in a temporary folder, every user's password set, and `gongwen serve` started on a
// free loopback port. Resolves to { tmp, ws, server, base }.
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

async function startWorkspaceServer({ bin, src, password, prefix }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const ws = path.join(tmp, 'ws');
  execFileSync(bin, ['init', ws]);
  fs.writeFileSync(path.join(tmp, 'password'), password + '\n');
  execFileSync(bin, ['-w', ws, 'user', 'passwd', '--all', '--new-password-file', path.join(tmp, 'password')]);
  // The desk in the clerk's language (Chinese, the default), whatever the locale of the machine.
  const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: '' };
  const server = spawn(bin, ['-w', ws, 'serve', '--listen', '127.0.0.1:0', '--web', path.join(src, 'web')], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const base = await new Promise((resolve, reject) => {
    let seen = '';
    server.stdout.on('data', (d) => { seen += d; const m = seen.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/); if (m) resolve(m[1]); });
    server.on('exit', () => reject(new Error('server exited: ' + seen)));
    setTimeout(() => reject(new Error('server did not start')), 15000);
  });
  return { tmp, ws, server, base };
}

module.exports = { startWorkspaceServer };
