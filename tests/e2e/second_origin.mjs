// A second web server for browser tests that need another origin (a publisher's page embedding
// foi-lens) or a server whose files change while the test runs (a new deployment). Not a test.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { sendFile } from './static_files.mjs';


/**
 * Serve `dir` on 127.0.0.1 (a new port: a new origin). `server.files` maps a path ("/sw.js") to
 * a body served instead of the file. Returns the server; its address is `server.url`.
 */
export async function serveDir(dir) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = join(dir, path.endsWith('/') ? path + 'index.html' : path);
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    await sendFile(res, file, { 'cache-control': 'no-cache' }, server.files.get(path));
  });
  server.files = new Map();
  await new Promise(ok => server.listen(0, '127.0.0.1', ok));
  server.url = `http://127.0.0.1:${server.address().port}/`;
  return server;
}
