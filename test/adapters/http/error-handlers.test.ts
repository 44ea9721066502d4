import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ErrorHandlers, type ErrorHandler } from '../../../adapters/http/errors/error-handlers.js';

class StorageError extends Error {}
class DiskFull extends StorageError {}
class QuotaExceeded extends DiskFull {}

const answering = (title: string): ErrorHandler => (_error, status) => ({ status, title, detail: '' });

test('when several handlers could apply, then the nearest class wins over a parent class and the status', () => {
  const handlers = new ErrorHandlers(answering('fallback'))
    .onStatus(500, answering('status 500'))
    .onError(StorageError, answering('storage'))
    .onError(DiskFull, answering('disk full'));
  assert.is(handlers.respond(new QuotaExceeded(), 500).title, 'disk full');
  assert.is(handlers.respond(new StorageError(), 500).title, 'storage');
});

test('when no class matches, then the status handler, and else the fallback', () => {
  const handlers = new ErrorHandlers(answering('fallback')).onStatus(404, answering('not found'));
  assert.is(handlers.respond(new Error('x'), 404).title, 'not found');
  assert.is(handlers.respond(null, 404).title, 'not found');
  assert.is(handlers.respond(new Error('x'), 418).title, 'fallback');
});

test('when a handler answers, then it receives the error and its status', () => {
  const error = new DiskFull();
  let seen: unknown[] = [];
  const handlers = new ErrorHandlers(answering('fallback')).onError(DiskFull, (received, status) => {
    seen = [received, status];
    return { status: 507, title: 'Insufficient Storage', detail: 'Try later.' };
  });
  assert.equal(handlers.respond(error, 500), { status: 507, title: 'Insufficient Storage', detail: 'Try later.' });
  assert.equal(seen, [error, 500]);
});

test('when a registry is scoped to a path prefix, then it answers under the prefix only, with its own format', () => {
  const api = new ErrorHandlers(answering('api fallback'), 'problem+json').onStatus(404, answering('api not found'));
  const site = new ErrorHandlers(answering('site fallback')).onStatus(404, answering('site not found')).scope('/api', api);
  assert.is(site.forPath('/api/users/1'), api);
  assert.is(site.forPath('/api'), api);
  assert.is(site.forPath('/apiary'), site, 'a path that merely starts with the same letters is not under it');
  assert.is(site.forPath('/user/api'), site);
  assert.is(site.forPath('/api/x').respond(null, 404).title, 'api not found');
  assert.is(site.forPath('/api/x').format, 'problem+json');
  assert.is(site.forPath('/x').format, 'negotiated');
});

test.run();
