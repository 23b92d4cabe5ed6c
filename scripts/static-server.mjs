#!/usr/bin/env node
// A tiny static file server for build/site (node >= 18, no dependencies), bound to 127.0.0.1
// only. Used by scripts/serve.sh and the browser tests.
//   node scripts/static-server.mjs [port] [root]     (defaults: 8080, build/site)
// Port 0 picks a free port; the first line printed is "listening on http://127.0.0.1:<port>/".
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

// Starts the server; resolves with { server, port, url }.
export function serve({ port = 8080, root = path.join(here, '..', 'build', 'site'), quiet = false } = {}) {
  const base = path.resolve(root);
  const server = createServer(async (req, res) => {
    const fail = (code, text) => {
      res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text + '\n');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'method not allowed');
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return fail(400, 'bad request');
    }
    let file = path.resolve(base, '.' + path.posix.normalize('/' + rel));
    if (file !== base && !file.startsWith(base + path.sep)) return fail(403, 'forbidden');
    try {
      let st = await fs.stat(file);
      if (st.isDirectory()) {
        if (!rel.endsWith('/')) {
          res.writeHead(301, { Location: rel + '/' });
          return res.end();
        }
        file = path.join(file, 'index.html');
        st = await fs.stat(file);
      }
      res.writeHead(200, {
        'Content-Type': mimeType(file),
        'Content-Length': st.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch {
      fail(404, 'not found');
    }
    if (!quiet) process.stdout.write(`${req.method} ${req.url}\n`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      resolve({ server, port: actual, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8080);
  const root = process.argv[3] ?? path.join(here, '..', 'build', 'site');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`usage: node ${path.basename(process.argv[1])} [port] [root]`);
    process.exit(2);
  }
  serve({ port, root, quiet: process.env.QUIET === '1' }).then(
    ({ url }) => console.log(`listening on ${url} (serving ${path.resolve(root)})`),
    (err) => {
      console.error(`static-server: ${err.message}`);
      process.exit(1);
    },
  );
}
