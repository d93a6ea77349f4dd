// Browser benchmarks of the built app (dist/, from `./x build`), each printed beside a baseline
// measured in the same run, in Debian's headless Chromium via playwright-core:
//
//  1. paste → chart: paste a real reply and time until the IT-spend chart is drawn with its
//     figures, against a bare page (only the vendored ECharts) drawing the same option (the one
//     the app passed to setOption, captured in the app) in a container of the same size, with the
//     same setOption flags. Median of N runs each, alternating two replies.
//  2. first load: navigation start → the first chart drawn, app against the bare page drawing
//     the spend chart from inline script. Median of N cold loads (fresh browser context each).
//  3. memory for a 10 MB input: JS heap and wasm memory of the page before and at peak while a
//     10 MB text made of the fixtures is pasted and parsed, against the bare page holding the
//     same text in a textarea. Natively: peak RSS of `foi-lens parse` on the same text as a file,
//     against `wc` and against a process that only reads the whole file into memory.
//
// "Drawn" is ECharts' `rendered` event (the frame has been painted to the canvas), hooked by
// wrapping `echarts.init` before any page script runs; nothing in the app is changed for this.
//
// usage: node tools/bench/browser.mjs [runs]   (default 9; `./x bench` runs it)
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIME, sendFile } from '../../tests/e2e/static_files.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const dist = join(root, 'dist');
const RUNS = Number(process.argv[2]) || 9;
if (!existsSync(join(dist, 'index.html'))) {
  console.error('bench: dist/index.html is missing; build the app first with `./x build`');
  process.exit(2);
}


// The bare page's option, set once it has been captured from the app.
let bareOption = null;
let bareSize = { width: 600, height: 360 };

