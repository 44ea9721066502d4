import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { accountKey } from '../../domain/login-throttle.js';
import type { UserRepository } from '../../domain/ports/user-repository.js';
import { withApiApp } from '../support/api-app.js';
import { FaultyUserRepository } from '../support/faulty-user-repository.js';
import { withApp } from '../support/test-app.js';

// The database fails after the attempt was reserved and before the password is checked: the owner
// typed the right password, and the server could not tell.
function switchableLookups() {
  let users: FaultyUserRepository | undefined;
  return {
    userRepository: (real: UserRepository) => (users = new FaultyUserRepository(real)),
    fail: (failing: boolean) => {
      if (users) users.failing = failing ? 'findByUsername' : null;
    },
  };
}

test('when five logins with the right password meet a database failure, then five 500 pages, and the owner then logs in', async () => {
  const lookups = switchableLookups();
  await withApp({ userRepository: lookups.userRepository }, async (app) => {
    await app.browser().register('susan');
    lookups.fail(true);
    for (let i = 0; i < 5; i++) assert.is((await app.browser().logIn('susan', 'password123')).status, 500, `login ${i}`);
    const counted = await app.inUnitOfWork(() => app.database.loginAttempts.failuresSince(accountKey('susan'), new Date(0)));
    assert.equal(counted, [], 'a login the server could not check is not a failure');
    lookups.fail(false);
    assert.is((await app.browser().logIn('susan', 'password123')).location, '/index');
  });
});

test('when five token requests with the right password meet a database failure, then five 500 problems, and the owner then gets a token', async () => {
  const lookups = switchableLookups();
  await withApiApp({ userRepository: lookups.userRepository }, async ({ api }) => {
    await api.post('/api/users', { json: { username: 'susan', email: 'susan@example.com', password: 'password123' } });
    lookups.fail(true);
    for (let i = 0; i < 5; i++) assert.is((await api.post('/api/tokens', { basic: { username: 'susan', password: 'password123' } })).status, 500, `request ${i}`);
    lookups.fail(false);
    assert.is((await api.post('/api/tokens', { basic: { username: 'susan', password: 'password123' } })).status, 200);
  });
});

test.run();
