// The baseline: a bare Koa server that answers every request with one fixed HTML page, the same
// bytes as the app's logged-in index page. No session, no database, no templates, no logging: the
// practical ceiling for a Koa app on this machine, against which the app's figures are ratios.
import { readFileSync } from 'node:fs';
import Koa from 'koa';

const page = readFileSync(process.env.BARE_PAGE_FILE ?? '', 'utf8');
const port = Number(process.env.PORT);

const app = new Koa();
app.use(async (ctx) => {
  ctx.type = 'html';
  ctx.body = page;
});
app.listen(port, '127.0.0.1');
