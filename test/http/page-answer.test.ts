import Koa from 'koa';
import { err, ok, type Result } from 'neverthrow';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { invalidCredentials, pageNotFound, serviceBusy, tooManyAttempts, userNotFound } from '../../domain/errors.js';
import { appErrorHandlers } from '../../adapters/http/app.js';
import type { AppContext, AppKoaContext, AppMiddleware, AppState } from '../../adapters/http/context.js';
import { errorBoundary } from '../../adapters/http/errors/error-boundary.js';
import { retryAfter } from '../../adapters/http/errors/retry-after.js';
import { languages } from '../../adapters/http/middleware/languages.js';
import { securityHeaders } from '../../adapters/http/middleware/security-headers.js';
import { MessageCatalogue } from '../../adapters/i18n/message-catalogue.js';
import { answerPage, type ErrorPageOutcome } from '../../adapters/http/page-answer.js';
import { pugViews } from '../../adapters/http/views.js';
import { captureLogs, type CapturedLogs } from '../support/captured-logs.js';

type Answered = Readonly<{ status: number; headers: Record<string, string>; text: string }>;

// The pages' own stack around one handler: the error boundary, the views and the security headers.
async function withPage<T>(handler: AppMiddleware, work: (get: (accept?: string) => Promise<Answered>, logs: CapturedLogs) => Promise<T>): Promise<T> {
  const logs = captureLogs();
  const app = new Koa<AppState, AppContext>();
  app.use(pugViews({ dir: resolve('views'), cache: true }) as AppMiddleware);
  app.use(languages(MessageCatalogue.fromDirectory(resolve('locales'))));
  app.use(errorBoundary({ logger: logs.logger, handlers: appErrorHandlers() }));
  app.use(securityHeaders);
  app.use(handler);
  const handle = app.callback();
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/user/nobody`;
  try {
    return await work(async (accept = 'text/html') => {
      const response = await fetch(url, { headers: { Accept: accept }, redirect: 'manual' });
      const { date: _date, 'x-request-id': _id, ...headers } = Object.fromEntries(response.headers);
      return { status: response.status, headers, text: await response.text() };
    }, logs);
  } finally {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    await logs.shutdown();
  }
}

const answering = (result: Result<string, ErrorPageOutcome>): AppMiddleware => (ctx) => answerPage(ctx, result, (name) => {
  ctx.body = `Hello ${name}`;
});

const throwing = (status: number, headers: Record<string, string> = {}): AppMiddleware => (ctx) => ctx.throw(status, { headers });

const OUTCOMES: readonly [string, ErrorPageOutcome, AppMiddleware][] = [
  ['an unknown user', userNotFound(), throwing(404)],
  ['a page past the end', pageNotFound(), throwing(404)],
  ['too many attempts', tooManyAttempts(30_000), throwing(429, retryAfter(30_000))],
  ['a busy server', serviceBusy(1_500), throwing(503, retryAfter(1_500))],
];

for (const [name, outcome, thrown] of OUTCOMES) {
  test(`when a page answers ${name}, then its error page is the one the boundary shows for the status thrown, as HTML and as JSON`, async () => {
    for (const accept of ['text/html', 'application/json']) {
      const direct = await withPage(answering(err(outcome)), (get) => get(accept));
      const boundary = await withPage(thrown, (get) => get(accept));
      assert.equal(direct, boundary, accept);
    }
  });
}

test('when a page answers a busy server, then a warning names the outcome, nothing is alerted and the page has no reference', async () => {
  await withPage(answering(err(serviceBusy(2_000))), async (get, logs) => {
    const page = await get();
    assert.is(page.status, 503);
    assert.is(page.headers['retry-after'], '2');
    assert.is(page.headers['cache-control'], 'no-store');
    assert.ok(page.headers['content-security-policy'], 'keeps the security headers');
    assert.match(page.text, 'Service Unavailable');
    assert.not.match(page.text, 'Reference');
    assert.ok(logs.lines().some((line) => line.includes(' WARN: 503 on /user/nobody [GET]: ServiceBusy')), logs.text());
    assert.equal(logs.lines().filter((line) => line.includes(' ERROR: ')), []);
  });
});

test('when a page answers an unknown user, then the client error is logged as the boundary logs one', async () => {
  await withPage(answering(err(userNotFound())), async (get, logs) => {
    assert.is((await get()).status, 404);
    assert.ok(logs.lines().some((line) => line.includes(' INFO: 404 on /user/nobody [GET]')), logs.text());
  });
});

test('when the outcome is a success, then the route writes it', async () => {
  await withPage(answering(ok('susan')), async (get) => {
    const page = await get();
    assert.is(page.status, 200);
    assert.is(page.text, 'Hello susan');
  });
});

test('when a route answers a refusal its own way, then that answer wins over the error page, and the others still get theirs', async () => {
  const ownWay = (result: Result<string, ReturnType<typeof userNotFound | typeof invalidCredentials | typeof serviceBusy>>): AppMiddleware => async (ctx: AppKoaContext) => {
    await answerPage(ctx, result, () => {}, {
      UserNotFound: () => ctx.redirect('/index'),
      InvalidCredentials: () => ctx.redirect('/login'),
    });
  };
  await withPage(ownWay(err(userNotFound())), async (get) => assert.is((await get()).headers.location, '/index'));
  await withPage(ownWay(err(invalidCredentials())), async (get) => assert.is((await get()).headers.location, '/login'));
  await withPage(ownWay(err(serviceBusy(1_000))), async (get) => assert.is((await get()).status, 503));
});

test.run();
