import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { GetProfile } from '../../domain/use-cases/get-profile.js';
import { RecordLastSeen } from '../../domain/use-cases/record-last-seen.js';
import { aNewUser } from '../support/builders.js';
import { FixedClock } from '../support/fixed-clock.js';

test('when the profile exists, then GetProfile finds it by name in any case', async () => {
  const users = new InMemoryUserRepository();
  await users.add(aNewUser({ username: 'Susan' }));
  assert.is((await new GetProfile(users).execute('SUSAN'))._unsafeUnwrap().username, 'Susan');
});

test('when no user has the name, then UserNotFound', async () => {
  const result = await new GetProfile(new InMemoryUserRepository()).execute('nobody');
  assert.equal(result._unsafeUnwrapErr(), { type: 'UserNotFound' });
});

test('when a user is seen, then last seen is written once per minute, not on every request', async () => {
  const users = new InMemoryUserRepository();
  const clock = new FixedClock();
  const recordLastSeen = new RecordLastSeen(users, clock);
  const user = (await users.add(aNewUser()))._unsafeUnwrap();
  const start = clock.now();

  await recordLastSeen.execute(user);
  assert.equal((await users.findById(user.id))?.lastSeen, start);

  clock.advance(30_000);
  await recordLastSeen.execute(user);
  assert.equal((await users.findById(user.id))?.lastSeen, start, 'a second request within the minute writes nothing');

  clock.advance(31_000);
  await recordLastSeen.execute(user);
  assert.equal((await users.findById(user.id))?.lastSeen, clock.now());
});

test.run();
