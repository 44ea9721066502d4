import { ok } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aNewUser } from '../../support/builders.js';
import { runAsync } from '../../support/result-of.js';
import { withSqliteFile } from '../../support/sqlite-file.js';
import { withMigratedSqlite } from '../../support/test-database.js';

// The hot reads run on SQLite connections of their own: what another request has not yet
// committed stays out of them, and what it committed is in them at once.

test('when another request reads while a transaction has written and not yet committed, then it sees the last commit, and the writes once committed', () => withMigratedSqlite(async (database) => {
  const now = new Date('2026-05-01T10:00:00Z');
  const userId = await database.inUnitOfWork(async () => (await database.users.add(aNewUser({ username: 'susan' })))._unsafeUnwrap().id);
  const written = promised<string>();
  const readDone = promised<void>();
  // The reader is a request of its own, begun outside the transaction's async context.
  const reader = (async () => {
    const token = await written.promise;
    try {
      return await database.inUnitOfWork(async () => ({ session: await database.sessions.find(token), notices: await database.accountNotices.of(userId) }));
    } finally {
      readDone.resolve();
    }
  })();
  const token = await database.inUnitOfWork(async () => (await runAsync(database.transactions, async () => {
    const created = await database.sessions.create({ userId, createdAt: now, lastActiveAt: now, rememberMe: false });
    await database.users.updateProfile(userId, { username: 'susan-renamed', aboutMe: '' });
    written.resolve(created);
    await readDone.promise;
    return ok(created);
  }))._unsafeUnwrap());

  assert.equal(await reader, { session: null, notices: { latestExport: null, unreadMessages: 0 } });
  const seenAfter = await database.inUnitOfWork(() => database.sessions.find(token));
  assert.is(seenAfter?.user.username, 'susan-renamed');
}));

test('when reads arrive together, then each gets its own rows', () => withMigratedSqlite(async (database) => {
  const ids = await database.inUnitOfWork(async () => {
    const added: number[] = [];
    for (let n = 0; n < 12; n++) added.push((await database.users.add(aNewUser({ username: `user${n}` })))._unsafeUnwrap().id);
    return added;
  });
  const found = await Promise.all(ids.map((id) => database.inUnitOfWork(async () => (await database.users.findById(id))?.username)));
  assert.equal(found, ids.map((_, n) => `user${n}`));
}));

test('when reads that arrive together meet a statement that cannot be prepared, then each fails with an error of its own, with the driver\'s code', () => withMigratedSqlite(async (database, path) => {
  await withSqliteFile(path, (file) => file.exec('ALTER TABLE "users" RENAME TO "users_away"'));
  // Twice as many reads as there are reading connections, so that two wait on each preparation.
  const reads = await Promise.allSettled(Array.from({ length: 8 }, () => database.inUnitOfWork(() => database.sessions.find('a-token'))));
  const failures = reads.map((read) => (read.status === 'rejected' ? read.reason as Error & { code?: string } : null));
  assert.ok(failures.every((failure) => failure?.code === 'SQLITE_ERROR' && failure.message.includes('no such table: users')), String(failures[0]));
  assert.is(new Set(failures).size, failures.length, 'no two requests share an error object');
}));

function promised<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

test.run();
