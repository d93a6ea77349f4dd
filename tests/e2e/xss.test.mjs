// Hostile markup in everything that reaches the DOM: a reply's table captions and row labels
// (which also become chart series names, shown in ECharts' HTML tooltips), its source text, a
// dropped file's name, and every string of an imported workspace (organisation, reference,
// warnings, file names, read errors). Each must appear verbatim as text: no element is made
// from it, no handler runs, no dialog opens, and (checked by the runner) no CSP violation fires.
import { readFile } from 'node:fs/promises';
import { assert, assertEqual, dropFiles, fixture, pasteText, valueText, waitForText } from './lib.mjs';

// One of each kind of injection. Each sets window.__xss if it ever runs (the CSP would block it,
// and so would report a violation; the flag proves it did not run some other way either).
const SCRIPT = '<script>window.__xss = "script"; alert("script")</script>';
const IMG = '<img src=x onerror="window.__xss = \'img\'; alert(\'img\')">';
const LINK = '<a href="javascript:window.__xss = \'link\'; alert(\'link\')">click here</a>';
const SVG = '<svg onload="window.__xss = \'svg\'; alert(\'svg\')"><circle r="40"/></svg>';
const IFRAME = '<iframe src="javascript:alert(\'frame\')"></iframe>';

// A real reply (Dudley) with a money table whose caption and row labels are markup, and a
// paragraph of markup beside its figures.
async function hostileReply(root) {
  const dudley = await fixture(root, 'dudley_it_spend_dma_himss_2025.txt');
  const table = [
    '',
    `Table 1: IT budget ${SVG} ${SCRIPT}`,
    'Line\t2021/22\t2022/23\t2023/24',
    `${IMG} licences\t£1,000\t£2,000\t£3,000`,
    `${LINK} hardware\t£4,000\t£5,000\t£6,000`,
    'Total\t£5,000\t£7,000\t£9,000',
    '',
    `Some information is exempt under section 43 ${IFRAME} ${LINK}`,
    '',
  ].join('\n');
  return dudley.replace('\nYours sincerely', `${table}\nYours sincerely`);
}

/** Elements or attributes the payloads would have made, if any markup had been parsed. */
const injected = page => page.evaluate(() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    const handlers = [...el.attributes].filter(a => /^on/i.test(a.name));
    if (handlers.length) found.push(`<${el.localName} ${handlers.map(a => a.name).join(' ')}>`);
    const href = el.getAttribute('href') || el.getAttribute('src') || '';
    if (/^\s*javascript:/i.test(href)) found.push(`<${el.localName}> with a javascript: URL`);
  }
  for (const el of document.querySelectorAll('img[src="x"], svg circle[r="40"], iframe, object, embed')) {
    found.push(el.outerHTML.slice(0, 80));
  }
  // The page's own scripts are Trunk's loader (inline module) and the script files; count them.
  const inline = [...document.scripts].filter(s => !s.src);
  if (inline.length !== 1) found.push(`${inline.length} inline scripts (Trunk's loader only expected)`);
  if (window.__xss) found.push(`a payload ran: ${window.__xss}`);
  return found;
});

async function assertNothingInjected(page, dialogs, what) {
  const found = await injected(page);
  if (found.length) throw new Error(`${what}: markup became elements: ${found.join('; ')}`);
  if (dialogs.length) throw new Error(`${what}: dialogs opened: ${dialogs.join('; ')}`);
}

