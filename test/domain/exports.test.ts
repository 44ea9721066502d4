import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryMailer } from '../../adapters/mail/in-memory-mailer.js';
import { InMemoryExportRepository } from '../../adapters/persistence/in-memory/in-memory-export-repository.js';
import { InMemoryAccountNoticeReads } from '../../adapters/persistence/in-memory/in-memory-account-notice-reads.js';
import { InMemoryFollowRepository } from '../../adapters/persistence/in-memory/in-memory-follow-repository.js';
import { InMemoryJobQueue } from '../../adapters/persistence/in-memory/in-memory-job-queue.js';
import { InMemoryMessageRepository } from '../../adapters/persistence/in-memory/in-memory-message-repository.js';
import { InMemoryNotificationRepository } from '../../adapters/persistence/in-memory/in-memory-notification-repository.js';
import { InMemoryPostRepository } from '../../adapters/persistence/in-memory/in-memory-post-repository.js';
import { InMemoryTransactions } from '../../adapters/persistence/in-memory/in-memory-transactions.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import type { ExportChanges, ExportId } from '../../domain/exports/export.js';
import type { ClaimedJob, JobPayload } from '../../domain/jobs/job.js';
import { TASK_PROGRESS } from '../../domain/notifications/notification.js';
import { DEFAULT_RETRY_POLICY } from '../../domain/jobs/retry-policy.js';
import type { ExportEmails } from '../../domain/ports/export-emails.js';
import type { Jobs } from '../../domain/ports/jobs.js';
import type { PostRepository } from '../../domain/ports/post-repository.js';
import type { Post, PostCursor } from '../../domain/posts/post.js';
import { EXPORT_FAILURES, EXPORT_PAGE_SIZE, EXPORT_POSTS, ExportPosts } from '../../domain/use-cases/export-posts.js';
import { GetAccountNotices } from '../../domain/use-cases/get-account-notices.js';
import { GetExport } from '../../domain/use-cases/get-export.js';
import { StartExport } from '../../domain/use-cases/start-export.js';
import { aNewUser } from '../support/builders.js';
import { FixedClock } from '../support/fixed-clock.js';

const MINUTE = 60_000;

/** The export email without templates: the same contract as the pug one. */
const plainExportEmails: ExportEmails = {
  compose: async ({ username }) => ({ subject: '[Microblog] Your blog posts', text: `Dear ${username},`, html: `<p>Dear ${username},</p>` }),
};

type Archive = { posts: { body: string; timestamp: string }[] };

async function setup(options: Readonly<{ posts?: (real: PostRepository) => PostRepository; jobs?: (real: Jobs) => Jobs; pageSize?: number }> = {}) {
  const users = new InMemoryUserRepository();
  const realPosts = new InMemoryPostRepository(users, new InMemoryFollowRepository(users));
  const posts = options.posts?.(realPosts) ?? realPosts;
  const exports = new InMemoryExportRepository();
  const clock = new FixedClock();
  const queue = new InMemoryJobQueue({ clock, leaseMs: MINUTE, retryPolicy: DEFAULT_RETRY_POLICY, jitter: () => 0 });
  const mailer = new InMemoryMailer();
  const notifications = new InMemoryNotificationRepository();
  const susan = (await users.add(aNewUser({ username: 'susan', email: 'susan@example.com' })))._unsafeUnwrap();
  const john = (await users.add(aNewUser({ username: 'john', email: 'john@example.com' })))._unsafeUnwrap();
  const start = new StartExport({ exports, jobs: options.jobs?.(queue) ?? queue, transactions: new InMemoryTransactions([exports, queue]), clock });
  const job = new ExportPosts({ exports, users, posts, emails: plainExportEmails, mailer, notifications, clock }, options.pageSize);
  /** Claims the export job that is due, as a worker would. */
  const claim = async (): Promise<ClaimedJob> => {
    const [claimed] = await queue.claim([EXPORT_POSTS], 1);
    if (!claimed) throw new Error('no export job is due');
    return claimed;
  };
  const archiveOf = (index = -1): Archive => {
    const attachment = mailer.sent.at(index)?.attachments?.[0];
    return JSON.parse(String(attachment?.content)) as Archive;
  };
  return { users, posts: realPosts, exports, clock, queue, mailer, notifications, susan, john, start, job, claim, archiveOf, get: new GetExport(exports),
    notices: new GetAccountNotices(new InMemoryAccountNoticeReads(exports, new InMemoryMessageRepository(users))) };
}

