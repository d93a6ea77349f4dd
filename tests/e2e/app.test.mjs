// The app as a journalist uses it: paste each real fixture and check every figure the card
// shows, and what the charts are given, against the hand-checked tests/fixtures/*.expected.json.
import { join } from 'node:path';
import {
  assert, assertEqual, chartOption, expected, fixture, longDate, millions, pasteText, pounds, valueText,
  waitForText,
} from './lib.mjs';

const PILLARS = ['well_led', 'ensure_smart_foundations', 'safe_practice', 'support_people', 'empower_citizens',
  'improve_care', 'healthy_populations'];
const CATEGORIES = ['staff', 'software', 'services', 'hardware', 'communications', 'other'];
const CATEGORY_LABELS = ['IT staff', 'Software', 'Services', 'Hardware', 'Communications', 'Other'];

// The card's plain-English status line for the expected contract values (the test's oracle).
function dmaStatusText(status, exemptions) {
  if (status === 'disclosed') return 'Disclosed in the response';
  if (status === 'exempt' && exemptions.length === 1 && exemptions[0] === 's22')
    return 'Withheld under section 22: intended for future publication';
  if (status === 'not_answered') return 'Not answered in this response';
  return null; // other statuses: checked by the unit tests of report::wording
}

const HIMSS = { not_assessed: 'Not assessed: no HIMSS assessment has been done', disclosed: 'Disclosed in the response' };

async function checkReply(page, root, name) {
  const want = await expected(root, name);
  await pasteText(page, await fixture(root, name));
  await waitForText(page, '#organisation', want.organisation);
  assertEqual(await valueText(page, 'organisation'), want.organisation, `${name}: organisation`);
  assertEqual(await valueText(page, 'reference'), want.reference ?? 'not given', `${name}: reference`);
  assertEqual(await valueText(page, 'date'), longDate(want.date) ?? 'not given', `${name}: date`);
  const status = dmaStatusText(want.dma_status, want.exemptions);
  if (status) assertEqual(await valueText(page, 'dma_status'), status, `${name}: DMA status`);
  if (HIMSS[want.himss_status]) assertEqual(await valueText(page, 'himss_status'), HIMSS[want.himss_status], `${name}: HIMSS status`);
  for (const [i, e] of want.exemptions.entries()) {
    const text = await valueText(page, `exemptions[${i}]`);
    assert(text && text.startsWith(`Section ${e.slice(1)}`), `${name}: exemption ${i}: ${text}`);
  }

  // IT spend: every cell of the table, then the chart's series.
  for (const [i, y] of want.it_spend.entries()) {
    assertEqual(await valueText(page, `it_spend[${i}].total_gbp`), pounds(y.total_gbp) ?? 'not given', `${name}: ${y.year} total`);
    for (const c of CATEGORIES) {
      assertEqual(await valueText(page, `it_spend[${i}].breakdown.${c}`), pounds(y.breakdown[c]) ?? 'not given',
        `${name}: ${y.year} ${c}`);
    }
  }
  const spend = await chartOption(page, 'spend-chart');
  assertEqual(spend.xAxis[0].data, want.it_spend.map(y => y.year), `${name}: spend chart years`);
  for (const [k, c] of CATEGORIES.entries()) {
    const values = want.it_spend.map(y => millions(y.breakdown[c]));
    const series = spend.series.find(s => s.name === CATEGORY_LABELS[k]);
    if (values.every(v => v == null)) assert(!series, `${name}: no ${c} series expected`);
    else assertEqual(series.data, values, `${name}: ${c} series (£m)`);
  }
  const rest = want.it_spend.map(y => {
    const explained = CATEGORIES.reduce((a, c) => a + (y.breakdown[c] ?? 0), 0);
    return y.total_gbp == null || y.total_gbp - explained <= 0 ? null : millions(y.total_gbp - explained);
  });
  assertEqual(spend.series.find(s => s.name === 'Not broken down').data, rest, `${name}: not broken down (£m)`);
  assertEqual(spend.series.map(s => s.stack), spend.series.map(() => 'spend'), `${name}: stacked`);
  assertEqual(spend.aria[0].enabled, true, `${name}: spend chart aria`);

  // DMA: the scores and the radar's data.
  if (want.dma) {
    assertEqual(await valueText(page, 'dma.overall'), want.dma.overall.toFixed(1), `${name}: DMA overall`);
    for (const p of PILLARS) {
      assertEqual(await valueText(page, `dma.pillars.${p}`), want.dma.pillars[p].toFixed(1), `${name}: ${p}`);
    }
    const radar = await chartOption(page, 'radar-chart');
    assertEqual(radar.radar[0].indicator.map(i => [i.min, i.max]), PILLARS.map(() => [1, 5]), `${name}: radar scale`);
    assertEqual(radar.series[0].data[0].value, PILLARS.map(p => want.dma.pillars[p]), `${name}: radar of the response's pillars`);
  } else {
    assert(await page.$('#dma-none'), `${name}: says no DMA scores were given`);
    assert(!(await page.$('#dma-table')), `${name}: no DMA table for a response without scores`);
  }
  return want;
}

