import { err, ok, ResultAsync, safeTry } from 'neverthrow';
import { isInProgress, type Export, type ExportChanges, type ExportId } from '../exports/export.js';
import { jobFailure, recipientLanguage, type ClaimedJob, type JobFailure, type Permanence } from '../jobs/job.js';
import { TASK_PROGRESS } from '../notifications/notification.js';
import type { Clock } from '../ports/clock.js';
import type { ExportEmails } from '../ports/export-emails.js';
import type { ExportRepository } from '../ports/export-repository.js';
import type { Mailer } from '../ports/mailer.js';
import type { NotificationRepository } from '../ports/notification-repository.js';
import type { PostRepository } from '../ports/post-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { PostCursor } from '../posts/post.js';

/** The kind of job `StartExport` leaves for this use case. */
export const EXPORT_POSTS = 'export-posts';

/** One job per export, however often its start is retried. */
export const exportJobKey = (id: ExportId): string => `export:${id}`;

/** Posts read at a time: the archive's size grows with the posts, the reading's memory does not. */
export const EXPORT_PAGE_SIZE = 500;

export const EXPORT_FILENAME = 'posts.json';

/**
 * Why an export failed for good, as kept with it for its owner: a code of the domain's, never a
 * transport's reply. The adapters put it into the owner's words, in the owner's language.
 */
export const EXPORT_FAILURES = {
  mailRefused: 'mail-refused',
  mailUnavailable: 'mail-unavailable',
  accountGone: 'account-gone',
  unexpected: 'unexpected',
} as const;

/** `already-ended`: a retry after the email was accepted, or a job for an export its owner was told had failed. */
export type ExportOutcome = 'emailed' | 'already-ended';

export type ExportPostsPorts = Readonly<{
  exports: ExportRepository;
  users: UserRepository;
  posts: PostRepository;
  emails: ExportEmails;
  mailer: Mailer;
  /** Where the owner's `task_progress` notification is kept, for a polling page to read. */
  notifications: NotificationRepository;
  clock: Clock;
}>;

/**
 * The job behind "Export your posts": reads every post of the owner, oldest first, a page at a
 * time, noting its progress as it goes, on the export and in its owner's `task_progress`
 * notification; emails them as `posts.json`; and marks the export done.
 * Each attempt starts over, and one that fails leaves the owner's reason on the export, which
 * `failedForGood` shows them once the queue gives up.
 */
export class ExportPosts {
  constructor(
    private readonly ports: ExportPostsPorts,
    private readonly pageSize: number = EXPORT_PAGE_SIZE,
  ) {}

  execute(job: Pick<ClaimedJob, 'payload'>): ResultAsync<ExportOutcome, JobFailure> {
    return safeTry(() => this.export(job));
  }

  private async *export(job: Pick<ClaimedJob, 'payload'>) {
    const id = exportIdOf(job);
    if (id === null) return err(jobFailure('permanent', 'the job names no export'));
    const { exports, users } = this.ports;
    const exported = await exports.findById(id);
    if (!exported) return err(jobFailure('permanent', `export ${id} no longer exists`));
    if (!isInProgress(exported)) return ok<ExportOutcome>('already-ended');
    const user = await users.findById(exported.userId);
    if (!user) return this.failed(id, 'permanent', `the user of export ${id} no longer exists`, EXPORT_FAILURES.accountGone);

    await this.progressed(exported, { state: 'running', progress: 0, error: null });
    const content = await this.archive(exported);
    const email = await this.ports.emails.compose({ username: user.username, language: recipientLanguage(user, job) });
    yield* this.ports.mailer.send({
      to: [user.email],
      ...email,
      attachments: [{ filename: EXPORT_FILENAME, contentType: 'application/json', content }],
    }).orElse(({ permanence, reason }) =>
      this.failed(id, permanence, reason, permanence === 'permanent' ? EXPORT_FAILURES.mailRefused : EXPORT_FAILURES.mailUnavailable));
    await this.progressed(exported, { state: 'done', progress: 100 });
    return ok<ExportOutcome>('emailed');
  }

  /** The queue gave up on the job: the export is failed, with its last attempt's reason, or a general one. */
  async failedForGood(job: Pick<ClaimedJob, 'payload'>): Promise<void> {
    const id = exportIdOf(job);
    if (id === null) return;
    const exported = await this.ports.exports.findById(id);
    if (!exported || !isInProgress(exported)) return;
    await this.ports.exports.update(id, { state: 'failed', error: exported.error ?? EXPORT_FAILURES.unexpected, updatedAt: this.ports.clock.now() });
  }

  /**
   * `{"posts": [{"body": …, "timestamp": "<ISO 8601 UTC>"}, …]}`, every post oldest first. Each page
   * is serialized as soon as it is read, so only its text is kept, never the posts themselves.
   */
  private async archive({ id, userId }: Export): Promise<string> {
    const { posts } = this.ports;
    const total = await posts.countByAuthor(userId);
    const pages: string[] = [];
    let after: PostCursor | null = null;
    let read = 0;
    for (;;) {
      const page = await posts.byAuthorOldestFirst(userId, after, this.pageSize);
      const last = page.at(-1);
      if (!last) break;
      pages.push(page.map((post) => JSON.stringify({ body: post.body, timestamp: post.createdAt.toISOString() })).join(','));
      read += page.length;
      after = last;
      // 100 % is for the email accepted; posts written meanwhile may take the count past the total.
      await this.progressed({ id, userId }, { progress: Math.min(99, Math.floor((read * 100) / Math.max(total, 1))) });
      if (page.length < this.pageSize) break;
    }
    return `{"posts":[${pages.join(',')}]}`;
  }

  /**
   * Notes how far the export got, on the export and then in its owner's notification. Not one
   * transaction: a notification lost to a crash between the two is written again by the retry,
   * which starts over from 0 %.
   */
  private async progressed({ id, userId }: Pick<Export, 'id' | 'userId'>, changes: Omit<ExportChanges, 'updatedAt'> & { progress: number }): Promise<void> {
    const { exports, notifications, clock } = this.ports;
    const now = clock.now();
    await exports.update(id, { ...changes, updatedAt: now });
    await notifications.replace({ userId, name: TASK_PROGRESS, data: { task_id: id, progress: changes.progress }, timestamp: now });
  }

  private failed(id: ExportId, permanence: Permanence, reason: string, forOwner: string): ResultAsync<never, JobFailure> {
    return ResultAsync.fromSafePromise(this.ports.exports.update(id, { error: forOwner, updatedAt: this.ports.clock.now() }))
      .andThen(() => err(jobFailure(permanence, reason)));
  }
}

function exportIdOf(job: Pick<ClaimedJob, 'payload'>): ExportId | null {
  const id = job.payload['exportId'];
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