test('when a user starts an export, then it is queued with one job keyed by it, which emails every post oldest first as posts.json and marks it done', async () => {
  const { posts, start, job, claim, mailer, susan, john, exports, clock, archiveOf } = await setup();
  await posts.add({ authorId: susan.id, body: 'second', createdAt: new Date('2026-01-02T10:00:00Z') });
  await posts.add({ authorId: susan.id, body: 'first <b>"quoted"</b> ✓', createdAt: new Date('2026-01-01T09:30:00.250Z') });
  await posts.add({ authorId: john.id, body: 'not hers', createdAt: new Date('2026-01-01T12:00:00Z') });
  const started = (await start.execute(susan.id, 'en'))._unsafeUnwrap();
  assert.equal(started, { id: started.id, userId: susan.id, state: 'queued', progress: 0, error: null, createdAt: clock.now(), updatedAt: clock.now() });
  const claimed = await claim();
  assert.equal(claimed.payload, { exportId: started.id, language: 'en' });
  assert.is((await job.execute(claimed))._unsafeUnwrap(), 'emailed');

  const [mail, ...others] = mailer.sent;
  assert.equal(others, []);
  assert.equal(mail?.to, ['susan@example.com']);
  assert.is(mail?.subject, '[Microblog] Your blog posts');
  assert.equal(mail?.attachments?.map((file) => [file.filename, file.contentType]), [['posts.json', 'application/json']]);
  assert.equal(archiveOf(), { posts: [
    { body: 'first <b>"quoted"</b> ✓', timestamp: '2026-01-01T09:30:00.250Z' },
    { body: 'second', timestamp: '2026-01-02T10:00:00.000Z' },
  ] });
  assert.equal(await exports.findById(started.id), { ...started, state: 'done', progress: 100 });
});

test('when an export runs, then its owner\'s task_progress notification follows it, from 0 as it starts, page by page, to 100 once emailed, and nobody else gets one', async () => {
  const { posts, start, job, claim, notifications, susan, john, clock } = await setup({ pageSize: 1 });
  for (const body of ['one', 'two', 'three']) await posts.add({ authorId: susan.id, body, createdAt: clock.now() });
  const reported: unknown[] = [];
  const replace = notifications.replace.bind(notifications);
  notifications.replace = async (notification) => {
    reported.push(notification.data);
    return replace(notification);
  };
  const started = (await start.execute(susan.id, 'en'))._unsafeUnwrap();
  assert.is((await job.execute(await claim()))._unsafeUnwrap(), 'emailed');

  assert.equal(reported, [0, 33, 66, 99, 100].map((progress) => ({ task_id: started.id, progress })));
  assert.equal(await notifications.since(susan.id, new Date(0)), [
    { userId: susan.id, name: TASK_PROGRESS, data: { task_id: started.id, progress: 100 }, timestamp: clock.now() },
  ]);
  assert.equal(await notifications.since(john.id, new Date(0)), []);
});

test('when the same key is enqueued again, then it is the one job: an export is emailed once', async () => {
  const { start, queue, susan } = await setup();
  const started = (await start.execute(susan.id, 'en'))._unsafeUnwrap();
  await queue.enqueue({ kind: EXPORT_POSTS, payload: { exportId: started.id }, key: `export:${started.id}` });
  assert.is((await queue.counts()).queued, 1);
});

test('when the user has no posts, then the archive is an empty list, still emailed', async () => {
  const { start, job, claim, susan, archiveOf } = await setup();
  await start.execute(susan.id, 'en');
  assert.is((await job.execute(await claim()))._unsafeUnwrap(), 'emailed');
  assert.equal(archiveOf(), { posts: [] });
});

