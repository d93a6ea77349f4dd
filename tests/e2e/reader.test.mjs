// The file readers (PDF, Word, OpenDocument, Excel, e-mail, web page) are a separate wasm module
// the parsing worker loads when the first such file arrives (src/worker/reader.rs): real files of
// every kind read through it, the hosted page fetches it only then and only once, the single file
// carries it inline and fetches nothing, and a trap inside it is that file's error.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assertEqual, blockNetwork } from './lib.mjs';

const file = async (root, name, mimeType) =>
  ({ name, mimeType, buffer: await readFile(join(root, 'tests/fixtures/files', name)) });

/** Real replies in five formats, all from The Dudley Group. */
const dudleyFiles = root => Promise.all([
  file(root, 'dudley.pdf', 'application/pdf'),
  file(root, 'dudley.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  file(root, 'dudley.odt', 'application/vnd.oasis.opendocument.text'),
  file(root, 'dudley.html', 'text/html'),
  file(root, 'dudley_reply_with_pdf.eml', 'message/rfc822'),
]);

/** src/ingest/wire.rs SELF_TEST_PANIC: the file-reader module panics on it. */
const READER_PANIC = {
  name: 'broken-reader.pdf', mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.7\n% FOI-LENS SELF-TEST: PANIC IN THE FILE READERS\n'),
};

const tableRows = page => page.$$eval('#batch-table tbody tr[data-entry]', rows =>
  rows.map(r => [...r.querySelectorAll('td')].map(td => td.innerText.trim())));

const waitForRows = (page, n) => page.waitForFunction(
  n => document.querySelectorAll('#batch-table tbody tr[data-entry]').length === n, n, { timeout: 30000 });

export async function the_hosted_page_fetches_the_file_readers_once_and_only_when_a_file_needs_them({ page, base, root }) {
  // The service worker precaches every file for offline use (in the background, nothing is
  // compiled); what is counted here is the page's parsing worker asking for the module.
  const fetched = [];
  page.context().on('request', r => {
    if (/foi-lens-reader-[0-9a-f]+\.wasm$/.test(r.url()) && !r.serviceWorker()) fetched.push(r.url());
  });
  await page.goto(base);
  await page.waitForSelector('#workspace');
  // Plain text files never need them.
  await page.setInputFiles('#batch-files', [join(root, 'tests/fixtures/dudley_it_spend_dma_himss_2025.txt')]);
  await waitForRows(page, 1);
  assertEqual(fetched.length, 0, 'file-reader fetches after the page and a .txt file');
  await page.setInputFiles('#batch-files', await dudleyFiles(root));
  await waitForRows(page, 6);
  assertEqual(fetched.length, 1, 'file-reader fetches after five files that need it');
  const rows = await tableRows(page);
  for (const [i, name] of ['pdf', 'docx', 'odt', 'html', 'eml'].entries()) {
    assertEqual(rows[i + 1][2], 'The Dudley Group NHS Foundation Trust (RNA)', `the .${name} reply read and matched`);
  }
}

export async function a_trap_in_the_file_readers_is_that_files_error_and_the_next_file_still_reads({ page, base, root }) {
  await page.goto(base);
  await page.waitForSelector('#workspace');
  await page.setInputFiles('#batch-files', [READER_PANIC, await file(root, 'dudley.pdf', 'application/pdf')]);
  await waitForRows(page, 2);
  const rows = await tableRows(page);
  if (!rows[0][2].startsWith('Could not be read: foi-lens stopped with an internal error while reading this file'))
    throw new Error(`the file the readers trapped on: ${JSON.stringify(rows[0])}`);
  if (!rows[0][2].includes('self-test: the file readers panicked on broken-reader.pdf'))
    throw new Error(`no panic message: ${rows[0][2]}`);
  assertEqual(rows[1][2], 'The Dudley Group NHS Foundation Trust (RNA)', 'the PDF after the trap');
}

export async function the_single_file_reads_a_pdf_and_a_spreadsheet_from_file_url_with_no_network({ page, context, root }) {
  const requests = await blockNetwork(context);
  await page.goto('file://' + join(root, 'dist/foi-lens.html'));
  await page.waitForSelector('#workspace');
  await page.setInputFiles('#batch-files', [
    await file(root, 'dudley.pdf', 'application/pdf'),
    await file(root, 'dudley_llr.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  ]);
  await waitForRows(page, 2);
  const rows = await tableRows(page);
  assertEqual(rows[0][2], 'The Dudley Group NHS Foundation Trust (RNA)', 'the PDF from file://');
  if (rows[1][2].startsWith('Could not be read')) throw new Error(`the spreadsheet from file://: ${rows[1][2]}`);
  if (requests.length) throw new Error(`the single file made network requests: ${requests.join(', ')}`);
}

export async function when_the_file_readers_cannot_be_fetched_the_file_says_so_and_text_still_reads({ page, base, root }) {
  // As if the server lost the module (a half-uploaded site): a 404 for it, and no service worker.
  await page.context().route(/foi-lens-reader-[0-9a-f]+\.wasm$/, route => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(base);
  await page.waitForSelector('#workspace');
  await page.setInputFiles('#batch-files', [
    await file(root, 'dudley.pdf', 'application/pdf'),
    { name: 'dudley.txt', mimeType: 'text/plain', buffer: await readFile(join(root, 'tests/fixtures/dudley_it_spend_dma_himss_2025.txt')) },
  ]);
  await waitForRows(page, 2);
  const rows = await tableRows(page);
  if (!/^Could not be read: foi-lens could not load its file readers \(HTTP 404 for [^)]*foi-lens-reader-[0-9a-f]+\.wasm\)\. Reload the page/.test(rows[0][2]))
    throw new Error(`the PDF's row: ${JSON.stringify(rows[0])}`);
  if (!rows[0][2].includes('copy its text and paste it')) throw new Error(`no way forward: ${rows[0][2]}`);
  assertEqual(rows[1][2], 'The Dudley Group NHS Foundation Trust (RNA)', 'the text file after it');
}
