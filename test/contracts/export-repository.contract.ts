import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ExportRepository } from '../../domain/ports/export-repository.js';

export type ExportStore = Readonly<{
  exports: ExportRepository;
  /** Ids of two existing users the exports may belong to. */
  userIds: readonly [number, number];
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}>;

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 10, minute));

/** What every ExportRepository must do; run against every adapter of the port. */
export function exportRepositoryContract(name: string, open: () => Promise<ExportStore>): void {
  const test = suite<{ store: ExportStore }>(`ExportRepository contract: ${name}`, {} as { store: ExportStore });
  test.before.each(async (context) => { context.store = await open(); });
  test.after.each(async ({ store }) => { await store.close(); });

  test('when an export is added, then it is queued at 0 % with no error, found by id and as the user\'s latest', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan, john] = store.userIds;
      const added = (await store.exports.add({ userId: susan, createdAt: at(1) }))._unsafeUnwrap();
      assert.type(added.id, 'number');
      assert.equal(added, { id: added.id, userId: susan, state: 'queued', progress: 0, error: null, createdAt: at(1), updatedAt: at(1) });
      assert.equal(await store.exports.findById(added.id), added);
      assert.equal(await store.exports.latestOf(susan), added);
      assert.is(await store.exports.latestOf(john), null, 'another user has none');
      assert.is(await store.exports.findById(added.id + 1000), null);
    });
  });

  test('when a user has an export queued or running, then a second is refused, and another user\'s is not', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan, john] = store.userIds;
      const first = (await store.exports.add({ userId: susan, createdAt: at(1) }))._unsafeUnwrap();
      assert.equal((await store.exports.add({ userId: susan, createdAt: at(2) }))._unsafeUnwrapErr(), { type: 'ExportInProgress' });
      await store.exports.update(first.id, { state: 'running', updatedAt: at(3) });
      assert.equal((await store.exports.add({ userId: susan, createdAt: at(4) }))._unsafeUnwrapErr(), { type: 'ExportInProgress' });
      assert.ok((await store.exports.add({ userId: john, createdAt: at(4) })).isOk(), 'one export in progress per user, not per site');
      assert.equal(await store.exports.latestOf(susan), { ...first, state: 'running', updatedAt: at(3) }, 'the refused ones were not stored');
    });
  });

  test('when an export has ended, done or failed, then a new one can start and is the latest', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan] = store.userIds;
      const done = (await store.exports.add({ userId: susan, createdAt: at(1) }))._unsafeUnwrap();
      await store.exports.update(done.id, { state: 'done', progress: 100, updatedAt: at(2) });
      const failed = (await store.exports.add({ userId: susan, createdAt: at(3) }))._unsafeUnwrap();
      await store.exports.update(failed.id, { state: 'failed', error: 'The mail server refused the email.', updatedAt: at(4) });
      const next = (await store.exports.add({ userId: susan, createdAt: at(5) }))._unsafeUnwrap();
      assert.ok(next.id > failed.id && failed.id > done.id);
      assert.equal(await store.exports.latestOf(susan), next);
      assert.equal(await store.exports.findById(failed.id), { ...failed, state: 'failed', error: 'The mail server refused the email.', updatedAt: at(4) });
    });
  });

  test('when an export is updated, then only the fields given change, with the time; an unknown id changes nothing', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan] = store.userIds;
      const added = (await store.exports.add({ userId: susan, createdAt: at(1) }))._unsafeUnwrap();
      await store.exports.update(added.id, { state: 'running', progress: 0, error: null, updatedAt: at(2) });
      await store.exports.update(added.id, { progress: 42, updatedAt: at(3) });
      await store.exports.update(added.id, { error: 'why it failed', updatedAt: at(4) });
      assert.equal(await store.exports.findById(added.id), { ...added, state: 'running', progress: 42, error: 'why it failed', updatedAt: at(4) });
      await store.exports.update(added.id + 1000, { state: 'failed', updatedAt: at(5) });
      assert.is(await store.exports.findById(added.id + 1000), null);
    });
  });

  test('when a user starts ten exports at once, then exactly one is stored', async ({ store }) => {
    const [susan] = store.userIds;
    const started = await Promise.all(Array.from({ length: 10 }, (_, i) => store.inUnitOfWork(async () => store.exports.add({ userId: susan, createdAt: at(i) }))));
    assert.is(started.filter((result) => result.isOk()).length, 1);
    assert.ok(started.filter((result) => result.isErr()).every((result) => result._unsafeUnwrapErr().type === 'ExportInProgress'));
  });

  test.run();
}
