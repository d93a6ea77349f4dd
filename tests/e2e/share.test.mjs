// Share links and embeds in a real browser: a copied link reopens the same view (figures,
// corrections, peer group, charts); a bad link says why and keeps the page; an embed on another
// site posts its height and its iframe is resized; <foi-lens values=…> draws a chart; dark=true
// is dark; when the clipboard is refused the text is left selected in a box; a view too long
// for a link offers the JSON export.
import { join } from 'node:path';
import { assert, assertEqual, chartOption, fixture, pasteText, valueText, waitForText } from './lib.mjs';
import { serveDir } from './second_origin.mjs';

const DUDLEY = 'dudley_it_spend_dma_himss_2025.txt';

/** Load Dudley's reply, correct its 2023/24 total and compare it with its NHS region. */
async function dudleyCorrected(page, base, root) {
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await pasteText(page, await fixture(root, DUDLEY));
  await waitForText(page, '#organisation', 'Dudley');
  await page.click('[data-path="it_spend[0].total_gbp"] button.value');
  await page.fill('[data-path="it_spend[0].total_gbp"] input.value-editor', '17000000');
  await page.keyboard.press('Enter');
  await waitForText(page, '[data-path="it_spend[0].total_gbp"] .value-text', '£17,000,000');
  await page.selectOption('#peer-select', 'region');
  await page.waitForFunction(() => document.querySelector('#radar-chart-title').textContent.includes('region'));
}

/** What a reader sees of the view: figures, choices and what the charts plot. */
async function snapshot(page) {
  const strip = o => o && o.series.map(s => ({ name: s.name, type: s.type, data: s.data }));
  return {
    organisation: await page.textContent('#organisation'),
    total: await valueText(page, 'it_spend[0].total_gbp'),
    edited: !!(await page.$('[data-path="it_spend[0].total_gbp"] .edited-badge')),
    overall: await valueText(page, 'dma.overall'),
    peers: await page.inputValue('#peer-select'),
    radarTitle: await page.textContent('#radar-chart-title'),
    spend: strip(await chartOption(page, 'spend-chart')),
    radar: strip(await chartOption(page, 'radar-chart')),
    summary: await page.textContent('#summary-text'),
  };
}

export async function a_copied_link_reopens_the_same_view({ page, context, base, root, shots }) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  await dudleyCorrected(page, base, root);
  const before = await snapshot(page);
  assertEqual(before.total, '£17,000,000', 'the corrected total');
  // From the keyboard: focus the button, Enter.
  await page.focus('#copy-link');
  await page.keyboard.press('Enter');
  await waitForText(page, '#share-status', 'Link copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assertEqual(copied, await page.inputValue('#share-url'), 'the clipboard holds the link shown');
  assert(copied.startsWith(base + '#s=1z.'), `link: ${copied.slice(0, 80)}`);
  assert(!decodeURIComponent(copied).includes('Dudley'), 'the reply is compressed, not readable, in the link');
  await page.screenshot({ path: join(shots, 'share-link.png') });

  const other = await context.newPage();
  await other.goto(copied);
  await other.waitForSelector('#radar-chart canvas', { timeout: 20000 });
  await waitForText(other, '#notice-text', 'Opened a shared view of The Dudley Group');
  assertEqual(await snapshot(other), before, 'the view the link opens');
  // The reply's text came too: evidence works.
  assertEqual(await other.inputValue('#response-text'), await fixture(root, DUDLEY), 'the reply text in the paste area');
  await other.close();
}