function watchDialogs(page) {
  const dialogs = [];
  page.on('dialog', d => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  return dialogs;
}

/** Hover over every drawn chart (a grid of points) so ECharts shows its tooltips, and return
 *  the text of every tooltip seen. The app's tooltips are `renderMode: 'richText'` (drawn on the
 *  canvas, never HTML): read them from the chart's scene, and check the mode too, since an HTML
 *  tooltip would be the one place a series name is put into markup. */
async function hoverCharts(page, selector = '.chart') {
  const boxes = await page.$$eval(selector, els => els
    .filter(e => e.querySelector('canvas'))
    .map(e => ({ id: e.id, modes: echarts.getInstanceByDom(e).getOption().tooltip?.map(t => t.renderMode) ?? [] })));
  const texts = new Set();
  for (const b of boxes) {
    for (const mode of b.modes) if (mode !== 'richText') throw new Error(`#${b.id}: tooltip renderMode ${mode}, not richText`);
    await page.$eval(`#${b.id}`, e => e.scrollIntoView({ block: 'center' }));
    const r = await page.$eval(`#${b.id}`, e => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
    for (const fx of [0.2, 0.35, 0.5, 0.65, 0.8]) {
      for (const fy of [0.4, 0.6]) {
        await page.mouse.move(r.x + r.w * fx, r.y + r.h * fy);
        await page.waitForTimeout(60);
        const seen = await page.evaluate(id => {
          const chart = echarts.getInstanceByDom(document.getElementById(id));
          const out = [];
          chart.getZr().storage.getDisplayList(true).forEach(el => {
            if ((el.type === 'tspan' || el.type === 'text') && typeof el.style?.text === 'string' && el.style.text.length) out.push(el.style.text);
          });
          return out;
        }, b.id);
        seen.forEach(x => texts.add(x));
      }
    }
  }
  await page.mouse.move(0, 0);
  return [...texts];
}

export async function markup_in_a_pasted_reply_is_shown_as_text_in_tables_tooltips_and_source({ page, base, root, shots }) {
  const dialogs = watchDialogs(page);
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  const reply = await hostileReply(root);
  await pasteText(page, reply);
  await page.waitForFunction(() => [...document.querySelectorAll('article.money-table h3')]
    .some(h => h.textContent.includes('IT budget')), null, { timeout: 10000 });
  const table = await page.evaluate(() => {
    const art = [...document.querySelectorAll('article.money-table')].find(a => a.querySelector('h3').textContent.includes('IT budget'));
    return {
      id: art.id,
      caption: art.querySelector('h3').firstChild.textContent,
      labels: [...art.querySelectorAll('tbody th')].map(th => th.textContent),
    };
  });
  assertEqual(table.caption, `Table 1: IT budget ${SVG} ${SCRIPT}`, 'the caption, as text');
  assertEqual(table.labels.slice(0, 2), [`${IMG} licences`, `${LINK} hardware`], 'the row labels, as text');
  // The source pane shows the reply as it is.
  const source = await page.textContent('.source-text');
  for (const p of [SCRIPT, IMG, LINK, SVG, IFRAME]) assert(source.includes(p), `the source text shows ${p} as text`);
  await assertNothingInjected(page, dialogs, 'after the paste');

  // The rows are the table chart's series: its tooltips are HTML built by ECharts.
  const chart = `#table-chart-${table.id.replace('table-', '')}`;
  await page.waitForSelector(`${chart} canvas`, { timeout: 10000 });
  const tips = await hoverCharts(page, chart);
  assert(tips.some(t => t.includes(`${IMG} licences`)), `the chart shows the row label as text: ${JSON.stringify(tips).slice(0, 300)}`);
  await assertNothingInjected(page, dialogs, 'after hovering the table chart');
  await hoverCharts(page);
  await assertNothingInjected(page, dialogs, 'after hovering every chart');
  await page.screenshot({ path: `${shots}/xss-paste.png`, fullPage: true });
}

export async function a_file_named_like_markup_is_named_as_text({ page, base, root }) {
  const dialogs = watchDialogs(page);
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  const name = '<img src=x onerror=alert(1)>.txt';
  const bytes = Buffer.from(await fixture(root, 'lpt_it_spend_dma_himss_2025.txt'));
  await dropFiles(page, [{ name, bytes, type: 'text/plain' }]);
  // (A dropped file is read into the workspace and shown: "Showing NAME from the workspace.")
  await waitForText(page, '#notice-text', name, 20000);
  await waitForText(page, '#organisation', 'Leicestershire Partnership');
  assert((await page.textContent('.source-name')).includes(name), 'the source pane names the file as text');
  await assertNothingInjected(page, dialogs, 'after dropping the file');

  // The same file again, and one that cannot be read, added from the workspace's file picker.
  const svgName = '<svg onload=alert(2)>.pdf';
  await page.setInputFiles('#batch-files', [
    { name, mimeType: 'text/plain', buffer: bytes },
    { name: svgName, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 <script>alert(3)</script> not really') },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === 3, null, { timeout: 30000 });
  const names = await page.$$eval('#batch-table .file-name', d => d.map(x => x.textContent));
  assertEqual(names.sort(), [name, name, svgName].sort(), 'the workspace names the files as text');
  await assertNothingInjected(page, dialogs, 'after adding the files to the workspace');
}

export async function a_workspace_json_with_markup_in_every_field_imports_as_text({ page, base, root, shots }) {
  const dialogs = watchDialogs(page);
  await page.goto(base);
  await page.waitForSelector('#workspace');
  // A genuine export (the hostile reply, pasted and added), with markup put into its strings.
  await pasteText(page, await hostileReply(root));
  await page.waitForFunction(() => document.querySelectorAll('article.money-table').length > 0, null, { timeout: 10000 });
  await page.click('#batch-add-pasted');
  await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === 1, null, { timeout: 20000 });
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('#batch-export-json')]);
  const exported = JSON.parse(await readFile(await d.path(), 'utf8'));
  const entry = exported[0];
  entry.organisation = `${SCRIPT} NHS Trust`;
  entry.reference = IMG;
  entry.file = `${SVG}.txt`;
  entry.workspace.name = `${SVG}.txt`;
  delete entry.workspace.match; // so the row is labelled with the organisation, not a DMA match
  entry.warnings.push({ field: 'organisation', level: 'warning', message: `Check this: ${LINK} ${IFRAME}` });
  entry.tables[0].caption = `${IMG} caption`;
  const failed = {
    schema: 'foi-lens/1', file: `${IMG}.docx`, error: `${SCRIPT} could not be read`,
    workspace: { id: entry.workspace.id + 1, name: `${IMG}.docx` },
  };
  await page.click('#batch-clear');
  await page.click('#batch-clear-confirm');
  await page.waitForSelector('#batch-empty');
  await page.setInputFiles('#batch-import-file', {
    name: `${SVG}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([entry, failed])),
  });
  await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === 2, null, { timeout: 20000 });
  const rows = await page.$$eval('#batch-table tbody tr[data-entry]', rs => rs.map(r => r.textContent));
  assert(rows.some(r => r.includes(SCRIPT)), `the organisation is in the table as text: ${rows}`);
  assert(rows.some(r => r.includes(`Could not be read: ${SCRIPT} could not be read`)), `the read error is shown as text: ${rows}`);
  await assertNothingInjected(page, dialogs, 'after the import');

  // Open the imported reply: the card shows each string as text.
  await page.click('#batch-table tbody tr[data-entry] .open-entry');
  await waitForText(page, '#organisation', SCRIPT);
  assertEqual(await valueText(page, 'organisation'), `${SCRIPT} NHS Trust`, 'organisation on the card');
  assertEqual(await valueText(page, 'reference'), IMG, 'reference on the card');
  const warnings = await page.$$eval('.field-warning', ws => ws.map(w => w.textContent));
  assert(warnings.some(w => w.includes(`Check this: ${LINK} ${IFRAME}`)), `the warning is shown as text: ${JSON.stringify(warnings).slice(0, 300)}`);
  const captions = await page.$$eval('article.money-table h3', hs => hs.map(h => h.textContent));
  assert(captions.some(c => c.startsWith(`${IMG} caption`)), `the table caption is shown as text: ${captions}`);
  await assertNothingInjected(page, dialogs, 'after opening the imported reply');
  await hoverCharts(page);
  await assertNothingInjected(page, dialogs, 'after hovering every chart');
  await page.screenshot({ path: `${shots}/xss-import.png`, fullPage: true });
}
