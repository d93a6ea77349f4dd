// Getting a response in, and bad input: the Paste button, examples, files picked or dropped,
// and an empty paste, an unrelated document, a binary file and a file that is not a reply (10 MB files: worker.test.mjs). Each gets a clear
// message and the page never loses what it was showing. Also measures paste → results.
import { assert, assertEqual, chartOption, dropFiles, fixture, pasteText, valueText, waitForText } from './lib.mjs';

const DUDLEY = 'The Dudley Group NHS Foundation Trust';
const LPT = 'Leicestershire Partnership NHS Trust';

async function ready(page, base) {
  await page.goto(base);
  await page.waitForSelector('#spend-chart canvas', { timeout: 20000 });
  assertEqual(await valueText(page, 'organisation'), DUDLEY, 'the example reply is shown first');
}

async function stillDudley(page, what) {
  assertEqual(await valueText(page, 'organisation'), DUDLEY, `${what}: the figures on screen are kept`);
  const spend = await chartOption(page, 'spend-chart');
  assertEqual(spend.series.find(s => s.name === 'IT staff').data, [6.17, 6.31], `${what}: the chart is kept`);
}

export async function paste_to_results_takes_well_under_100_ms({ page, base, root }) {
  await ready(page, base);
  const text = await fixture(root, 'lpt_it_spend_dma_himss_2025.txt');
  const runs = [];
  for (let i = 0; i < 5; i++) {
    // Alternate replies so every run really changes the page.
    const [reply, org] = i % 2 === 0 ? [text, 'Leicestershire'] : [await fixture(root, 'dudley_it_spend_dma_himss_2025.txt'), 'Dudley'];
    runs.push(await page.evaluate(async ([reply, org]) => {
      const area = document.getElementById('response-text');
      const t0 = performance.now();
      const shown = new Promise(resolve => {
        const done = () => {
          const o = document.querySelector('#organisation');
          const chart = echarts.getInstanceByDom(document.getElementById('spend-chart'));
          return o && o.textContent.includes(org) && chart;
        };
        const obs = new MutationObserver(() => { if (done()) { obs.disconnect(); resolve(performance.now()); } });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      area.value = reply;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      const t1 = await shown;
      await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { dom: t1 - t0, painted: performance.now() - t0 };
    }, [reply, org]));
  }
  const dom = runs.map(r => r.dom).sort((a, b) => a - b);
  const painted = runs.map(r => r.painted).sort((a, b) => a - b);
  console.log(`     paste → results in the DOM: median ${dom[2].toFixed(1)} ms (max ${dom[4].toFixed(1)}); ` +
    `→ next paint: median ${painted[2].toFixed(1)} ms (max ${painted[4].toFixed(1)}), 3 KB replies, 5 runs`);
  // The figures must be on screen well within 100 ms. (Painting the five charts comes after;
  // its time is printed above. On a loaded 2-core CI machine both are slower than on a laptop.)
  assert(dom[2] < 100, `paste → results in the DOM must be well under 100 ms, median was ${dom[2]} ms`);
}

export async function paste_button_reads_the_clipboard_or_says_how_to_paste({ page, context, base, root }) {
  await ready(page, base);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  await page.evaluate(t => navigator.clipboard.writeText(t), await fixture(root, 'lpt_it_spend_dma_himss_2025.txt'));
  await page.click('#paste-button');
  await waitForText(page, '#organisation', LPT);
  assert((await page.inputValue('#response-text')).includes('Leicestershire Partnership'), 'the paste area holds the pasted text');

  await context.clearPermissions();
  await page.evaluate(() => { Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }); });
  await page.click('#paste-button');
  await waitForText(page, '#notice-text', 'did not let foi-lens read the clipboard');
  assert((await page.textContent('#notice-text')).includes('press Ctrl+V'), 'the message says how to paste instead');
  assertEqual(await valueText(page, 'organisation'), LPT, 'a refused clipboard changes nothing');
}

