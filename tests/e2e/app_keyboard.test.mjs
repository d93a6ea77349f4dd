// Everything by keyboard alone: tab to a figure (its evidence is highlighted in the source text),
// correct it (the card marks it, the chart and the summary follow), and undo the correction.
import { assert, assertEqual, chartOption, valueText, waitForText } from './lib.mjs';

/** Press Tab until `selector` has focus; returns how many presses it took. */
async function tabTo(page, selector, max = 120) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(s => document.activeElement && document.activeElement.matches(s), selector)) return i;
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`);
}

export async function keyboard_only_tab_to_a_value_see_its_evidence_correct_it_and_undo({ page, base }) {
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  const total = '[data-path="it_spend[1].total_gbp"] button.value';

  const presses = await tabTo(page, total);
  // Focus alone shows the evidence, quoted from the reply and marked in the source text.
  await waitForText(page, '#evidence-mark', '£18,351,000');
  assertEqual(await page.textContent('#evidence-mark'), '£18,351,000', 'evidence marked in the source');
  const caption = await page.textContent('#evidence-caption');
  assert(caption.startsWith('Evidence for IT spend 2024/25, total: “£18,351,000” (line '), `caption: ${caption}`);
  const visible = await page.evaluate(() => {
    const pane = document.querySelector('.source-text').getBoundingClientRect();
    const mark = document.getElementById('evidence-mark').getBoundingClientRect();
    return mark.top >= pane.top && mark.bottom <= pane.bottom;
  });
  assert(visible, 'the mark is scrolled into view inside the source pane');
  const outline = await page.evaluate(s => getComputedStyle(document.querySelector(s)).outlineStyle, total);
  assert(outline !== 'none', 'the focused value has a visible focus outline');

  // Enter opens the edit box with the value selected; type a correction; Enter keeps it.
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-path="it_spend[1].total_gbp"] input.value-editor:focus');
  await page.keyboard.type('£20,000,000');
  await page.keyboard.press('Enter');
  await waitForText(page, '[data-path="it_spend[1].total_gbp"] .value-text', '£20,000,000');
  assert(await page.evaluate(s => document.activeElement.matches(s), total), 'focus returns to the value after Enter');
  assert(await page.$('[data-path="it_spend[1].total_gbp"] .edited-badge'), 'the corrected value is marked edited');
  const option = await chartOption(page, 'spend-chart');
  assertEqual(option.series.find(s => s.name === 'Not broken down').data, [10.3, 13.69],
    'the chart uses the corrected total (20,000,000 − 6,306,000 staff)');
  const summary = await page.textContent('#summary-text');
  assert(summary.startsWith('The Dudley Group spent £20.0m on IT in 2024/25, up 21% on 2023/24'), `summary follows: ${summary}`);

  // A refused correction says why and keeps what was typed.
  await page.keyboard.press('Enter');
  await page.keyboard.type('lots');
  await page.keyboard.press('Enter');
  await waitForText(page, '.edit-error', 'is not an amount of money');
  assertEqual(await page.inputValue('[data-path="it_spend[1].total_gbp"] input.value-editor'), 'lots', 'typed text kept');
  await page.keyboard.press('Escape');
  await page.waitForSelector(`${total}:focus`);
  assertEqual(await valueText(page, 'it_spend[1].total_gbp'), '£20,000,000', 'Escape leaves the value as it was');

  // Undo, by keyboard too.
  await page.keyboard.press('Tab'); // the value → its "undo" button (the badge is not focusable)
  assert(await page.evaluate(() => document.activeElement.classList.contains('undo-edit')), 'Tab reaches the undo button');
  await page.keyboard.press('Enter');
  await waitForText(page, '[data-path="it_spend[1].total_gbp"] .value-text', '£18,351,000');
  assert(!(await page.$('[data-path="it_spend[1].total_gbp"] .edited-badge')), 'undo removes the edited mark');
  const back = await chartOption(page, 'spend-chart');
  assertEqual(back.series.find(s => s.name === 'Not broken down').data, [10.3, 12.05], 'the chart is back to the reply');
  console.log(`     (reached the 2024/25 total in ${presses} Tab presses)`);
}

export async function skip_link_and_dma_status_are_keyboard_reachable({ page, base }) {
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  await page.keyboard.press('Tab');
  assert(await page.evaluate(() => document.activeElement.classList.contains('skip-link')), 'first Tab: skip link');
  await page.keyboard.press('Enter');
  // Statuses are corrected with a select.
  await tabTo(page, '[data-path="dma_status"] button.value');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-path="dma_status"] select.value-editor:focus');
  await page.keyboard.press('ArrowDown'); // "Disclosed" → "Partly disclosed" (a closed select changes at once)
  await waitForText(page, '#dma-status', 'Partly disclosed');
  assert(await page.$('[data-path="dma_status"] .edited-badge'), 'status marked edited');
}
