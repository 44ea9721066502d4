// The baselines: a server that answers every request with one fixed HTML page, the same bytes as
// the app's logged-in index page, and does nothing else. No session, no database, no templates, no
// logging. `BARE_SERVER=koa` is the practical ceiling for a Koa app on this machine, against which
// the app's figures are ratios; `node-http` is Node's HTTP server alone, which a load generator
// that is not itself the bottleneck drives well past the Koa figure.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Koa from 'koa';

const page = readFileSync(process.env.BARE_PAGE_FILE ?? '', 'utf8');
const port = Number(process.env.PORT);

if (process.env.BARE_SERVER === 'node-http') {
  const length = String(Buffer.byteLength(page));
  createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': length });
    response.end(page);
  }).listen(port, '127.0.0.1');
} else {
  const app = new Koa();
  app.use(async (ctx) => {
    ctx.type = 'html';
    ctx.body = page;
  });
  app.listen(port, '127.0.0.1');
}
