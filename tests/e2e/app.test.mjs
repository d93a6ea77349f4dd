// The app as a first visitor and a journalist pasting a reply see it.
import { join } from 'node:path';
import { assertEqual, chartOption, fixture, pasteText } from './lib.mjs';

export async function first_visit_shows_the_example_reply_parsed_and_charted({ page, base, shots }) {
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  assertEqual(await page.textContent('#organisation'), 'The Dudley Group NHS Foundation Trust', 'organisation');
  const option = await chartOption(page, 'spend-chart');
  assertEqual(option.xAxis[0].data, ['2023/24', '2024/25'], 'spend chart years');
  const staff = option.series.find(s => s.name === 'IT staff');
  assertEqual(staff && staff.data, [6.17, 6.31], 'IT staff series (£m)');
  await page.waitForTimeout(1200); // let the bars finish animating for the screenshot
  await page.screenshot({ path: join(shots, 'first-visit.png'), fullPage: true });
}

export async function pasting_a_reply_replaces_the_figures_and_the_chart({ page, base, root }) {
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await pasteText(page, await fixture(root, 'lpt_it_spend_dma_himss_2025.txt'));
  await page.waitForFunction(() => document.querySelector('#organisation').textContent.includes('Leicestershire'));
  assertEqual(await page.textContent('#organisation'), 'Leicestershire Partnership NHS Trust', 'organisation');
  assertEqual(await page.textContent('#dma-status'), 'exempt', 'DMA status');
  const option = await chartOption(page, 'spend-chart');
  assertEqual(option.xAxis[0].data, ['2023/24', '2024/25'], 'spend chart years');
  const total = option.series.find(s => s.name === 'Not broken down');
  assertEqual(total && total.data, [13.11, 11.42], 'spend totals (£m)');
}
