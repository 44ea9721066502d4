import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryFollowRepository } from '../../adapters/persistence/in-memory/in-memory-follow-repository.js';
import { InMemoryPostRepository } from '../../adapters/persistence/in-memory/in-memory-post-repository.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { ExplorePosts } from '../../domain/use-cases/explore-posts.js';
import { FollowUser } from '../../domain/use-cases/follow-user.js';
import { HomeTimeline } from '../../domain/use-cases/home-timeline.js';
import { PublishPost } from '../../domain/use-cases/publish-post.js';
import { UnfollowUser } from '../../domain/use-cases/unfollow-user.js';
import { UserPosts } from '../../domain/use-cases/user-posts.js';
import { aNewUser } from '../support/builders.js';
import { FixedClock } from '../support/fixed-clock.js';

async function setup() {
  const users = new InMemoryUserRepository();
  const follows = new InMemoryFollowRepository(users);
  const posts = new InMemoryPostRepository(users, follows);
  const clock = new FixedClock();
  const [susan, john, mary] = await Promise.all(['susan', 'john', 'mary'].map(async (username) => (await users.add(aNewUser({ username })))._unsafeUnwrap()));
  if (!susan || !john || !mary) throw new Error('setup failed');
  const publish = new PublishPost(posts, clock);
  const say = async (author: { id: number }, body: string) => {
    (await publish.execute({ authorId: author.id, body }))._unsafeUnwrap();
    clock.advance(1000);
  };
  return {
    susan, john, mary, follows, clock, publish, say,
    follow: new FollowUser(users, follows),
    unfollow: new UnfollowUser(users, follows),
    home: new HomeTimeline(posts),
    explore: new ExplorePosts(posts),
    byUser: new UserPosts(posts, users),
  };
}

const bodies = (page: { items: readonly { body: string }[] }) => page.items.map((post) => post.body);

test('when a post is published, then it is trimmed and stamped with the time', async () => {
  const { susan, clock, publish } = await setup();
  const post = (await publish.execute({ authorId: susan.id, body: '  Beautiful day in Portland!  ' }))._unsafeUnwrap();
  assert.is(post.body, 'Beautiful day in Portland!');
  assert.equal(post.createdAt, clock.now());
});

test('when a post is empty or longer than 140 characters, then it is refused with the reason', async () => {
  const { susan, publish } = await setup();
  assert.equal((await publish.execute({ authorId: susan.id, body: '   ' }))._unsafeUnwrapErr().problems, [{ type: 'PostEmpty', field: 'body' }]);
  assert.equal((await publish.execute({ authorId: susan.id, body: 'x'.repeat(141) }))._unsafeUnwrapErr().problems, [{ type: 'PostTooLong', field: 'body', maxLength: 140 }]);
  assert.ok((await publish.execute({ authorId: susan.id, body: '🙂'.repeat(140) })).isOk());
});

test('when users follow others, then the home timeline holds their own and the followed posts, newest first', async () => {
  const { susan, john, mary, say, follow, home } = await setup();
  await say(susan, 'susan 1');
  await say(john, 'john 1');
  await say(mary, 'mary 1');
  await say(susan, 'susan 2');
  (await follow.execute({ followerId: susan.id, user: { username: 'john' } }))._unsafeUnwrap();
  assert.equal(bodies((await home.execute(susan.id, { number: 1, size: 10 }))._unsafeUnwrap()), ['susan 2', 'john 1', 'susan 1']);
});

test('when following twice, then it is the same as once; unfollowing removes the posts again', async () => {
  const { susan, john, say, follow, unfollow, follows, home } = await setup();
  await say(john, 'john 1');
  await follow.execute({ followerId: susan.id, user: { username: 'john' } });
  await follow.execute({ followerId: susan.id, user: { username: 'JOHN' } });
  assert.equal(await follows.counts(john.id), { followers: 1, following: 0 });
  (await unfollow.execute({ followerId: susan.id, user: { username: 'john' } }))._unsafeUnwrap();
  assert.equal(bodies((await home.execute(susan.id, { number: 1, size: 10 }))._unsafeUnwrap()), []);
});

test('when following yourself or nobody, then the domain says so', async () => {
  const { susan, follow, unfollow } = await setup();
  assert.equal((await follow.execute({ followerId: susan.id, user: { username: 'Susan' } }))._unsafeUnwrapErr(), { type: 'CannotFollowYourself' });
  assert.equal((await follow.execute({ followerId: susan.id, user: { username: 'ghost' } }))._unsafeUnwrapErr(), { type: 'UserNotFound' });
  assert.equal((await unfollow.execute({ followerId: susan.id, user: { username: 'ghost' } }))._unsafeUnwrapErr(), { type: 'UserNotFound' });
});

test('when posts fill several pages, then each page knows its neighbours and a page past the end is not found', async () => {
  const { susan, say, explore } = await setup();
  for (let i = 1; i <= 5; i++) await say(susan, `post ${i}`);
  const first = (await explore.execute({ number: 1, size: 2 }))._unsafeUnwrap();
  assert.equal([bodies(first), first.hasNewer, first.hasOlder], [['post 5', 'post 4'], false, true]);
  const last = (await explore.execute({ number: 3, size: 2 }))._unsafeUnwrap();
  assert.equal([bodies(last), last.hasNewer, last.hasOlder], [['post 1'], true, false]);
  assert.equal((await explore.execute({ number: 4, size: 2 }))._unsafeUnwrapErr(), { type: 'PageNotFound' });
});

test('when nothing is posted yet, then page 1 exists and is empty, page 2 does not', async () => {
  const { susan, byUser } = await setup();
  const empty = (await byUser.execute(susan.id, { number: 1, size: 25 }))._unsafeUnwrap();
  assert.equal([empty.items, empty.hasNewer, empty.hasOlder], [[], false, false]);
  assert.ok((await byUser.execute(susan.id, { number: 2, size: 25 })).isErr());
});

test("when listing a user's posts, then only theirs, with the author attached", async () => {
  const { susan, john, say, byUser } = await setup();
  await say(susan, 'mine');
  await say(john, 'his');
  const page = (await byUser.execute(john.id, { number: 1, size: 10 }))._unsafeUnwrap();
  assert.equal(page.items.map((post) => [post.body, post.author.username]), [['his', 'john']]);
});

test.run();
