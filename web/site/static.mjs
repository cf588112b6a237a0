// The static file server of the site, shared by `npm start` (web/site/start.mjs)
// and the Chromium tests (tests/web/support.mjs): node's http module only.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Content types of everything the site ships. */
export const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
  '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.ico': 'image/x-icon',
};

/**
 * The request handler of a static server rooted at `dir`: GET/HEAD only, no path
 * outside `dir` (resolved, then checked against the root), a directory serves its
 * index.html, `extraHeaders` on every answer: an object, or a function of the
 * request's URL returning one (a test sets a CSP per request that way).
 */
export function staticHandler(dir, extraHeaders = {}) {
  const root = path.resolve(dir);
  const headersFor = typeof extraHeaders === 'function' ? extraHeaders : () => extraHeaders;
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return void res.writeHead(400).end('bad request');
    }
    const extra = headersFor(new URL(req.url, 'http://x'));
    let file = path.resolve(root, '.' + pathname);
    if (file !== root && !file.startsWith(root + path.sep)) return void res.writeHead(403).end('forbidden');
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...extra }).end('not found');
    }
  };
}