function barePage(withOption) {
  const { width, height } = bareSize;
  const draw = withOption ? `
    const chart = echarts.init(document.getElementById('c'));
    chart.on('rendered', () => { window.__drawn ??= performance.now(); });
    chart.setOption(${JSON.stringify(bareOption)}, { notMerge: true, lazyUpdate: true });` : '';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bare ECharts</title>
<script src="echarts.min.js"></script></head><body style="margin:0">
<div id="c" style="width:${width}px;height:${height}px"></div>
<textarea id="t"></textarea>
<script>${draw}</script></body></html>`;
}

function serve() {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/__bench/bare.html' || path === '/__bench/bare-load.html') {
      res.writeHead(200, { 'content-type': MIME['.html'], 'cache-control': 'no-store' })
        .end(barePage(path.endsWith('-load.html')));
      return;
    }
    const file = path === '/__bench/echarts.min.js'
      ? join(root, 'www/vendor/echarts.min.js')
      : join(dist, path.endsWith('/') ? path + 'index.html' : path);
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    await sendFile(res, file);
  });
  return new Promise(ok => server.listen(0, '127.0.0.1', () => ok(server)));
}

const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
};

// Before any page script: wrap echarts.init (the app calls the global) so every chart records
// when it was drawn and what it was given; and keep the wasm instance Trunk's loader announces.
function hooks() {
  window.__charts = {};
  let real;
  Object.defineProperty(window, 'echarts', {
    configurable: true,
    get: () => real,
    set(ns) {
      const init = ns.init;
      real = Object.assign({}, ns, {
        init(el, ...rest) {
          const chart = init.call(ns, el, ...rest);
          const rec = window.__charts[el.id] = { sets: [], drawn: [] };
          const setOption = chart.setOption;
          chart.setOption = function (option, ...more) {
            rec.sets.push({ t: performance.now(), option });
            return setOption.call(this, option, ...more);
          };
          chart.on('rendered', () => rec.drawn.push(performance.now()));
          return chart;
        },
      });
    },
  });
  addEventListener('TrunkApplicationStarted', e => { window.__wasm = e.detail.wasm; });
}

const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ms = x => `${x.toFixed(1)} ms`;
const mb = x => `${(x / 1048576).toFixed(1)} MB`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

/** The reply text of a fixture: its leading `# ` comment lines dropped (as score.py does). */
async function reply(name) {
  const text = await readFile(join(root, 'tests/fixtures', name), 'utf8');
  return text.replace(/^(# [^\n]*\n)+/, '').replace(/^[\r\n]+/, '');
}

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch(LAUNCH);
const newPage = async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(hooks);
  return { context, page: await context.newPage() };
};

console.log(`foi-lens browser benchmarks (Chromium ${browser.version()}, ${RUNS} runs each, median)\n`);

// 1. Paste → chart drawn.
const replies = [
  ['Leicestershire Partnership', await reply('lpt_it_spend_dma_himss_2025.txt')],
  ['Dudley', await reply('dudley_it_spend_dma_himss_2025.txt')],
];
{
  const { context, page } = await newPage();
  await page.goto(base);
  await page.waitForFunction(() => window.__charts['spend-chart']?.drawn.length > 0, null, { timeout: 30000 });
  const runs = [];
  const options = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const [org, text] = replies[i % 2];
    const r = await page.evaluate(async ([org, text]) => {
      const rec = () => window.__charts['spend-chart'];
      const area = document.getElementById('response-text');
      const t0 = performance.now();
      area.value = text;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      // Drawn: the first frame after the app gave the spend chart this reply's option.
      const drawn = await new Promise((done, fail) => {
        const stop = performance.now() + 20000;
        const poll = () => {
          const shown = document.querySelector('#organisation')?.textContent.includes(org);
          const set = shown && rec().sets.find(s => s.t > t0);
          const frame = set && rec().drawn.find(t => t > set.t);
          if (frame) done({ set: set.t - t0, drawn: frame - t0, option: JSON.stringify(set.option) });
          else if (performance.now() > stop) fail(new Error('the spend chart was not drawn within 20 s'));
          else setTimeout(poll, 0);
        };
        poll();
      });
      const el = document.getElementById('spend-chart');
      return { ...drawn, width: el.clientWidth, height: el.clientHeight };
    }, [org, text]);
    await page.waitForTimeout(1000); // let the bars' animation end before the next paste
    if (i === 0) continue; // warm-up
    runs.push(r);
    if (options.length < 2) options.push(r.option);
  }
  await context.close();
  bareSize = { width: runs[0].width, height: runs[0].height };
  bareOption = JSON.parse(options[0]);

  // The bare page: the same two options, alternately, same flags, same container size.
  const bare = await newPage();
  await bare.page.goto(`${base}__bench/bare.html`);
  const bareRuns = [];
  await bare.page.evaluate(() => { window.__chart = echarts.init(document.getElementById('c')); });
  for (let i = 0; i < RUNS + 1; i++) {
    const t = await bare.page.evaluate(async option => {
      const chart = window.__chart;
      const t0 = performance.now();
      const drawn = new Promise(done => chart.on('rendered', function once() {
        chart.off('rendered', once); done(performance.now());
      }));
      chart.setOption(JSON.parse(option), { notMerge: true, lazyUpdate: true });
      return (await drawn) - t0;
    }, options[i % 2]);
    await bare.page.waitForTimeout(1000);
    if (i > 0) bareRuns.push(t);
  }
  await bare.context.close();
  const app = median(runs.map(r => r.drawn));
  const set = median(runs.map(r => r.set));
  const b = median(bareRuns);
  console.log('paste → IT-spend chart drawn (3 KB replies, alternating Dudley / Leicestershire Partnership)');
  console.log(`  app:  ${ms(app)} (parse + page update until setOption: ${ms(set)})`);
  console.log(`  bare ECharts page, same option and size: ${ms(b)}`);
  console.log(`  ratio app / bare: ${ratio(app, b)}\n`);
}

// 2. First load.
{
  const app = [];
  const appAny = [];
  const bare = [];
  for (let i = 0; i < RUNS; i++) {
    const a = await newPage();
    await a.page.goto(base);
    const t = await a.page.waitForFunction(() => {
      const c = window.__charts['spend-chart'];
      if (!c?.drawn.length) return false;
      return { spend: c.drawn[0], any: Math.min(...Object.values(window.__charts).flatMap(c => c.drawn.slice(0, 1))) };
    }, null, { timeout: 30000 });
    const v = await t.jsonValue();
    app.push(v.spend);
    appAny.push(v.any);
    await a.context.close();
    const b = await newPage();
    await b.page.goto(`${base}__bench/bare-load.html`);
    bare.push(await (await b.page.waitForFunction(() => window.__drawn, null, { timeout: 30000 })).jsonValue());
    await b.context.close();
  }
  console.log('first load: navigation start → first chart drawn (cold cache, fresh context each run)');
  console.log(`  app:  ${ms(median(appAny))} (IT-spend chart: ${ms(median(app))})`);
  console.log(`  bare ECharts page drawing the same spend chart: ${ms(median(bare))}`);
  console.log(`  ratio app / bare: ${ratio(median(appAny), median(bare))}\n`);
}

// 3. Memory for a 10 MB input.
const fixtureNames = (await readdir(join(root, 'tests/fixtures'))).filter(f => f.endsWith('.txt')).sort();
const fixtureTexts = await Promise.all(fixtureNames.map(reply));
let big = '';
while (big.length < 10 * 1024 * 1024) big += fixtureTexts.join('\n') + '\n';
const bigFile = join(root, 'target', 'bench', 'ten-mb-of-fixtures.txt');
await mkdir(join(root, 'target', 'bench'), { recursive: true });
await writeFile(bigFile, big);
const bigBytes = Buffer.byteLength(big);

async function heap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}
const wasmBytes = page => page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? 0);

