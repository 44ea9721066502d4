import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { err, ok, type Result } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tooManyAttempts, userNotFound } from '../../../domain/errors.js';
import { resolve } from 'node:path';
import { answerApi } from '../../../adapters/http/api/api-answer.js';
import { languages } from '../../../adapters/http/middleware/languages.js';
import { MessageCatalogue } from '../../../adapters/i18n/message-catalogue.js';
import type { DomainError } from '../../../adapters/http/api/domain-problems.js';
import type { AppKoaContext } from '../../../adapters/http/context.js';

// No error boundary in front: what these answer, the helper answered by itself.
async function answered(result: Result<string, DomainError>): Promise<Response> {
  const app = new Koa();
  app.use(languages(MessageCatalogue.fromDirectory(resolve('locales'))) as unknown as Koa.Middleware);
  app.use((ctx) => answerApi(ctx as unknown as AppKoaContext, result, (name) => {
    ctx.body = { name };
  }));
  const handle = app.callback();
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/users/7`);
  } finally {
    server.close();
  }
}

test('when the outcome is a success, then the operation writes it', async () => {
  const response = await answered(ok('susan'));
  assert.is(response.status, 200);
  assert.equal(await response.json(), { name: 'susan' });
});

test('when the outcome is a domain error, then its problem is the answer, without the error boundary', async () => {
  const response = await answered(err(userNotFound()));
  assert.is(response.status, 404);
  assert.is(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(await response.json(), {
    type: '/api/problems/user-not-found',
    title: 'User not found',
    status: 404,
    detail: 'There is no user with this id.',
    instance: '/api/users/7',
  });
});

test('when the problem carries headers, then they are sent with it', async () => {
  const response = await answered(err(tooManyAttempts(30_000)));
  assert.is(response.status, 429);
  assert.is(response.headers.get('retry-after'), '30');
});

test.run();
