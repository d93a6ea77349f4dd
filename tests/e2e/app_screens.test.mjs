// Screenshots of the main states, into target/screenshots/ (look at them; the chosen ones are
// committed in tests/screenshots/): one response, withheld DMA, dark mode, 320 px wide, a 27"
// screen, a strategy with money tables. Each also checks what makes that state right.
import { join } from 'node:path';
import { assert, assertEqual, chartOption, fixture, pasteText, waitForText } from './lib.mjs';

const settle = page => page.waitForTimeout(1300); // chart animations end

export async function screenshot_one_response_with_evidence_highlighted({ page, base, shots }) {
  await page.goto(base);
  await page.waitForSelector('#radar-chart canvas', { timeout: 20000 });
  await page.hover('[data-path="it_spend[1].breakdown.staff"] button');
  await waitForText(page, '#evidence-mark', '£6,306,000');
  await settle(page);
  await page.screenshot({ path: join(shots, 'one-response.png'), fullPage: true });
}

export async function screenshot_withheld_dma({ page, base, root, shots }) {
  await page.goto(base);
  await page.waitForSelector('#response-text');
  await pasteText(page, await fixture(root, 'lpt_it_spend_dma_himss_2025.txt'));
  await waitForText(page, '#dma-status', 'Withheld under section 22');
  await settle(page);
  await page.screenshot({ path: join(shots, 'withheld-dma.png'), fullPage: true });
}

export async function screenshot_dark_mode_switches_live({ page, base, shots }) {
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  // The charts are re-created with ECharts' dark theme, and animation is off.
  await page.waitForFunction(() => {
    const c = echarts.getInstanceByDom(document.getElementById('spend-chart'));
    return c && c.getOption().animation === false;
  });
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assertEqual(bg, 'rgb(18, 22, 27)', 'page background is dark');
  const axisColour = await page.evaluate(() =>
    echarts.getInstanceByDom(document.getElementById('spend-chart')).getModel().getComponent('xAxis').get('axisLabel.color'));
  assert(axisColour && axisColour !== '#6E7079', `charts use the dark theme (axis label colour ${axisColour})`);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'dark-mode.png'), fullPage: true });
}

export async function screenshot_320px_wide_has_no_sideways_scroll({ page, base, shots }) {
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await settle(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assertEqual(overflow, 0, 'no horizontal scrolling of the page at 320 px');
  const chartWidth = await page.evaluate(() => document.querySelector('#spend-chart canvas').getBoundingClientRect().width);
  assert(chartWidth <= 300 && chartWidth > 200, `the chart fits the screen (${chartWidth} px)`);
  await page.screenshot({ path: join(shots, 'narrow-320.png'), fullPage: true });
}

export async function screenshot_27_inch_screen_uses_the_width({ page, base, shots }) {
  await page.setViewportSize({ width: 2560, height: 1440 });
  await page.goto(base);
  await page.waitForSelector('#radar-chart canvas', { timeout: 20000 });
  await settle(page);
  const [source, results] = await page.evaluate(() =>
    ['.source-panel', '#results'].map(s => document.querySelector(s).getBoundingClientRect().left));
  assert(source < results, 'source text and results side by side');
  const chartWidth = await page.evaluate(() => document.querySelector('#spend-chart canvas').getBoundingClientRect().width);
  assert(chartWidth > 500, `charts grow with the screen (${chartWidth} px)`);
  await page.screenshot({ path: join(shots, 'wide-2560.png') });
}

export async function screenshot_strategy_with_money_tables({ page, base, root, shots }) {
  await page.goto(base);
  await page.waitForSelector('#response-text');
  await pasteText(page, await fixture(root, 'llr_digital_strategy_2018_21.txt'));
  await page.waitForSelector('#tables-heading', { timeout: 10000 });
  const option = await chartOption(page, 'table-chart-0');
  assert(option && option.series.length > 0, 'the first money table is charted');
  await settle(page);
  await page.locator('.money-tables').screenshot({ path: join(shots, 'strategy-tables.png') });
}
