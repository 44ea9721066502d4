import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryFollowRepository } from '../../adapters/persistence/in-memory/in-memory-follow-repository.js';
import { InMemoryPostRepository } from '../../adapters/persistence/in-memory/in-memory-post-repository.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { GetProfile } from '../../domain/use-cases/get-profile.js';
import { RecordLastSeen } from '../../domain/use-cases/record-last-seen.js';
import { aNewUser } from '../support/builders.js';
import { FixedClock } from '../support/fixed-clock.js';

function stores() {
  const users = new InMemoryUserRepository();
  const follows = new InMemoryFollowRepository(users);
  const posts = new InMemoryPostRepository(users, follows);
  return { users, follows, posts, getProfile: new GetProfile(users, follows, posts) };
}

test('when the profile exists, then GetProfile finds it by name in any case or by id, with its counts', async () => {
  const { users, follows, posts, getProfile } = stores();
  const susan = (await users.add(aNewUser({ username: 'Susan' })))._unsafeUnwrap();
  const john = (await users.add(aNewUser({ username: 'john' })))._unsafeUnwrap();
  await follows.follow(john.id, susan.id);
  await posts.add({ authorId: susan.id, body: 'hello', createdAt: new Date() });
  const profile = (await getProfile.execute({ user: { username: 'SUSAN' }, viewerId: john.id }))._unsafeUnwrap();
  assert.is(profile.user.username, 'Susan');
  assert.equal(profile.counts, { followers: 1, following: 0, posts: 1 });
  assert.is(profile.followedByViewer, true);
  const own = (await getProfile.execute({ user: { id: susan.id }, viewerId: susan.id }))._unsafeUnwrap();
  assert.is(own.user.username, 'Susan');
  assert.is(own.followedByViewer, false);
});

test('when no user has the name or the id, then UserNotFound', async () => {
  const { getProfile } = stores();
  assert.equal((await getProfile.execute({ user: { username: 'nobody' }, viewerId: 1 }))._unsafeUnwrapErr(), { type: 'UserNotFound' });
  assert.equal((await getProfile.execute({ user: { id: 404 }, viewerId: 1 }))._unsafeUnwrapErr(), { type: 'UserNotFound' });
});

test('when a user is seen, then last seen is written once per minute, not on every request', async () => {
  const users = new InMemoryUserRepository();
  const clock = new FixedClock();
  const recordLastSeen = new RecordLastSeen(users, clock);
  const user = (await users.add(aNewUser()))._unsafeUnwrap();
  const start = clock.now();

  const seen = await recordLastSeen.execute(user);
  assert.equal((await users.findById(user.id))?.lastSeen, start);
  assert.equal(seen.lastSeen, start, 'the request goes on with the time it recorded');

  clock.advance(30_000);
  const seenAgain = await recordLastSeen.execute(seen);
  assert.equal((await users.findById(user.id))?.lastSeen, start, 'a second request within the minute writes nothing');

  clock.advance(31_000);
  await recordLastSeen.execute(seenAgain);
  assert.equal((await users.findById(user.id))?.lastSeen, clock.now());
});

test.run();
