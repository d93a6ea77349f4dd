// The single-file build works saved to disk and opened from file://, with the network blocked.
import { join } from 'node:path';
import { blockNetwork, fixture, pasteText } from './lib.mjs';

export async function single_file_page_parses_and_charts_from_file_url_offline({ page, context, root, shots }) {
  const requests = await blockNetwork(context);
  page.on('request', r => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  await page.goto('file://' + join(root, 'dist/foi-lens.html'));
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await pasteText(page, await fixture(root, 'lpt_it_spend_dma_himss_2025.txt'));
  await page.waitForFunction(() => document.querySelector('#organisation').textContent.includes('Leicestershire'));
  const data = await page.evaluate(() =>
    echarts.getInstanceByDom(document.getElementById('spend-chart')).getOption().series.map(s => [s.name, s.data]));
  const want = JSON.stringify([['Not broken down', [13.11, 11.42]]]);
  if (JSON.stringify(data) !== want) throw new Error(`chart from file://: expected ${want}, got ${JSON.stringify(data)}`);
  if (requests.length) throw new Error(`the single file made network requests: ${requests.join(', ')}`);
  await page.screenshot({ path: join(shots, 'offline-single-file.png') });
}
