// Helpers shared by the browser tests (not a test file itself).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A fixture's text. */
export const fixture = (root, name) => readFile(join(root, 'tests/fixtures', name), 'utf8');

/** The options ECharts is actually showing in the container `id`. */
export const chartOption = (page, id) =>
  page.evaluate(id => echarts.getInstanceByDom(document.getElementById(id)).getOption(), id);

/** Replace the paste area's text the way a paste does (one input event). */
export async function pasteText(page, text) {
  await page.click('#response-text');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

export function assertEqual(got, want, what) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) throw new Error(`${what}: expected ${w}, got ${g}`);
}