test('when an export is queued or running, then starting another is refused as ExportInProgress and leaves no job; once done, a new one starts', async () => {
  const { start, job, claim, queue, susan, john } = await setup();
  const first = (await start.execute(susan.id, 'en'))._unsafeUnwrap();
  assert.equal((await start.execute(susan.id, 'en'))._unsafeUnwrapErr(), { type: 'ExportInProgress' });
  const claimed = await claim();
  assert.equal((await start.execute(susan.id, 'en'))._unsafeUnwrapErr(), { type: 'ExportInProgress' }, 'claimed, not yet running');
  assert.ok((await start.execute(john.id, 'en')).isOk(), 'another user\'s export is no obstacle');
  assert.is((await queue.counts()).queued, 1, 'john\'s job only');
  await job.execute(claimed);
  const second = (await start.execute(susan.id, 'en'))._unsafeUnwrap();
  assert.ok(second.id > first.id);
});

test('when the job cannot be enqueued, then no export is kept either: both or neither', async () => {
  const { start, exports, susan } = await setup({ jobs: () => ({ enqueue: async () => { throw new Error('the database went away'); } }) });
  await start.execute(susan.id, 'en').then(() => assert.unreachable('the failure goes on'), (error: unknown) => assert.is((error as Error).message, 'the database went away'));
  assert.is(await exports.latestOf(susan.id), null, 'no export says "in progress" with no job behind it');
});

test('when a user asks for an export, then only their own is found; another user\'s is not found, as an unknown id', async () => {
  const { start, get, notices, susan, john } = await setup();
  const started = (await start.execute(susan.id, 'en'))._unsafeUnwrap();
  assert.equal((await get.execute({ exportId: started.id, userId: susan.id }))._unsafeUnwrap(), started);
  assert.equal((await get.execute({ exportId: started.id, userId: john.id }))._unsafeUnwrapErr(), { type: 'ExportNotFound' });
  assert.equal((await get.execute({ exportId: started.id + 1, userId: susan.id }))._unsafeUnwrapErr(), { type: 'ExportNotFound' });
  assert.equal((await notices.execute(susan.id)).latestExport, started, 'the pages show the latest export to its owner');
  assert.is((await notices.execute(john.id)).latestExport, null);
});

test('when the mail server refuses for good, then the failure is permanent with the server\'s reason, and the owner is told in words of ours once the queue gives up', async () => {
  const { start, job, claim, mailer, exports, susan } = await setup();
  const started = (await start.execute(susan.id, 'en'))._unsafeUnwrap();
  mailer.refuse('EENVELOPE: 550 5.1.1 <susan@example.com>: Recipient address rejected (command: RCPT TO)', 'permanent');
  const claimed = await claim();
  const failure = (await job.execute(claimed))._unsafeUnwrapErr();
  assert.is(failure.permanence, 'permanent');
  assert.match(failure.reason, '550', 'the operators\' log gets the server\'s reply');
  assert.is((await exports.findById(started.id))?.state, 'running', 'failed only once the queue says so');
  await job.failedForGood(claimed);
  const failed = await exports.findById(started.id);
  assert.is(failed?.state, 'failed');
  assert.is(failed?.error, EXPORT_FAILURES.mailRefused);
  assert.not.match(failed?.error ?? '', '550', 'no transport reply for the owner');
  assert.ok((await start.execute(susan.id, 'en')).isOk(), 'a failed export does not block the next');
});

test('when the mail server says "try later", then the failure is transient, and the next attempt sends it and clears the reason', async () => {
  const { start, job, claim, mailer, exports, susan, queue } = await setup();
  const started = (await start.execute(susan.id, 'en'))._unsafeUnwrap();
  mailer.refuse('451 4.7.1 Greylisted, please try again later', 'transient');
  const first = await claim();
  const failure = (await job.execute(first))._unsafeUnwrapErr();
  assert.is(failure.permanence, 'transient');
  assert.is((await exports.findById(started.id))?.error, EXPORT_FAILURES.mailUnavailable);
  mailer.refuse(null);
  await queue.release(first);
  assert.is((await job.execute(await claim()))._unsafeUnwrap(), 'emailed');
  assert.equal(await exports.findById(started.id), { ...started, state: 'done', progress: 100, error: null });
  assert.is(mailer.sent.length, 1);
});

test('when the queue gives up on an attempt that left no reason (it threw, its worker died), then the owner reads a general one', async () => {
  const { start, job, claim, exports, susan } = await setup();
  const started = (await start.execute(susan.id, 'en'))._unsafeUnwrap();
  const claimed = await claim();
  await exports.update(started.id, { state: 'running', updatedAt: new Date() });
  await job.failedForGood(claimed);
  assert.equal(await exports.findById(started.id).then((found) => [found?.state, found?.error]), ['failed', EXPORT_FAILURES.unexpected]);
});

