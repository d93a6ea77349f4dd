// Render the app icon (www/icons/foi-lens.svg) to the PNGs the web app manifest lists, in the
// same headless Chromium the tests use (no image tools needed, nothing downloaded).
// usage: node tools/icons.mjs   (./x icons) — commit the PNGs it writes.
import { chromium } from 'playwright-core';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = resolve(fileURLToPath(import.meta.url), '../../www/icons');
const svg = await readFile(join(dir, 'foi-lens.svg'), 'utf8');
const inner = svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
// Maskable: a full-bleed background, the drawing inside the central 70 % (the safe zone is a
// circle of 80 %), so launchers can crop it to any shape.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" fill="#0a5fa8"/>
  <g transform="translate(76.8 76.8) scale(0.7)">${inner}</g></svg>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [name, source, size] of [
  ['foi-lens-192.png', svg, 192],
  ['foi-lens-512.png', svg, 512],
  ['foi-lens-maskable-512.png', maskable, 512],
]) {
  await page.setViewportSize({ width: size, height: size });
  const sized = source.replace('<svg ', `<svg width="${size}" height="${size}" `);
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
  await writeFile(join(dir, name), await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  console.log(`wrote www/icons/${name}`);
}
await browser.close();
