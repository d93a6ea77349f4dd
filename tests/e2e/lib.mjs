// Helpers shared by the browser tests (not a test file itself).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A fixture's text. */
export const fixture = (root, name) => readFile(join(root, 'tests/fixtures', name), 'utf8');

/** A fixture's hand-checked expected values (`*.expected.json`). */
export const expected = async (root, name) =>
  JSON.parse(await readFile(join(root, 'tests/fixtures', name.replace(/\.txt$/, '.expected.json')), 'utf8'));

/** The options ECharts is actually showing in the container `id`. */
export const chartOption = (page, id) =>
  page.evaluate(id => {
    const el = document.getElementById(id);
    const chart = el && echarts.getInstanceByDom(el);
    return chart ? chart.getOption() : null;
  }, id);

/** Replace the paste area's text the way a paste does (one `insertFromPaste` input event).
 *  (Playwright's keyboard.insertText is very slow for long multi-line texts in a textarea.) */
export async function pasteText(page, text) {
  await page.focus('#response-text');
  await page.evaluate(text => {
    const area = document.getElementById('response-text');
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
}

/** The shown text of the value at a contract path (e.g. "it_spend[0].total_gbp"). */
export const valueText = (page, path) =>
  page.evaluate(path => {
    const cell = document.querySelector(`[data-path="${path}"]`);
    const text = cell && cell.querySelector('.value-text');
    return text ? text.textContent : null;
  }, path);

/** Wait until `#id`'s text includes `part`. */
export const waitForText = (page, selector, part, timeout = 5000) =>
  page.waitForFunction(([s, p]) => {
    const el = document.querySelector(s);
    return el && el.textContent.includes(p);
  }, [selector, part], { timeout });

/** Drop files on the page the way a drag from the desktop does. `files`: [{name, bytes, type}]. */
export async function dropFiles(page, files, target = 'main') {
  const payload = files.map(f => ({ name: f.name, type: f.type || 'application/octet-stream', data: Array.from(f.bytes) }));
  await page.evaluate(([payload, target]) => {
    const dt = new DataTransfer();
    for (const f of payload) dt.items.add(new File([new Uint8Array(f.data)], f.name, { type: f.type }));
    const el = document.querySelector(target);
    for (const type of ['dragenter', 'dragover', 'drop']) {
      el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, [payload, target]);
}

/** Pounds to the £m the spend chart plots (two decimals). */
export const millions = p => (p == null ? null : Math.round(p / 1e4) / 100);

/** "2025-09-26" as the card shows it: "26 September 2025". */
export function longDate(iso) {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
    'October', 'November', 'December'];
  return `${d} ${months[m - 1]} ${y}`;
}

/** "£16,467,000". */
export const pounds = p => (p == null ? null : '£' + p.toLocaleString('en-GB'));

export function assertEqual(got, want, what) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) throw new Error(`${what}: expected ${w}, got ${g}`);
}

export function assert(cond, what) {
  if (!cond) throw new Error(what);
}

/** Block every request but file:, data: and blob: ones (the single file from disk, offline);
 *  returns the list the blocked addresses are collected in. */
export async function blockNetwork(context) {
  const requests = [];
  await context.route('**/*', route => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  return requests;
}
