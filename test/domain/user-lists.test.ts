import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryFollowRepository } from '../../adapters/persistence/in-memory/in-memory-follow-repository.js';
import { InMemoryPostRepository } from '../../adapters/persistence/in-memory/in-memory-post-repository.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { ListFollows } from '../../domain/use-cases/list-follows.js';
import { ListUsers } from '../../domain/use-cases/list-users.js';
import { aNewUser } from '../support/builders.js';

async function setup() {
  const users = new InMemoryUserRepository();
  const follows = new InMemoryFollowRepository(users);
  const posts = new InMemoryPostRepository(users, follows);
  const people = [];
  for (const username of ['amy', 'bob', 'cat', 'dan', 'eve']) people.push((await users.add(aNewUser({ username })))._unsafeUnwrap());
  return { users, follows, posts, people, listUsers: new ListUsers(users, follows, posts), listFollows: new ListFollows(users, follows, posts) };
}

test('when users are listed, then pages with totals, each user with counts; a page past the last is PageNotFound', async () => {
  const { follows, posts, people: [amy, bob], listUsers } = await setup();
  if (!amy || !bob) throw new Error('setup');
  await follows.follow(bob.id, amy.id);
  await posts.add({ authorId: amy.id, body: 'hi', createdAt: new Date() });
  const first = (await listUsers.execute({ number: 1, size: 2 }))._unsafeUnwrap();
  assert.equal(first.items.map(({ user }) => user.username), ['amy', 'bob']);
  assert.equal(first.items[0]?.counts, { followers: 1, following: 0, posts: 1 });
  assert.equal([first.totalItems, first.totalPages, first.hasNewer, first.hasOlder], [5, 3, false, true]);
  const last = (await listUsers.execute({ number: 3, size: 2 }))._unsafeUnwrap();
  assert.equal([last.items.length, last.hasNewer, last.hasOlder], [1, true, false]);
  assert.equal((await listUsers.execute({ number: 4, size: 2 }))._unsafeUnwrapErr(), { type: 'PageNotFound' });
});

test('when followers or followed users are listed, then each side with its total; nobody is UserNotFound', async () => {
  const { follows, people: [amy, bob, cat], listFollows } = await setup();
  if (!amy || !bob || !cat) throw new Error('setup');
  await follows.follow(bob.id, amy.id);
  await follows.follow(cat.id, amy.id);
  const followers = (await listFollows.execute({ user: { id: amy.id }, direction: 'followers', page: { number: 1, size: 10 } }))._unsafeUnwrap();
  assert.equal(followers.items.map(({ user }) => user.username), ['bob', 'cat']);
  assert.is(followers.totalItems, 2);
  const following = (await listFollows.execute({ user: { username: 'BOB' }, direction: 'following', page: { number: 1, size: 10 } }))._unsafeUnwrap();
  assert.equal(following.items.map(({ user }) => user.username), ['amy']);
  const empty = (await listFollows.execute({ user: { id: amy.id }, direction: 'following', page: { number: 1, size: 10 } }))._unsafeUnwrap();
  assert.equal([empty.items, empty.totalPages], [[], 0], 'the first page exists even when empty');
  assert.equal((await listFollows.execute({ user: { id: 404 }, direction: 'followers', page: { number: 1, size: 10 } }))._unsafeUnwrapErr(), { type: 'UserNotFound' });
});

test.run();