export async function a_bad_link_says_why_and_keeps_the_page({ page, base }) {
  await page.goto(base + '#s=1z.AbC$dEf');
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await waitForText(page, '#notice-text', "This link's view has a character foi-lens never writes ('$' at position 7)");
  assert(await page.textContent('#organisation'), 'the example is on screen');
  // A link pasted into the address bar of the open page (only the fragment changes).
  await page.evaluate(() => { location.hash = '#s=7z.abc'; });
  await waitForText(page, '#notice-text', 'made by a different version of foi-lens (link format 7');
  const example = await page.textContent('#organisation');
  const code = await page.evaluate(() => {
    // A figures-only view, as www/embed.js writes one (no compression needed).
    const view = { values: { schema: 'foi-lens/1', organisation: 'Example NHS Trust', it_spend: [{ year: '2023/24', total_gbp: 12500000 }] } };
    return '1j.' + btoa(JSON.stringify(view)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  });
  await page.evaluate(code => { location.hash = '#s=' + code; }, code);
  await waitForText(page, '#organisation', 'Example NHS Trust');
  assert(example !== 'Example NHS Trust', 'the view changed');
  await waitForText(page, '#evidence-caption', 'carries the figures but not the reply');
  assertEqual((await chartOption(page, 'spend-chart')).xAxis[0].data, ['2023/24'], 'years of the linked figures');
}

export async function when_the_clipboard_is_refused_the_link_is_selected_to_copy_by_hand({ page, context, base, root }) {
  await context.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
  });
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await pasteText(page, await fixture(root, DUDLEY));
  await waitForText(page, '#organisation', 'Dudley');
  await page.click('#copy-link');
  await waitForText(page, '#share-status', 'did not let foi-lens use the clipboard');
  const selected = await page.evaluate(() => {
    const el = document.activeElement;
    return { id: el.id, readOnly: el.readOnly, all: el.selectionStart === 0 && el.selectionEnd === el.value.length, value: el.value };
  });
  assertEqual([selected.id, selected.readOnly, selected.all], ['share-url', true, true], 'the link box is focused, read-only, all selected');
  await page.goto(selected.value);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await waitForText(page, '#notice-text', 'Opened a shared view');
  assertEqual(await valueText(page, 'it_spend[1].total_gbp'), '£18,351,000', 'a figure from the hand-copied link');
}

export async function a_view_too_long_for_a_link_offers_the_json_export({ page, base, root }) {
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await pasteText(page, await fixture(root, 'llr_digital_strategy_2018_21.txt'));
  await page.waitForSelector('#table-chart-0', { timeout: 20000 });
  await page.click('#copy-link');
  await waitForText(page, '#share-too-long', 'would be');
  const message = await page.textContent('#share-too-long');
  assert(/over foi-lens's 8 KB limit/.test(message) && message.includes('Export the JSON instead'), message);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#share-export-json')]);
  assert(download.suggestedFilename().endsWith('.json'), download.suggestedFilename());
  const json = JSON.parse(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8'));
  assertEqual(json.schema, 'foi-lens/1', 'the exported JSON');
  assert(json.tables.length > 0, 'the export has the money tables');
}

/** A publisher's page on another origin with `body` in it (and foi-lens's embed.js). */
async function publisher(root, base, body, allowOrigin) {
  const server = await serveDir(join(root, 'tests/e2e'));
  allowOrigin(server.url);
  server.files.set('/', `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A newsroom</title></head>
<body style="margin:0;font-family:sans-serif"><h1>Our story</h1><p>Some words.</p>${body}<p id="after">More words.</p>
<script>window.__heights = []; addEventListener('message', e => { if (e.data && e.data.type === 'foi-lens:resize') window.__heights.push(e.data); });</script>
<script src="${base}embed.js"></script></body></html>`);
  return server;
}

