// The hosted build: a service worker makes it work offline after the first visit, a manifest
// makes it installable, and a new build replaces the old cache.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assertEqual, chartOption, fixture, pasteText } from './lib.mjs';
import { serveDir } from './second_origin.mjs';

/** What postbuild.py wrote into dist/sw.js: the build id and the precache list. */
async function builtWorker(root) {
  const sw = await readFile(join(root, 'dist/sw.js'), 'utf8');
  const build = sw.match(/const BUILD = '([0-9a-f]{16})';/);
  const assets = sw.match(/const ASSETS = (\[.*\]);/);
  if (!build || !assets) throw new Error('dist/sw.js was not filled in by postbuild.py');
  return { sw, build: build[1], assets: JSON.parse(assets[1]) };
}

/** Wait until a service worker controls the page (it claims open pages on activation). */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
}

async function appWorks(page, root) {
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await pasteText(page, await fixture(root, 'lpt_it_spend_dma_himss_2025.txt'));
  await page.waitForFunction(() => document.querySelector('#organisation').textContent.includes('Leicestershire'));
  const option = await chartOption(page, 'spend-chart');
  const total = option.series.find(s => s.name === 'Not broken down');
  assertEqual(total && total.data, [13.11, 11.42], 'spend totals (£m) after going offline');
}

export async function hosted_app_works_offline_after_the_first_visit({ page, context, base, root, shots, errors }) {
  const { build, assets } = await builtWorker(root);
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await controlled(page);
  const caches = await page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const c = await caches.open(name);
      out[name] = (await c.keys()).map(r => new URL(r.url).pathname.slice(1) || './').sort();
    }
    return out;
  });
  assertEqual(Object.keys(caches), [`foi-lens-${build}`], 'caches after the first visit');
  assertEqual(caches[`foi-lens-${build}`], [...assets].sort(), 'precached files');

  await context.setOffline(true);
  assertEqual(await page.evaluate(() => navigator.onLine), false, 'the browser knows it is offline');
  await page.reload();
  await appWorks(page, root);
  // A page with a query (an embed, a link with ?embed) also comes from the cache.
  await page.goto(base + 'index.html?from=offline');
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  // A PDF needs the file-reader module, which the parsing worker fetches: from the cache too.
  await page.setInputFiles('#batch-files', [{
    name: 'dudley.pdf', mimeType: 'application/pdf',
    buffer: await readFile(join(root, 'tests/fixtures/files/dudley.pdf')),
  }]);
  await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === 1, null, { timeout: 20000 });
  const pdfRow = await page.$eval('#batch-table tbody tr[data-entry]', r => r.querySelectorAll('td')[2].innerText.trim());
  assertEqual(pdfRow, 'The Dudley Group NHS Foundation Trust (RNA)', 'a PDF read offline');
  // Something not precached really fails: the network is off, not just unused.
  const uncached = await page.evaluate(() => fetch('never-cached.txt').then(() => 'fetched', () => 'failed'));
  assertEqual(uncached, 'failed', 'a file that is not cached, offline');
  await page.waitForTimeout(100);
  const expected = errors.findIndex(e => e.includes('ERR_FAILED') || e.includes('ERR_INTERNET_DISCONNECTED'));
  if (expected >= 0) errors.splice(expected, 1);
  await page.screenshot({ path: join(shots, 'offline-hosted.png') });
  await context.setOffline(false);
}

export async function hosted_app_is_installable({ page, context, base }) {
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assertEqual(manifest.errors, [], 'manifest errors');
  if (!manifest.url.endsWith('/manifest.webmanifest')) throw new Error(`manifest at ${manifest.url}`);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Playwright's contexts are incognito profiles, where Chromium never offers installation;
  // that one is about the browser, every other error would be about the app.
  assertEqual(installabilityErrors.filter(e => e.errorId !== 'in-incognito'), [], 'installability errors');
  // The icons the manifest names exist and are what they say.
  const icons = JSON.parse(manifest.data).icons;
  for (const icon of icons) {
    const res = await page.request.get(new URL(icon.src, manifest.url).href);
    assertEqual([res.status(), res.headers()['content-type']], [200, icon.type], icon.src);
    if (icon.type === 'image/png') {
      const png = await res.body();
      const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      assertEqual(`${w}x${h}`, icon.sizes, `${icon.src} pixel size`);
    }
  }
}

export async function the_single_file_registers_no_service_worker({ page, root }) {
  await page.goto('file://' + join(root, 'dist/foi-lens.html'));
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  const found = await page.evaluate(() => ({
    controlled: !!(navigator.serviceWorker && navigator.serviceWorker.controller),
    manifest: !!document.querySelector('link[rel=manifest]'),
    registerScript: [...document.scripts].some(s => s.textContent.includes("register('sw.js')")),
  }));
  assertEqual(found, { controlled: false, manifest: false, registerScript: false }, 'service-worker pieces in the single file');
}

export async function a_new_build_replaces_the_old_cache({ page, root, allowOrigin }) {
  const { sw, build } = await builtWorker(root);
  // dist/ on its own port, so sw.js can be replaced while the test runs (a new deployment).
  const server = await serveDir(join(root, 'dist'));
  const url = server.url;
  allowOrigin(url);
  try {
    await page.goto(url);
    await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
    await controlled(page);
    assertEqual(await page.evaluate(() => caches.keys()), [`foi-lens-${build}`], 'caches of the first version');
    // Deploy "the next version": same files, a different build id (as any changed file gives).
    const next = 'feedc0de' + build.slice(8);
    server.files.set('/sw.js', sw.replace(`const BUILD = '${build}';`, `const BUILD = '${next}';`));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then(r => r.update()));
    await page.waitForFunction(n => caches.keys().then(k => k.length === 1 && k[0] === n), `foi-lens-${next}`, { timeout: 20000, polling: 200 })
      .catch(async () => { throw new Error(`after the update, caches are ${JSON.stringify(await page.evaluate(() => caches.keys()))}`); });
    await page.reload();
    await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  } finally {
    server.close();
  }
}
