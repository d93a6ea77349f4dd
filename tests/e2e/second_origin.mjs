// A second web server for browser tests that need another origin (a publisher's page embedding
// foi-lens) or a server whose files change while the test runs (a new deployment). Not a test.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.json': 'application/json',
};

/**
 * Serve `dir` on 127.0.0.1 (a new port: a new origin). `server.files` maps a path ("/sw.js") to
 * a body served instead of the file. Returns the server; its address is `server.url`.
 */
export async function serveDir(dir) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = join(dir, path.endsWith('/') ? path + 'index.html' : path);
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = server.files.has(path) ? server.files.get(path) : await readFile(file);
      res.writeHead(200, { 'content-type': MIME[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  server.files = new Map();
  await new Promise(ok => server.listen(0, '127.0.0.1', ok));
  server.url = `http://127.0.0.1:${server.address().port}/`;
  return server;
}
