// The workspace: a batch of replies becomes one table, its CSV is byte for byte the CLI's, it
// survives a reload, round-trips through the JSON export, exports charts, clears with one
// confirmed action, and 500 replies do not freeze the page.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { assertEqual } from './lib.mjs';

const FIXTURES = ['dudley_it_spend_dma_himss_2025.txt', 'lpt_it_spend_dma_himss_2025.txt',
  'llr_digital_strategy_2018_21.txt', 'llr_digital_strategy_2022_25.txt'];

const rowCount = page => page.$$eval('#batch-table tbody tr[data-entry]', r => r.length);
const tableText = page => page.$$eval('#batch-table tbody tr[data-entry]', rows =>
  rows.map(r => [...r.querySelectorAll('td')].map(td => td.innerText.trim()).join(' | ')));

/** Click `selector` and return the downloaded file's name and bytes. */
async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
}

/** What `foi-lens parse FILES --csv` prints (the release CLI that ./x test builds). */
function cliCsv(root, files) {
  const cli = join(root, 'target/release/foi-lens');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build it with \`cargo build --release --bin foi-lens\``);
  try {
    return execFileSync(cli, ['parse', ...files, '--csv']);
  } catch (e) {
    if (e.status === 1) return e.stdout; // some files could not be read: still the full CSV
    throw e;
  }
}

export async function a_batch_becomes_a_table_its_csv_is_the_clis_and_it_survives_a_reload({ page, base, root, shots }) {
  await page.goto(base);
  await page.waitForSelector('#workspace');
  const files = FIXTURES.map(f => join(root, 'tests/fixtures', f));
  // A real unreadable file among them: 0 bytes.
  const empty = join(root, 'target', 'empty-reply.txt');
  await (await import('node:fs/promises')).writeFile(empty, '');
  await page.setInputFiles('#batch-files', [...files, empty]);
  await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === 5, null, { timeout: 30000 });
  const rows = await tableText(page);
  if (!rows[0].includes('The Dudley Group NHS Foundation Trust (RNA)')) throw new Error(`row 1: ${rows[0]}`);
  if (!rows[1].includes('Leicestershire Partnership NHS Trust (RT5)')) throw new Error(`row 2: ${rows[1]}`);
  if (!rows[4].includes('Could not be read: the file is empty (0 bytes)')) throw new Error(`row 5: ${rows[4]}`);

  const want = cliCsv(root, [...files, empty]);
  const csv = await download(page, '#batch-export-csv');
  if (!/^foi-lens-replies-\d{4}-\d\d-\d\d\.csv$/.test(csv.name)) throw new Error(`file name ${csv.name}`);
  if (!csv.bytes.equals(want)) throw new Error(`the app's CSV differs from the CLI's:\n--- app\n${csv.bytes}\n--- cli\n${want}`);
  await page.screenshot({ path: join(shots, 'batch-table.png'), fullPage: true });

  // Reload (and a fresh page, as after a browser restart): the workspace is still there.
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === 5, null, { timeout: 20000 });
  assertEqual(await tableText(page), rows, 'table after reload');
  const again = await download(page, '#batch-export-csv');
  if (!again.bytes.equals(want)) throw new Error('the CSV changed across the reload');
  const second = await page.context().newPage();
  await second.goto(base);
  await second.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === 5, null, { timeout: 20000 });
  await second.close();
}

export async function the_json_export_imports_back_to_the_same_workspace({ page, base, root }) {
  await page.goto(base);
  await page.waitForSelector('#workspace');
  await page.setInputFiles('#batch-files', FIXTURES.map(f => join(root, 'tests/fixtures', f)));
  await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === 4, null, { timeout: 30000 });
  const before = await tableText(page);
  const csv = await download(page, '#batch-export-csv');
  const json = await download(page, '#batch-export-json');
  const exported = JSON.parse(json.bytes.toString('utf8'));
  assertEqual(exported.map(o => [o.schema, o.file, typeof o.source]), FIXTURES.map(f => ['foi-lens/1', f, 'string']), 'one contract object per reply, with its text');

  // Clear: one confirmed action.
  await page.click('#batch-clear');
  await page.waitForSelector('#batch-clear-confirm');
  assertEqual(await rowCount(page), 4, 'nothing removed before confirming');
  await page.click('#batch-clear-confirm');
  await page.waitForSelector('#batch-empty');
  await page.reload();
  await page.waitForSelector('#batch-empty');

  await page.setInputFiles('#batch-import-file', { name: json.name, mimeType: 'application/json', buffer: json.bytes });
  await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === 4, null, { timeout: 20000 });
  assertEqual(await tableText(page), before, 'table after import');
  const csvAfter = await download(page, '#batch-export-csv');
  if (!csvAfter.bytes.equals(csv.bytes)) throw new Error('the CSV differs after export and import');
  const jsonAfter = await download(page, '#batch-export-json');
  if (!jsonAfter.bytes.equals(json.bytes)) throw new Error('the JSON export differs after import');
}