test('when the export was emailed already, then a retry of its job sends nothing more', async () => {
  const { start, job, claim, mailer, susan } = await setup();
  await start.execute(susan.id, 'en');
  const claimed = await claim();
  await job.execute(claimed);
  assert.is((await job.execute(claimed))._unsafeUnwrap(), 'already-ended');
  await job.failedForGood(claimed);
  assert.is(mailer.sent.length, 1);
});

test('when the user no longer exists, or the job names no export, then the failure is permanent and nothing is sent', async () => {
  const { job, exports, mailer } = await setup();
  const orphan = (await exports.add({ userId: 999, createdAt: new Date() }))._unsafeUnwrap();
  assert.is((await job.execute({ payload: { exportId: orphan.id } }))._unsafeUnwrapErr().permanence, 'permanent');
  assert.is((await exports.findById(orphan.id))?.error, EXPORT_FAILURES.accountGone);
  const unreadable: JobPayload[] = [{}, { exportId: 'one' }, { exportId: -1 }, { exportId: orphan.id + 1 }];
  for (const payload of unreadable) {
    assert.is((await job.execute({ payload }))._unsafeUnwrapErr().permanence, 'permanent', JSON.stringify(payload));
  }
  assert.equal(mailer.sent, []);
});

/** 100,000 posts of one author made up on request, never stored: the reads are what is measured. */
class ManyPosts implements Pick<PostRepository, 'byAuthorOldestFirst' | 'countByAuthor'> {
  readonly pageSizes: number[] = [];

  constructor(private readonly count: number) {}

  async byAuthorOldestFirst(authorId: number, after: PostCursor | null, limit: number): Promise<Post[]> {
    const from = (after?.id ?? 0) + 1;
    const page: Post[] = [];
    for (let id = from; id < from + limit && id <= this.count; id++) page.push({ id, authorId, body: `post ${id}`, createdAt: new Date(Date.UTC(2020, 0, 1) + id * 1000) });
    this.pageSizes.push(page.length);
    return page;
  }

  async countByAuthor(): Promise<number> {
    return this.count;
  }
}

test('when a user has 100,000 posts, then they are read in pages of at most 500, from the last one read, with the progress rising to 99 % before the email', async () => {
  const many = new ManyPosts(100_000);
  // Only the paged read and the count: any other read of the posts (a whole list, an offset) fails the test.
  const onlyPaged = (): PostRepository => new Proxy(many, {
    get: (target, name) => {
      if (name === 'byAuthorOldestFirst' || name === 'countByAuthor') return target[name].bind(target);
      throw new Error(`the export read posts with ${String(name)}`);
    },
  }) as unknown as PostRepository;
  const { start, job, claim, exports, susan, archiveOf } = await setup({ posts: onlyPaged });
  const progress: number[] = [];
  const update = exports.update.bind(exports);
  exports.update = async (id: ExportId, changes: ExportChanges) => {
    if (changes.progress !== undefined) progress.push(changes.progress);
    return update(id, changes);
  };
  await start.execute(susan.id, 'en');
  assert.is((await job.execute(await claim()))._unsafeUnwrap(), 'emailed');

  assert.ok(many.pageSizes.every((size) => size <= EXPORT_PAGE_SIZE), `page sizes: ${[...new Set(many.pageSizes)].join(', ')}`);
  assert.is(many.pageSizes.reduce((sum, size) => sum + size, 0), 100_000);
  assert.is(many.pageSizes.length, 100_000 / EXPORT_PAGE_SIZE + 1, 'one page per 500 posts, and the empty one that ends the walk');
  const archive = archiveOf();
  assert.is(archive.posts.length, 100_000);
  assert.equal([archive.posts[0]?.body, archive.posts[99_999]?.body], ['post 1', 'post 100000']);
  assert.ok(progress.every((value, i) => i === 0 || value >= (progress[i - 1] ?? 0)), 'the progress never goes back');
  assert.equal([progress[0], progress[1], progress.at(-2), progress.at(-1)], [0, 0, 99, 100]);
});

test.run();
