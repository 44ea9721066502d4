import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { FollowRepository } from '../../domain/ports/follow-repository.js';
import type { PostRepository } from '../../domain/ports/post-repository.js';
import type { UserRepository } from '../../domain/ports/user-repository.js';
import { aNewUser } from '../support/builders.js';

export type PostStore = Readonly<{
  users: UserRepository;
  posts: PostRepository;
  follows: FollowRepository;
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}>;

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 10, minute));

/** What the post and follow stores must do, together: timelines join authors and follows. */
export function postRepositoryContract(name: string, open: () => Promise<PostStore>): void {
  const test = suite<{ store: PostStore }>(`PostRepository and FollowRepository contract: ${name}`, {} as { store: PostStore });
  test.before.each(async (context) => { context.store = await open(); });
  test.after.each(async ({ store }) => { await store.close(); });

  const people = async (store: PostStore, ...names: string[]) =>
    Promise.all(names.map(async (username) => (await store.users.add(aNewUser({ username, email: `${username}@example.com` })))._unsafeUnwrap()));

  test('when a post is added, then it comes back with its id, and in timelines with its author', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan] = await people(store, 'susan');
      if (!susan) throw new Error('no user');
      const post = await store.posts.add({ authorId: susan.id, body: 'Hello <world> 🙂', createdAt: at(1) });
      assert.type(post.id, 'number');
      assert.equal(await store.posts.everyone(0, 10), [{
        id: post.id, body: 'Hello <world> 🙂', createdAt: at(1), author: { id: susan.id, username: 'susan', email: 'susan@example.com' },
      }]);
    });
  });

  test('when listing, then newest first, ties by id, and offset and limit cut the page', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan] = await people(store, 'susan');
      if (!susan) throw new Error('no user');
      for (const [minute, body] of [[3, 'c'], [1, 'a'], [2, 'b'], [3, 'd']] as const) await store.posts.add({ authorId: susan.id, body, createdAt: at(minute) });
      const bodies = async (offset: number, limit: number) => (await store.posts.byAuthor(susan.id, offset, limit)).map((post) => post.body);
      assert.equal(await bodies(0, 10), ['d', 'c', 'b', 'a']);
      assert.equal(await bodies(1, 2), ['c', 'b']);
      assert.equal(await bodies(4, 2), []);
    });
  });

  test('when walking an author\'s posts oldest first, then each page starts just after the last one, ties by id, other authors left out', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan, john] = await people(store, 'susan', 'john');
      if (!susan || !john) throw new Error('no users');
      for (const [minute, body] of [[3, 'c'], [1, 'a'], [2, 'b'], [3, 'd'], [4, 'e']] as const) await store.posts.add({ authorId: susan.id, body, createdAt: at(minute) });
      await store.posts.add({ authorId: john.id, body: 'john', createdAt: at(2) });
      const pages: string[][] = [];
      let after = null;
      for (;;) {
        const page = await store.posts.byAuthorOldestFirst(susan.id, after, 3);
        if (page.length === 0) break;
        pages.push(page.map((post) => post.body));
        after = page.at(-1) ?? null;
      }
      assert.equal(pages, [['a', 'b', 'c'], ['d', 'e']], 'c and d, of one minute, are split across pages, neither lost nor repeated');
      const [first] = await store.posts.byAuthorOldestFirst(susan.id, null, 1);
      assert.equal(first && { ...first }, { id: first?.id, authorId: susan.id, body: 'a', createdAt: at(1) });
      assert.equal(await store.posts.byAuthorOldestFirst(john.id + 1000, null, 10), []);
    });
  });

  test('when users follow each other, then the home timeline has exactly own and followed posts', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan, john, mary] = await people(store, 'susan', 'john', 'mary');
      if (!susan || !john || !mary) throw new Error('no users');
      await store.posts.add({ authorId: susan.id, body: 'susan', createdAt: at(1) });
      await store.posts.add({ authorId: john.id, body: 'john', createdAt: at(2) });
      await store.posts.add({ authorId: mary.id, body: 'mary', createdAt: at(3) });
      await store.follows.follow(susan.id, john.id);
      assert.equal((await store.posts.homeTimeline(susan.id, 0, 10)).map((post) => post.body), ['john', 'susan']);
      assert.equal((await store.posts.homeTimeline(mary.id, 0, 10)).map((post) => post.body), ['mary']);
    });
  });

  test('when following twice, then once; unfollowing ends it; counts and checks agree', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan, john] = await people(store, 'susan', 'john');
      if (!susan || !john) throw new Error('no users');
      await store.follows.follow(susan.id, john.id);
      await store.follows.follow(susan.id, john.id);
      assert.ok(await store.follows.isFollowing(susan.id, john.id));
      assert.not.ok(await store.follows.isFollowing(john.id, susan.id));
      assert.equal(await store.follows.counts(john.id), { followers: 1, following: 0 });
      assert.equal(await store.follows.counts(susan.id), { followers: 0, following: 1 });
      await store.follows.unfollow(susan.id, john.id);
      await store.follows.unfollow(susan.id, john.id);
      assert.not.ok(await store.follows.isFollowing(susan.id, john.id));
      assert.equal(await store.follows.counts(john.id), { followers: 0, following: 0 });
    });
  });

  test('when counting, then each count agrees with its list', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan, john, mary] = await people(store, 'susan', 'john', 'mary');
      if (!susan || !john || !mary) throw new Error('no users');
      assert.is(await store.posts.countEveryone(), 0);
      for (const [author, minute] of [[susan, 1], [john, 2], [john, 3], [mary, 4]] as const) await store.posts.add({ authorId: author.id, body: 'x', createdAt: at(minute) });
      await store.follows.follow(susan.id, john.id);
      assert.is(await store.posts.countEveryone(), 4);
      assert.is(await store.posts.countByAuthor(john.id), 2);
      assert.is(await store.posts.countHomeTimeline(susan.id), 3);
      assert.is(await store.posts.countHomeTimeline(mary.id), 1);
      assert.is((await store.posts.homeTimeline(susan.id, 0, 10)).length, 3);
    });
  });

  test('when counting for a list of users at once, then each user gets the counts asked one by one, zeros included', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan, john, mary] = await people(store, 'susan', 'john', 'mary');
      if (!susan || !john || !mary) throw new Error('no users');
      for (const [author, minute] of [[susan, 1], [john, 2], [john, 3]] as const) await store.posts.add({ authorId: author.id, body: 'x', createdAt: at(minute) });
      await store.follows.follow(susan.id, john.id);
      await store.follows.follow(mary.id, john.id);
      const ids = [john.id, mary.id, susan.id];
      const follows = await store.follows.countsOfEach(ids);
      const posts = await store.posts.countByEachAuthor(ids);
      for (const id of ids) {
        assert.equal(follows.get(id), await store.follows.counts(id));
        assert.is(posts.get(id), await store.posts.countByAuthor(id));
      }
      assert.equal(follows.get(john.id), { followers: 2, following: 0 });
      assert.is(posts.get(mary.id), 0);
      assert.is((await store.follows.countsOfEach([])).size, 0);
      assert.is((await store.posts.countByEachAuthor([])).size, 0);
    });
  });

  test('when listing followers and followed users, then by id, cut by offset and limit, with every field', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan, john, mary] = await people(store, 'susan', 'john', 'mary');
      if (!susan || !john || !mary) throw new Error('no users');
      await store.follows.follow(mary.id, susan.id);
      await store.follows.follow(john.id, susan.id);
      await store.follows.follow(susan.id, mary.id);
      assert.equal(await store.follows.followersOf(susan.id, 0, 10), [john, mary].sort((a, b) => a.id - b.id));
      assert.equal((await store.follows.followersOf(susan.id, 1, 1)).map((user) => user.id), [Math.max(john.id, mary.id)]);
      assert.equal(await store.follows.followeesOf(susan.id, 0, 10), [mary]);
      assert.equal(await store.follows.followeesOf(john.id, 0, 10), [susan]);
      assert.equal(await store.follows.followersOf(john.id, 0, 10), []);
    });
  });

  test.run();
}
