// Files are read in a Web Worker: progress, results, a crash that stays one file's error, the
// page responsive during a 10 MB parse, the 50 MB limit, and the single file from file:// with
// the network blocked.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { assertEqual, blockNetwork } from './lib.mjs';

/** A file on disk as a payload for setInputFiles (so it can be mixed with made-up files). */
const payload = async path => ({ name: basename(path), mimeType: 'text/plain', buffer: await readFile(path) });

const fixtures = root => ['dudley_it_spend_dma_himss_2025.txt', 'lpt_it_spend_dma_himss_2025.txt',
  'llr_digital_strategy_2018_21.txt', 'llr_digital_strategy_2022_25.txt'].map(f => join(root, 'tests/fixtures', f));

/** The worker's self-test file: it makes the reader panic, as a bug in a reader would. */
const PANIC = { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('FOI-LENS SELF-TEST: PANIC IN A READER\n%PDF-1.7') };

/** Text of the workspace table's rows (not the files still waiting). */
const tableRows = page => page.$$eval('#batch-table tbody tr[data-entry]', rows =>
  rows.map(r => [...r.querySelectorAll('td')].map(td => td.innerText.trim())));

/** Record what the progress line says over time (it changes faster than a test can poll). */
const watchProgress = page => page.evaluate(() => {
  window.__progressSeen = [];
  new MutationObserver(() => {
    const p = document.querySelector('#batch-progress');
    if (p) window.__progressSeen.push([+p.value, +p.max, p.closest('.batch-progress').innerText.replace(/\s+/g, ' ')]);
  }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
});

export async function dropped_files_are_read_in_a_worker_with_progress({ page, base, root }) {
  const workers = [];
  page.on('worker', w => workers.push(w.url()));
  await page.goto(base);
  await page.waitForSelector('#workspace');
  await watchProgress(page);
  await page.setInputFiles('#batch-files', fixtures(root));
  await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === 4, null, { timeout: 30000 });
  if (workers.length !== 1 || !workers[0].startsWith('blob:')) throw new Error(`expected one blob: worker, got ${JSON.stringify(workers)}`);
  const seen = await page.evaluate(() => window.__progressSeen);
  if (!seen.some(([v, max]) => max === 4 && v < 4)) throw new Error(`no progress of 4 files seen: ${JSON.stringify(seen.slice(0, 5))}`);
  if (!seen.some(([, , text]) => /Read \d of 4: \S+\.txt \((starting|reading the file|finding the figures)\)/.test(text)))
    throw new Error(`progress never named a file and its stage: ${JSON.stringify(seen.map(s => s[2]).slice(0, 8))}`);
  const rows = await tableRows(page);
  assertEqual(rows.map(r => r[0]), ['1', '2', '3', '4'], 'entries in drop order');
  assertEqual(rows[0][2], 'The Dudley Group NHS Foundation Trust (RNA)', 'Dudley matched to the dataset');
  assertEqual(rows[1][2], 'Leicestershire Partnership NHS Trust (RT5)', 'LPT matched to the dataset');
}

export async function a_crash_in_a_reader_is_that_files_error_and_the_rest_still_read({ page, base, root }) {
  await page.goto(base);
  await page.waitForSelector('#workspace');
  const [dudley, lpt] = fixtures(root);
  await page.setInputFiles('#batch-files', [await payload(dudley), PANIC, await payload(lpt)]);
  await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === 3, null, { timeout: 30000 });
  const rows = await tableRows(page);
  if (!rows[1][2].startsWith('Could not be read: foi-lens stopped with an internal error while reading this file'))
    throw new Error(`the crashed file's row: ${JSON.stringify(rows[1])}`);
  if (!rows[1][2].includes('self-test: a reader panicked on broken.pdf')) throw new Error(`no panic message: ${rows[1][2]}`);
  assertEqual(rows[2][2], 'Leicestershire Partnership NHS Trust (RT5)', 'the file after the crash was read by a fresh worker');
}

export async function the_page_stays_responsive_while_a_10_mb_file_is_read({ page, base, root, shots }) {
  await page.goto(base);
  await page.waitForSelector('#workspace');
  // The 10 MB file is made in the page (47 copies of the 226 KB strategy) and handed to the
  // workspace's file input, so the measurement is of foi-lens, not of the test's upload.
  const strategy = await readFile(join(root, 'tests/fixtures/llr_digital_strategy_2022_25.txt'), 'utf8');
  await page.evaluate(text => {
    window.__big = new File([text.repeat(47).slice(0, 10 * 1024 * 1024)], 'big-strategy.txt', { type: 'text/plain' });
  }, strategy);
  await page.evaluate(() => new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const t0 = Date.now();
  await page.evaluate(() => {
    window.__frames = [];
    const tick = t => { window.__frames.push(t); window.__raf = requestAnimationFrame(tick); };
    window.__raf = requestAnimationFrame(tick);
    const dt = new DataTransfer();
    dt.items.add(window.__big);
    const input = document.querySelector('#batch-files');
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === 1, null, { timeout: 120000 });
  const ms = Date.now() - t0;
  const frames = await page.evaluate(() => { cancelAnimationFrame(window.__raf); return window.__frames; });
  let worst = 0;
  for (let i = 1; i < frames.length; i++) worst = Math.max(worst, frames[i] - frames[i - 1]);
  console.log(`     10 MB file read in ${ms} ms; ${frames.length} frames drawn meanwhile, longest gap ${worst.toFixed(0)} ms`);
  if (ms < 300) throw new Error(`the 10 MB file took only ${ms} ms: the test does not measure a long parse`);
  if (frames.length < ms / 100) throw new Error(`only ${frames.length} frames in ${ms} ms`);
  if (worst > 400) throw new Error(`the page froze for ${worst.toFixed(0)} ms while the file was read`);
  await page.screenshot({ path: join(shots, 'worker-10mb.png') });
}

export async function files_over_50_mb_are_refused_before_they_are_read({ page, base }) {
  await page.goto(base);
  await page.waitForSelector('#workspace');
  // Dropped like a real drag and drop: a DataTransfer with a 51 MB file made in the page.
  await page.evaluate(() => {
    const file = new File([new Uint8Array(51 * 1024 * 1024)], 'board-pack.pdf', { type: 'application/pdf' });
    const dt = new DataTransfer();
    dt.items.add(file);
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === 1);
  const rows = await tableRows(page);
  if (!rows[0][2].startsWith('Could not be read: the file is 51 MB, over the 50 MB limit'))
    throw new Error(`refusal: ${JSON.stringify(rows[0])}`);
}

export async function the_single_file_reads_files_in_a_worker_from_file_url_offline({ page, context, root }) {
  const requests = await blockNetwork(context);
  const workers = [];
  page.on('worker', w => workers.push(w.url()));
  await page.goto('file://' + join(root, 'dist/foi-lens.html'));
  await page.waitForSelector('#workspace');
  const [dudley, lpt] = fixtures(root);
  await page.setInputFiles('#batch-files', [await payload(dudley), await payload(lpt), PANIC]);
  await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === 3, null, { timeout: 30000 });
  const rows = await tableRows(page);
  assertEqual(rows[0][2], 'The Dudley Group NHS Foundation Trust (RNA)', 'Dudley from file://');
  if (!rows[2][2].startsWith('Could not be read: foi-lens stopped')) throw new Error(`crash from file://: ${rows[2][2]}`);
  if (!workers.length || !workers.every(u => u.startsWith('blob:'))) throw new Error(`workers: ${JSON.stringify(workers)}`);
  if (requests.length) throw new Error(`the single file made network requests: ${requests.join(', ')}`);
}