export async function copied_embed_code_places_the_chart_on_another_site_and_sizes_it({ page, context, base, root, shots, allowOrigin }) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  await dudleyCorrected(page, base, root);
  await page.click('#copy-embed');
  await waitForText(page, '#share-status', 'Embed code copied');
  await page.selectOption('#embed-chart', 'dma');
  await page.check('#embed-dark-false');
  const tag = await page.inputValue('#embed-tag');
  const iframe = await page.inputValue('#embed-iframe');
  assert(tag.startsWith('<foi-lens view="1z.') && tag.includes(' dark="false"'), tag);
  assert(iframe.includes('#embed=1z.') && iframe.includes('&amp;dark=false'), iframe);
  const radar = (await chartOption(page, 'radar-chart')).series.map(s => s.data);
  await page.screenshot({ path: join(shots, 'share-embed-panel.png') });

  const server = await publisher(root, base, tag, allowOrigin);
  try {
    const site = await context.newPage();
    await site.goto(server.url);
    const frame = await (await site.waitForSelector('foi-lens iframe')).contentFrame();
    await frame.waitForSelector('#radar-chart canvas', { timeout: 20000 });
    assertEqual((await chartOption(frame, 'radar-chart')).series.map(s => s.data), radar, 'the embedded radar plots what the page did');
    assert((await frame.textContent('#radar-chart-title')).includes('region'), 'the peer group travelled');
    assertEqual(await frame.$('#response-text'), null, 'no input in an embed');
    assertEqual(await frame.evaluate(() => document.documentElement.dataset.theme), 'light', 'dark=false is light');
    // The embed posted its height; the publisher's iframe took it.
    await site.waitForFunction(() => window.__heights.length > 0 && document.querySelector('foi-lens iframe').style.height !== '460px');
    const posted = await site.evaluate(() => window.__heights.at(-1));
    assertEqual([posted.version, posted.id], [1, 'foi-lens-1'], 'the resize message');
    const content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    assertEqual(posted.height, content, 'the posted height is the embed content height');
    const shown = await site.evaluate(() => document.querySelector('foi-lens iframe').getBoundingClientRect().height);
    assertEqual(Math.round(shown), posted.height, 'the iframe is as tall as its content');
    const notes = await frame.$$eval('.embed-source', ps => ps.map(p => p.textContent));
    assert(notes.some(n => n.startsWith("Source: The Dudley Group NHS Foundation Trust's reply") && n.includes('figures read from its text by foi-lens, some corrected by hand')),
      `the source note travels with the chart: ${JSON.stringify(notes)}`);
    assert(notes.some(n => n.includes('NHS England says the DMA is not a league table')), 'the rank caveat travels too');
    await site.screenshot({ path: join(shots, 'embed-on-another-site.png'), fullPage: true });
    await site.close();
  } finally {
    server.close();
  }
}

export async function foi_lens_values_draws_a_chart_and_dark_true_is_dark({ page, base, root, shots, allowOrigin }) {
  const values = JSON.stringify({ organisation: 'Example NHS Trust',
    it_spend: [{ year: '2023/24', total_gbp: 12500000, breakdown: { staff: 4000000 } }, { year: '2024/25', total_gbp: 14000000 }] });
  const server = await publisher(root, base,
    `<foi-lens chart="spend" dark="true" title="IT spend, Example NHS Trust" values='${values}'></foi-lens>`, allowOrigin);
  try {
    await page.goto(server.url);
    const el = await page.waitForSelector('foi-lens iframe');
    assertEqual(await el.getAttribute('title'), 'IT spend, Example NHS Trust', 'the iframe accessible name');
    const frame = await el.contentFrame();
    await frame.waitForSelector('#spend-chart canvas', { timeout: 20000 });
    const option = await chartOption(frame, 'spend-chart');
    assertEqual(option.xAxis[0].data, ['2023/24', '2024/25'], 'years');
    assertEqual(option.series.find(s => s.name === 'IT staff').data, [4, null], 'IT staff £m');
    assertEqual(await frame.textContent('#spend-chart-title'), 'IT spend by financial year (£m): Example NHS Trust', 'heading');
    assertEqual(await frame.textContent('.embed-source'),
      "Source: Example NHS Trust's reply to a Freedom of Information request; figures as given to foi-lens.", 'a publisher\'s figures are not claimed as read by foi-lens');
    const look = await frame.evaluate(() => ({
      theme: document.documentElement.dataset.theme,
      background: getComputedStyle(document.body).backgroundColor,
      dark: echarts.getInstanceByDom(document.getElementById('spend-chart')).getOption().darkMode,
    }));
    assertEqual(look, { theme: 'dark', background: 'rgb(18, 22, 27)', dark: true }, 'dark=true');
    await page.waitForFunction(() => window.__heights.length > 0);
    await page.screenshot({ path: join(shots, 'embed-values-dark.png'), fullPage: true });
  } finally {
    server.close();
  }
}
