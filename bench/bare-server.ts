// The baselines: a server that answers each path with fixed bytes, the very page the app sends for
// that path (its status and body), and does nothing else. No session, no database, no templates, no
// logging. `BARE_SERVER=koa` is the practical ceiling for a Koa app on this machine, against which
// each case is a ratio: to its own twin, since a server sending 1 KB answers far more requests per
// second than one sending 16 KB. `node-http` is Node's HTTP server alone, which a load generator
// that is not itself the bottleneck drives well past the Koa figure at every size.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Koa from 'koa';
import type { BarePages } from './processes.js';

const pages = JSON.parse(readFileSync(process.env.BARE_PAGES_FILE ?? '', 'utf8')) as BarePages;
const port = Number(process.env.PORT);
const NOT_A_CASE = { status: 404, body: '' };

if (process.env.BARE_SERVER === 'node-http') {
  const prepared = new Map(Object.entries(pages).map(([path, page]) => [path, { ...page, length: String(Buffer.byteLength(page.body)) }]));
  createServer((request, response) => {
    const page = prepared.get(new URL(request.url ?? '/', 'http://bare').pathname) ?? { ...NOT_A_CASE, length: '0' };
    // The body of a POST case is not read, as Koa's twin does not read it either; draining it keeps the connection usable.
    request.resume();
    response.writeHead(page.status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': page.length });
    response.end(page.body);
  }).listen(port, '127.0.0.1');
} else {
  const app = new Koa();
  app.use(async (ctx) => {
    const page = pages[ctx.path] ?? NOT_A_CASE;
    ctx.status = page.status;
    ctx.type = 'html';
    ctx.body = page.body;
  });
  app.listen(port, '127.0.0.1');
}