/** Paste `text` and sample the JS heap (no GC forced) every 50 ms until `done()` in the page. */
async function pasteAndSample(page, cdp, text, done) {
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, (await cdp.send('Runtime.getHeapUsage')).usedSize);
      await new Promise(r => setTimeout(r, 50));
    }
  })();
  const t0 = Date.now();
  await page.evaluate(text => {
    const area = document.querySelector('#response-text, #t');
    area.focus();
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  await page.waitForFunction(done, null, { timeout: 300000, polling: 100 });
  const elapsed = Date.now() - t0;
  sampling = false;
  await sampler;
  return { peak, elapsed };
}

{
  const { context, page } = await newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(base);
  await page.waitForFunction(() => window.__charts['spend-chart']?.drawn.length > 0, null, { timeout: 30000 });
  const heapBefore = await heap(cdp);
  const wasmBefore = await wasmBytes(page);
  // Parsed: the "Reading …" line has come and gone and the source pane holds the new text.
  await page.evaluate(() => {
    window.__sawBusy = false;
    new MutationObserver(() => { if (document.querySelector('#notice .busy')) window.__sawBusy = true; })
      .observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const { peak, elapsed } = await pasteAndSample(page, cdp, big,
    () => window.__sawBusy && !document.querySelector('#notice .busy') && document.querySelector('.source-text')?.textContent.length > 5e6);
  const heapAfter = await heap(cdp);
  const wasmAfter = await wasmBytes(page);
  await context.close();

  const bare = await newPage();
  const bareCdp = await bare.context.newCDPSession(bare.page);
  await bare.page.goto(`${base}__bench/bare.html`);
  const bareBefore = await heap(bareCdp);
  const bareRun = await pasteAndSample(bare.page, bareCdp, big, () => document.getElementById('t').value.length > 5e6);
  const bareAfter = await heap(bareCdp);
  await bare.context.close();

  const appPeak = Math.max(peak, heapAfter) + wasmAfter;
  const appBefore = heapBefore + wasmBefore;
  const barePeak = Math.max(bareRun.peak, bareAfter);
  console.log(`memory, ${mb(bigBytes)} of fixture text pasted (parsed and shown in ${(elapsed / 1000).toFixed(1)} s)`);
  console.log(`  app before: JS heap ${mb(heapBefore)} + wasm memory ${mb(wasmBefore)} = ${mb(appBefore)}`);
  console.log(`  app peak:   JS heap ${mb(Math.max(peak, heapAfter))} + wasm memory ${mb(wasmAfter)} = ${mb(appPeak)}` +
    ` (JS heap after, GC'd: ${mb(heapAfter)})`);
  console.log(`  bare page holding the same text in a textarea: JS heap ${mb(bareBefore)} → peak ${mb(barePeak)}`);
  console.log(`  growth: app ${mb(appPeak - appBefore)} vs bare ${mb(barePeak - bareBefore)}: ratio ${ratio(appPeak - appBefore, barePeak - bareBefore)};` +
    ` app peak / app before ${ratio(appPeak, appBefore)}; app growth per input byte ${((appPeak - appBefore) / bigBytes).toFixed(1)}\n`);
}

await browser.close();
server.close();

// Native: peak RSS (GNU time's %M, KB) of the CLI on the same text, beside two baselines.
const cli = join(root, 'target/release/foi-lens');
function maxRss(cmd, args) {
  const run = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const last = run.stderr.toString().trim().split('\n').pop();
  // (foi-lens exits 1 when some file could not be read: the peak is still measured.)
  if (!/^\d+$/.test(last)) throw new Error(`${cmd} ${args.join(' ')}: ${run.stderr}`);
  return Number(last) * 1024;
}
if (!existsSync(cli)) {
  console.log(`native memory: skipped (${cli} is missing: cargo build --release --bin foi-lens)`);
} else if (!existsSync('/usr/bin/time')) {
  console.log('native memory: skipped (/usr/bin/time is missing: apt-get install time)');
} else {
  const parse = maxRss(cli, ['parse', bigFile, '--json']);
  const wc = maxRss('wc', [bigFile]);
  const hold = maxRss('python3', ['-c', 'import sys; d = open(sys.argv[1], "rb").read()', bigFile]);
  const python = maxRss('python3', ['-c', 'pass']);
  console.log(`native memory, foi-lens parse --json on the same ${mb(bigBytes)} file (peak RSS)`);
  console.log(`  foi-lens parse: ${mb(parse)}`);
  console.log(`  wc (streams the file): ${mb(wc)}; python reading the whole file: ${mb(hold)} (python alone ${mb(python)})`);
  console.log(`  ratio foi-lens / whole-file read: ${ratio(parse, hold)}; foi-lens peak per input byte ${(parse / bigBytes).toFixed(1)}`);
}
