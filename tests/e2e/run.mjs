// Browser tests of the built app (dist/), in Debian's headless Chromium via playwright-core.
//
// Serves dist/ on 127.0.0.1 (a random port), runs every test in tests/e2e/*.test.mjs in order
// and exits non-zero on the first failure. Each test gets a fresh browser context and a `page`
// whose network requests are recorded: any request leaving the page's own origin fails the test
// (a test that serves a second origin on purpose, e.g. a publisher's page, says so with
// `allowOrigin(url)`). Every Content-Security-Policy violation in any page or frame fails it too.
// Screenshots land in target/screenshots/ (look at them).
//
// usage: node tests/e2e/run.mjs [name-filter]   (KEEP_GOING=1: run every test even after a failure)
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readdir, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendFile } from './static_files.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const dist = join(root, 'dist');
const shots = join(root, 'target', 'screenshots');
const filter = process.argv[2] || '';
const keepGoing = process.env.KEEP_GOING === '1';


function serve(dir) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = join(dir, path.endsWith('/') ? path + 'index.html' : path);
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    await sendFile(res, file);
  });
  return new Promise(ok => server.listen(0, '127.0.0.1', () => ok(server)));
}

const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
};

const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
await mkdir(shots, { recursive: true });
const browser = await chromium.launch(LAUNCH);

const files = (await readdir(join(root, 'tests/e2e'))).filter(f => f.endsWith('.test.mjs')).sort();
let passed = 0;
let failed = 0;
const t0 = Date.now();
for (const f of files) {
  const mod = await import(join(root, 'tests/e2e', f));
  for (const [name, fn] of Object.entries(mod)) {
    if (typeof fn !== 'function' || !`${f}:${name}`.includes(filter)) continue;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const offOrigin = [];
    const errors = [];
    const allowed = [base];
    const allowOrigin = url => allowed.push(new URL(url).origin + '/');
    context.on('request', r => {
      const u = r.url();
      if (!allowed.some(a => u.startsWith(a)) && !u.startsWith('data:') && !u.startsWith('blob:') && !u.startsWith('file:')) offOrigin.push(u);
    });
    // A CSP violation is also a console error in Chromium, but the event names the directive and
    // is raised in frames too; record each one explicitly.
    await context.exposeBinding('__foiLensCspViolation', ({ frame }, v) =>
      errors.push(`CSP violation in ${frame.url().slice(0, 80)}: ${v}`));
    await context.addInitScript(() => {
      addEventListener('securitypolicyviolation', e =>
        window.__foiLensCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
    });
    page.on('pageerror', e => errors.push(`pageerror: ${e.message}`));
    page.on('console', m => { if (m.type() === 'error') errors.push(`console.error: ${m.text()}`); });
    const started = Date.now();
    try {
      await fn({ page, context, base, browser, shots, root, errors, allowOrigin });
      if (offOrigin.length) throw new Error(`requests left the page's origin: ${offOrigin.join(', ')}`);
      if (errors.length) throw new Error(`browser errors:\n  ${errors.join('\n  ')}`);
      passed++;
      console.log(`ok   ${f} ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${f} ${name}: ${e.stack || e}`);
      await page.screenshot({ path: join(shots, `FAILED-${name}.png`) }).catch(() => {});
    }
    await context.close();
    if (failed && !keepGoing) break;
  }
  if (failed && !keepGoing) break;
}
await browser.close();
server.close();
console.log(`e2e: ${passed} passed, ${failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s); screenshots in target/screenshots/`);
if (passed === 0 && !failed) { console.log('e2e: no test ran'); process.exit(1); }
process.exit(failed ? 1 : 0);