export async function examples_menu_loads_each_real_document({ page, base }) {
  await ready(page, base);
  await page.selectOption('#example-select', 'lpt');
  await waitForText(page, '#organisation', LPT);
  assertEqual(await page.inputValue('#example-select'), '', 'the menu resets so the same example can be chosen again');
  await page.selectOption('#example-select', 'llr-2018');
  await page.waitForSelector('#tables-heading', { timeout: 10000 });
  await page.selectOption('#example-select', 'dudley');
  await waitForText(page, '#organisation', DUDLEY);
}

export async function empty_paste_keeps_the_results_and_says_what_to_do({ page, base }) {
  await ready(page, base);
  await page.click('#response-text');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await waitForText(page, '#notice-text', 'The paste area is empty');
  assert((await page.textContent('#notice-text')).includes(`still those of ${DUDLEY}`), 'says what is still shown');
  assert(await page.$('#notice .problem'), 'shown as a problem');
  await stillDudley(page, 'empty paste');
}

export async function unrelated_document_keeps_the_results_and_explains({ page, base, root }) {
  await ready(page, base);
  const readme = 'Minutes of the Board meeting held on 4 March. Present: the Chair, the Chief Executive and ' +
    'six non-executive directors. Apologies were received from the Director of Estates. The minutes of the ' +
    'previous meeting were approved. The Board noted the staff survey results and thanked the volunteers.';
  await pasteText(page, readme);
  await waitForText(page, '#notice-text', 'No FOI figures found in this text');
  await stillDudley(page, 'unrelated text');
  assertEqual(await page.inputValue('#response-text'), readme, 'what was pasted stays in the box to fix');
  // Pasting a real reply again clears the message.
  await pasteText(page, await fixture(root, 'lpt_it_spend_dma_himss_2025.txt'));
  await waitForText(page, '#organisation', LPT);
  assert(!(await page.$('#notice-text')), 'the message goes once a reply is shown');
}

export async function binary_file_is_refused_with_a_reason_and_nothing_is_lost({ page, base }) {
  await ready(page, base);
  const before = await page.inputValue('#response-text');
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37 + 11) % 256))]);
  await dropFiles(page, [{ name: 'scan.png', bytes: png, type: 'image/png' }]);
  await page.waitForSelector('#notice .problem', { timeout: 5000 });
  const msg = await page.textContent('#notice-text');
  assert(/scan\.png|binary/.test(msg), `the message names the file or says why: ${msg}`);
  await stillDudley(page, 'binary file');
  assertEqual(await page.inputValue('#response-text'), before, 'a binary file does not overwrite the paste area');
}

export async function file_picker_and_drop_read_a_reply({ page, base, root }) {
  await ready(page, base);
  await page.setInputFiles('#file-input', {
    name: 'lpt-reply.txt', mimeType: 'text/plain', buffer: Buffer.from(await fixture(root, 'lpt_it_spend_dma_himss_2025.txt')),
  });
  await waitForText(page, '#organisation', LPT);
  await waitForText(page, '#notice-text', 'Showing lpt-reply.txt from the workspace.');
  assert((await page.textContent('.source-name')).includes('lpt-reply.txt'), 'the source is named after the file');
  await dropFiles(page, [{ name: 'dudley.txt', bytes: Buffer.from(await fixture(root, 'dudley_it_spend_dma_himss_2025.txt')), type: 'text/plain' }],
    '.colophon');
  await waitForText(page, '#organisation', DUDLEY);
}

export async function clear_empties_the_page_and_undo_brings_it_back({ page, base, shots }) {
  await ready(page, base);
  await page.click('#clear-button');
  await page.waitForSelector('#welcome-heading');
  assertEqual(await page.inputValue('#response-text'), '', 'the paste area is empty');
  await page.click('#undo-clear');
  await waitForText(page, '#organisation', DUDLEY);
  await stillDudley(page, 'undo clear');
  // The empty page, as a first visitor would see it without the example.
  await page.click('#clear-button');
  await page.click('#notice button.secondary'); // dismiss "Cleared …"
  await page.waitForSelector('#welcome-heading');
  await page.screenshot({ path: `${shots}/empty.png`, fullPage: true });
}
