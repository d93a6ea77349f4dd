// Screenshots of the main states, into target/screenshots/ (look at them; the chosen ones are
// committed in tests/screenshots/): one response, withheld DMA, dark mode, 320 px wide, a 27"
// screen, a strategy with money tables. Each also checks what makes that state right.
import { join } from 'node:path';
import { assert, assertEqual, chartOption, fixture, pasteText, waitForText } from './lib.mjs';

const settle = page => page.waitForTimeout(1300); // chart animations end

export async function screenshot_one_response_with_evidence_highlighted({ page, base, shots }) {
  await page.goto(base);
  await page.waitForSelector('#radar-chart canvas', { timeout: 20000 });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.evaluate(() => window.scrollTo(0, document.getElementById('results').offsetTop - 16));
  await page.hover('[data-path="it_spend[1].breakdown.staff"] button');
  await waitForText(page, '#evidence-mark', '£6,306,000');
  await settle(page);
  // The screen as a reader sees it (the source text sits beside the results, pinned).
  await page.screenshot({ path: join(shots, 'one-response.png') });
}

export async function chart_tooltips_work_under_the_content_security_policy({ page, base, shots }) {
  // ECharts' default HTML tooltips use inline styles, which the CSP refuses (a console error,
  // which fails this test): the charts must draw their tooltips on the canvas.
  await page.goto(base);
  await page.waitForSelector('#distribution-chart canvas', { timeout: 20000 });
  for (const [id, series, point] of [['spend-chart', 0, [0, 3]], ['radar-chart', null, null], ['distribution-chart', 2, [4.3, 0]]]) {
    await page.locator('#' + id).scrollIntoViewIfNeeded();
    const xy = await page.evaluate(([id, series, point]) => {
      const el = document.getElementById(id);
      const r = el.getBoundingClientRect();
      if (series == null) return [r.x + r.width / 2, r.y + r.height * 0.3];
      const p = echarts.getInstanceByDom(el).convertToPixel({ seriesIndex: series }, point);
      return [r.x + p[0], r.y + p[1]];
    }, [id, series, point]);
    await page.mouse.move(xy[0], xy[1]);
    await page.waitForTimeout(500);
  }
  const html = await page.evaluate(() => [...document.querySelectorAll('.chart div')].some(d => d.innerText.trim() !== ''));
  assert(!html, 'no HTML tooltip (it would carry inline styles)');
  // The pointer is on Dudley's Well Led diamond: the canvas tooltip shows in the picture.
  await page.locator('#distribution-chart-figure').screenshot({ path: join(shots, 'tooltip-distribution.png') });
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
  const theme = await page.evaluate(() => {
    const m = echarts.getInstanceByDom(document.getElementById('spend-chart')).getModel();
    return { dark: m.get('darkMode'), legend: m.getComponent('legend').get(['textStyle', 'color']) };
  });
  assertEqual(theme, { dark: true, legend: '#B9B8CE' }, 'charts are re-created with the dark theme');
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
  await page.locator('#table-0').screenshot({ path: join(shots, 'strategy-tables.png') });
}