export async function first_visit_shows_the_example_reply_parsed_and_charted({ page, base, root, shots }) {
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  const want = await expected(root, 'dudley_it_spend_dma_himss_2025.txt');
  assertEqual(await valueText(page, 'organisation'), want.organisation, 'organisation');
  const option = await chartOption(page, 'spend-chart');
  assertEqual(option.xAxis[0].data, ['2023/24', '2024/25'], 'spend chart years');
  assertEqual(option.series.find(s => s.name === 'IT staff').data, [6.17, 6.31], 'IT staff series (£m)');
  await page.waitForTimeout(1200); // let the bars finish animating for the screenshot
  await page.screenshot({ path: join(shots, 'first-visit.png'), fullPage: true });
}

export async function pasting_dudley_shows_every_figure_of_the_reply({ page, base, root }) {
  await page.goto(base);
  await page.waitForSelector('#response-text');
  await checkReply(page, root, 'lpt_it_spend_dma_himss_2025.txt'); // something else first
  await checkReply(page, root, 'dudley_it_spend_dma_himss_2025.txt');
  const summary = await page.textContent('#summary-text');
  assert(summary.startsWith('The Dudley Group spent £18.4m on IT in 2024/25, up 11% on 2023/24'), `summary: ${summary}`);
  assert(summary.includes('3.1 out of 5'), `summary has the DMA score: ${summary}`);
  assert(summary.includes('self-assessed'), `summary has the caveat: ${summary}`);
}

export async function pasting_lpt_shows_the_withheld_dma_in_plain_english({ page, base, root }) {
  await page.goto(base);
  await page.waitForSelector('#response-text');
  await checkReply(page, root, 'lpt_it_spend_dma_himss_2025.txt');
  const spend = await chartOption(page, 'spend-chart');
  assertEqual(spend.series.map(s => [s.name, s.data]), [['Not broken down', [13.11, 11.42]]],
    'only the totals are plotted (series from the previous reply are gone)');
  const summary = await page.textContent('#summary-text');
  assert(summary.includes('withheld under section 22 of the FOI Act (intended for future publication)'), `summary: ${summary}`);
}

export async function pasting_a_strategy_shows_its_money_tables_and_charts({ page, base, root }) {
  await page.goto(base);
  await page.waitForSelector('#response-text');
  for (const name of ['llr_digital_strategy_2018_21.txt', 'llr_digital_strategy_2022_25.txt']) {
    const want = await expected(root, name);
    await pasteText(page, await fixture(root, name));
    await page.waitForSelector('#tables-heading', { timeout: 10000 });
    for (const table of want.must_include_tables) {
      const found = await page.evaluate(caption => {
        const arts = [...document.querySelectorAll('article.money-table')];
        const i = arts.findIndex(a => a.querySelector('h3').textContent.includes(caption));
        if (i < 0) return null;
        const rows = [...arts[i].querySelectorAll('tbody tr')].map(tr => ({
          label: tr.querySelector('th').textContent,
          cells: [...tr.querySelectorAll('td')].map(td => td.querySelector('.value-text')?.textContent ?? null),
        }));
        return { id: arts[i].id, rows };
      }, table.caption.slice(0, 40));
      assert(found, `${name}: a money table captioned "${table.caption}"`);
      for (const row of table.rows) {
        const shown = found.rows.find(r => r.label === row.label);
        assert(shown, `${name}: row "${row.label}" in "${table.caption}"`);
        const wantCells = row.values.map(v => (v == null ? '–' : v.toLocaleString('en-GB', { maximumFractionDigits: 3 })));
        assertEqual(shown.cells.slice(0, wantCells.length), wantCells, `${name}: cells of "${row.label}"`);
      }
      const t = found.id.replace('table-', '');
      const option = await chartOption(page, `table-chart-${t}`);
      assertEqual(option.xAxis[0].data, table.years, `${name}: chart years of "${table.caption}"`);
      for (const row of table.rows.filter(r => !r.is_total && r.values.some(v => v != null))) {
        const s = option.series.find(s => s.name === row.label);
        assert(s, `${name}: chart series "${row.label}"`);
        assertEqual(s.data, row.values, `${name}: chart data of "${row.label}"`);
      }
      for (const row of table.rows.filter(r => r.is_total)) {
        assert(!option.series.some(s => s.name === row.label), `${name}: total row "${row.label}" is not stacked`);
      }
    }
  }
}