export async function each_chart_downloads_as_png_and_svg({ page, base, root }) {
  await page.goto(base);
  await page.waitForSelector('#workspace');
  await page.setInputFiles('#batch-files', FIXTURES.slice(0, 2).map(f => join(root, 'tests/fixtures', f)));
  await page.waitForSelector('#batch-coverage-chart canvas', { timeout: 30000 });
  for (const id of ['batch-spend-chart', 'batch-dma-chart', 'batch-scatter-chart', 'batch-coverage-chart']) {
    const png = await download(page, `#${id}-png`);
    assertEqual([png.name, [...png.bytes.subarray(0, 4)]], [`foi-lens-${id}.png`, [0x89, 0x50, 0x4e, 0x47]], `${id} PNG`);
    const svg = await download(page, `#${id}-svg`);
    const text = svg.bytes.toString('utf8');
    if (svg.name !== `foi-lens-${id}.svg` || !text.startsWith('<svg') || !text.includes('</svg>')) throw new Error(`${id} SVG: ${svg.name} ${text.slice(0, 80)}`);
  }
  // The coverage chart shows what ECharts was given.
  const option = await page.evaluate(() => echarts.getInstanceByDom(document.getElementById('batch-coverage-chart')).getOption());
  assertEqual(option.yAxis[0].data, ['IT spend', 'DMA scores', 'HIMSS stages'], 'coverage questions');
}

export async function five_hundred_replies_are_read_without_freezing_the_page({ page, base, root }) {
  await page.goto(base);
  await page.waitForSelector('#workspace');
  const dudley = await readFile(join(root, 'tests/fixtures/dudley_it_spend_dma_himss_2025.txt'), 'utf8');
  const lpt = await readFile(join(root, 'tests/fixtures/lpt_it_spend_dma_himss_2025.txt'), 'utf8');
  // 500 replies made in the page: the two real ones with other figures.
  await page.evaluate(([a, b]) => {
    const files = [];
    for (let i = 0; i < 500; i++) {
      const text = (i % 2 ? b : a).replace(/£(\d{1,3}),(\d{3}),(\d{3})/g, (_, x, y, z) => `£${(+x + i) % 90 + 1},${y},${z}`);
      files.push(new File([text], `reply-${String(i).padStart(3, '0')}.txt`, { type: 'text/plain' }));
    }
    window.__many = files;
  }, [dudley, lpt]);
  const t0 = Date.now();
  await page.evaluate(() => {
    window.__frames = [];
    const tick = t => { window.__frames.push(t); window.__raf = requestAnimationFrame(tick); };
    window.__raf = requestAnimationFrame(tick);
    const dt = new DataTransfer();
    for (const f of window.__many) dt.items.add(f);
    const input = document.querySelector('#batch-files');
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForFunction(() => (document.querySelector('#batch-count') || {}).textContent === ' 500 of 500 replies', null, { timeout: 180000 });
  const ms = Date.now() - t0;
  const frames = await page.evaluate(() => { cancelAnimationFrame(window.__raf); return window.__frames; });
  let worst = 0;
  for (let i = 1; i < frames.length; i++) worst = Math.max(worst, frames[i] - frames[i - 1]);
  console.log(`     500 replies read in ${ms} ms (${(ms / 500).toFixed(1)} ms each); ${frames.length} frames, longest gap ${worst.toFixed(0)} ms`);
  if (worst > 400) throw new Error(`the page froze for ${worst.toFixed(0)} ms while 500 replies were read`);
  if (frames.length < ms / 66) throw new Error(`only ${frames.length} frames in ${ms} ms (under 15 a second)`);
  assertEqual(await rowCount(page), 50, 'one page of 50 rows is drawn');
  assertEqual(await page.textContent('#batch-page'), ' Page 1 of 10 ', 'pages');
  await page.click('#batch-next');
  await page.waitForFunction(() => document.querySelector('#batch-page').textContent === ' Page 2 of 10 ');
  const first = await page.$eval('#batch-table tbody tr[data-entry] td', td => td.innerText.trim());
  assertEqual(first, '51', 'page 2 starts at the 51st reply');
  // Sorting and filtering work on all 500.
  await page.fill('#batch-filter', 'reply-49');
  await page.waitForFunction(() => document.querySelector('#batch-count').textContent === ' 10 of 500 replies');
  assertEqual(await rowCount(page), 10, 'reply-490 to reply-499');
}
