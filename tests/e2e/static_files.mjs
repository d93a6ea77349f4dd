// Sending a built file over HTTP, for the test runner's server, the second-origin server and the
// browser benchmarks' server (not a test).
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

export const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

/** Answer with `body` (or the file's bytes when `body` is undefined) typed by `file`'s extension;
 *  404 when the file cannot be read. */
export async function sendFile(res, file, headers = {}, body = undefined) {
  try {
    const bytes = body === undefined ? await readFile(file) : body;
    res.writeHead(200, { 'content-type': MIME[extname(file)] || 'application/octet-stream', ...headers }).end(bytes);
  } catch {
    res.writeHead(404).end('not found');
  }
}
