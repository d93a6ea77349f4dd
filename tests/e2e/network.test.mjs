// Zero network: the hosted app asks nothing of any origin but its own, the single file asks
// nothing of anyone, and both pages carry a strict Content-Security-Policy that the app and
// ECharts live within (the runner fails a test on any CSP violation, in any frame).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assertEqual, chartOption, fixture, pasteText } from './lib.mjs';

/** The policy in a built page's CSP <meta>, as {directive: [sources]}. */
async function policyOf(root, page) {
  const html = await readFile(join(root, 'dist', page), 'utf8');
  const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
  if (!m) throw new Error(`${page} has no CSP meta`);
  return Object.fromEntries(m[1].split(';').map(d => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
}

function assertStrict(policy, page) {
  const all = Object.values(policy).flat();
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'http:', 'https:', "'strict-dynamic'"]) {
    if (all.includes(bad)) throw new Error(`${page}: CSP allows ${bad}`);
  }
  assertEqual(policy['default-src'], ["'none'"], `${page} default-src`);
  assertEqual(policy['object-src'], ["'none'"], `${page} object-src`);
  assertEqual(policy['base-uri'], ["'none'"], `${page} base-uri`);
  // 'wasm-unsafe-eval' lets WebAssembly compile; it does not allow eval() or new Function().
  if (!policy['script-src'].includes("'wasm-unsafe-eval'")) throw new Error(`${page}: no 'wasm-unsafe-eval'`);
  for (const s of policy['script-src']) {
    if (!["'self'", "'wasm-unsafe-eval'"].includes(s) && !/^'sha256-[A-Za-z0-9+/]+=*'$/.test(s)) {
      throw new Error(`${page}: unexpected script source ${s}`);
    }
  }
}

export async function both_pages_carry_a_strict_csp({ root }) {
  const hosted = await policyOf(root, 'index.html');
  assertStrict(hosted, 'index.html');
  assertEqual(hosted['connect-src'], ["'self'"], 'index.html connect-src');
  const single = await policyOf(root, 'foi-lens.html');
  assertStrict(single, 'foi-lens.html');
  // The single file may not load anything from anywhere, not even its own directory.
  assertEqual(single['connect-src'], ["'none'"], 'foi-lens.html connect-src');
  for (const [k, v] of Object.entries(single)) {
    if (v.includes("'self'")) throw new Error(`foi-lens.html: ${k} allows 'self'`);
  }
}

export async function the_csp_really_blocks_eval_and_injected_scripts_and_the_test_sees_it({ page, base, errors }) {
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  // (DevTools evaluation itself may eval; a timer callback runs as the page's own code.)
  const evalBlocked = await page.evaluate(() => new Promise(done => setTimeout(() => {
    try { done(eval('1 + 1') !== 2); } catch { done(true); }
  }, 0)));
  if (!evalBlocked) throw new Error('eval ran: the CSP does not forbid it');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.append(s);
  });
  await page.waitForTimeout(100);
  if (await page.evaluate(() => window.__injected)) throw new Error('an injected inline script ran');
  // Both attempts were reported as violations: the runner's recorder works (then forget them,
  // they were the point of this test).
  const seen = errors.filter(e => e.startsWith('CSP violation'));
  if (seen.length < 2) throw new Error(`expected 2 CSP violations recorded, got: ${JSON.stringify(errors)}`);
  errors.length = 0;
}

export async function the_hosted_app_requests_only_its_own_origin({ page, context, base, root }) {
  const requests = [];
  context.on('request', r => requests.push(r.url()));
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await pasteText(page, await fixture(root, 'lpt_it_spend_dma_himss_2025.txt'));
  await page.waitForFunction(() => document.querySelector('#organisation').textContent.includes('Leicestershire'));
  await page.waitForTimeout(1500); // let the service worker install and precache
  const origin = new URL(base).origin;
  const foreign = requests.filter(u => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assertEqual(foreign, [], 'requests beyond the page origin');
  // And it did load what it needs from there (the test sees requests at all).
  for (const want of ['.wasm', 'echarts.min-', 'sw.js', 'manifest.webmanifest']) {
    if (!requests.some(u => u.includes(want))) throw new Error(`no request for ${want}: ${requests.join(', ')}`);
  }
  // Nothing the user pasted appears in any address.
  if (requests.some(u => decodeURIComponent(u).includes('Leicestershire'))) throw new Error('pasted text in a request');
}

export async function the_single_file_requests_nothing_at_all({ page, context, root }) {
  const requests = [];
  context.on('request', r => requests.push(r.url()));
  const url = 'file://' + join(root, 'dist/foi-lens.html');
  await page.goto(url);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await pasteText(page, await fixture(root, 'lpt_it_spend_dma_himss_2025.txt'));
  await page.waitForFunction(() => document.querySelector('#organisation').textContent.includes('Leicestershire'));
  const option = await chartOption(page, 'spend-chart');
  assertEqual(option.xAxis[0].data, ['2023/24', '2024/25'], 'spend chart years');
  await page.waitForTimeout(500);
  // data: URLs are the page's own inlined bytes (the icon), not requests to anyone.
  assertEqual(requests.filter(u => u !== url && !u.startsWith('data:')), [], 'requests made by the single file');
}
