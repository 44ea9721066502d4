import { okAsync, ResultAsync } from 'neverthrow';
import { scrypt } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Database } from '../../../adapters/persistence/mikro-orm/database.js';
import { isSqliteBusy, retryWhileBusy, TransactionTurns } from '../../../adapters/persistence/mikro-orm/sqlite-lock-waits.js';
import { aNewUser } from '../../support/builders.js';
import { withSqliteFile, type SqliteFile } from '../../support/sqlite-file.js';
import { withMigratedSqlite } from '../../support/test-database.js';

// How writes on the embedded database wait for SQLite's one write lock: never asleep on a thread
// that the lock's holder, or a password hash, needs.

type World = Readonly<{ database: Database; userId: number; intruder: SqliteFile }>;

/** A migrated database on a SQLite file with one user, and a second connection to it, as another process would hold. */
function withLockedWorld(work: (world: World) => Promise<void>): Promise<void> {
  return withMigratedSqlite((database, path) => withSqliteFile(path, async (intruder) => {
    const userId = await database.inUnitOfWork(async () => (await database.users.add(aNewUser()))._unsafeUnwrap().id);
    await work({ database, userId, intruder });
  }));
}

/** A promise's outcome as it stands, for asserting that something is still waiting. */
function tracked<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  void promise.then(() => (settled = true), () => (settled = true));
  return { promise, settled: () => settled };
}

const busyError = () => Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' });

test('when an attempt is refused as busy twice, then the third try answers', async () => {
  let tries = 0;
  const answer = await retryWhileBusy(async () => {
    tries += 1;
    if (tries < 3) throw busyError();
    return 'written';
  });
  assert.equal({ answer, tries }, { answer: 'written', tries: 3 });
});

test('when an attempt fails for another reason, then it is not tried again', async () => {
  let tries = 0;
  const failure = await retryWhileBusy(async () => {
    tries += 1;
    throw new Error('UNIQUE constraint failed');
  }).catch((error: unknown) => error);
  assert.equal({ message: (failure as Error).message, tries }, { message: 'UNIQUE constraint failed', tries: 1 });
});

test('when every try is refused as busy, then the last refusal goes on once the wait is over', async () => {
  let tries = 0;
  const failure = await retryWhileBusy(async () => {
    tries += 1;
    throw busyError();
  }, 50).catch((error: unknown) => error);
  assert.is((failure as { code?: string }).code, 'SQLITE_BUSY');
  assert.ok(tries > 1, `tried ${tries} times`);
});

test('when two transactions hold their turns past a third one\'s wait, then the third fails as busy without running, and the turns after it still come', async () => {
  const turns = new TransactionTurns(50);
  let letGo = () => {};
  const holding = new Promise<void>((resolve) => (letGo = resolve));
  const holders = [1, 2].map((holder) => turns.take(async () => {
    await holding;
    return holder;
  }));
  let lateRan = false;
  const late = await turns.take(async () => {
    lateRan = true;
  }).catch((error: unknown) => error);
  const next = turns.take(async () => 3);
  letGo();

  assert.ok(isSqliteBusy(late), 'the late transaction failed as busy');
  assert.is(lateRan, false);
  assert.equal(await Promise.all([...holders, next]), [1, 2, 3]);
});

test('when four writes wait for a lock another connection holds, then a password hash still runs meanwhile, and the writes go through once the lock is let go', () => withLockedWorld(async ({ database, userId, intruder }) => {
  await intruder.exec('BEGIN IMMEDIATE');
  // As many waiting writes as libuv's pool has threads: asleep in SQLite's busy handler, they
  // would hold every thread until their wait ran out.
  const writes = Array.from({ length: 4 }, (_, i) => tracked(database.inUnitOfWork(() => database.users.recordLastSeen(userId, new Date(1_000 * i)))));
  await new Promise((resolve) => setTimeout(resolve, 200));

  await new Promise<void>((done, fail) => scrypt('password123', 'salt', 32, { N: 1024 }, (error) => (error ? fail(error) : done())));
  assert.equal(writes.map((write) => write.settled()), [false, false, false, false], 'the writes are still waiting for the lock');

  await intruder.exec('COMMIT');
  await Promise.all(writes.map((write) => write.promise));
  const user = await database.inUnitOfWork(() => database.users.findById(userId));
  assert.ok(user?.lastSeen, 'the writes were stored');
}));

test('when the lock is held past the whole wait, then a write and a transaction each fail as busy, and the transaction begins none of its work', () => withLockedWorld(async ({ database, userId, intruder }) => {
  await intruder.exec('BEGIN IMMEDIATE');
  let workRan = false;
  const [write, transaction] = await Promise.allSettled([
    database.inUnitOfWork(() => database.users.recordLastSeen(userId, new Date())),
    database.inUnitOfWork(async () => database.transactions.run(() => {
      workRan = true;
      return okAsync(null);
    })),
  ]);
  await intruder.exec('ROLLBACK');

  assert.is(write.status, 'rejected');
  assert.is(transaction.status, 'rejected');
  assert.ok(database.isBusy(write.status === 'rejected' ? write.reason : null), 'the write failed as busy');
  assert.ok(database.isBusy(transaction.status === 'rejected' ? transaction.reason : null), 'the transaction failed as busy');
  assert.is(workRan, false);
  assert.is(database.isBusy(new Error('UNIQUE constraint failed: users.email')), false);

  await database.inUnitOfWork(() => database.users.recordLastSeen(userId, new Date()));
}));

test('when transactions of this process arrive behind one that holds the lock, then they wait their turn holding no connection: a read through the pool answers meanwhile, and each commits once the lock is let go', () => withLockedWorld(async ({ database, userId }) => {
  let letGo = () => {};
  const holding = new Promise<void>((resolve) => (letGo = resolve));
  const inTransaction = (work: () => Promise<void>) => database.inUnitOfWork(async () => database.transactions.run(() => ResultAsync.fromSafePromise(work())));
  const holder = tracked(inTransaction(async () => {
    await database.users.recordLastSeen(userId, new Date(1_000));
    await holding;
  }));
  // More waiting transactions than the pool has connections: had each taken one to wait for the
  // lock in, nothing else could reach the database until the holder let go. One waits at the lock.
  const waiting = Array.from({ length: 6 }, (_, i) => tracked(inTransaction(() => database.users.recordLastSeen(userId, new Date(2_000 + i)))));
  await new Promise((resolve) => setTimeout(resolve, 100));

  try {
    const read = database.inUnitOfWork(() => database.posts.byAuthorOldestFirst(userId, null, 10));
    // Not a measure of speed: a read stuck behind the lock would wait for as long as it is held.
    const stuck = new Promise((resolve) => setTimeout(() => resolve('still waiting for a connection'), 2_000));
    assert.equal(await Promise.race([read, stuck]), []);
    assert.equal([holder, ...waiting].map((transaction) => transaction.settled()), Array(7).fill(false), 'every transaction is still waiting');
  } finally {
    letGo();
  }
  await Promise.all([holder, ...waiting].map((transaction) => transaction.promise));
  const user = await database.inUnitOfWork(() => database.users.findById(userId));
  assert.ok((user?.lastSeen?.getTime() ?? 0) >= 2_000, 'the waiting transactions wrote after the holder');
}));

test.run();
