import { errAsync, ResultAsync } from 'neverthrow';
import { exportInProgress, type ExportInProgress } from '../errors.js';
import { isInProgress, type Export } from '../exports/export.js';
import type { Clock } from '../ports/clock.js';
import type { Language } from '../ports/translator.js';
import type { ExportRepository } from '../ports/export-repository.js';
import type { Jobs } from '../ports/jobs.js';
import type { Transactions } from '../ports/transactions.js';
import type { UserId } from '../user.js';
import { EXPORT_POSTS, exportJobKey } from './export-posts.js';

export type StartExportPorts = Readonly<{
  exports: ExportRepository;
  jobs: Jobs;
  transactions: Transactions;
  clock: Clock;
}>;

/**
 * "Export your posts": writes down the export and the job that will make and email it, in one
 * transaction, so neither exists without the other: an export nobody works on would say "in
 * progress" forever, and a job without its export would email an archive nobody can follow.
 */
export class StartExport {
  constructor(private readonly ports: StartExportPorts) {}

  /** `language`: the one the owner reads the email in. */
  execute(userId: UserId, language: Language): ResultAsync<Export, ExportInProgress> {
    const { exports, jobs, transactions, clock } = this.ports;
    return transactions.run(() => ResultAsync.fromSafePromise(exports.latestOf(userId))
      .andThen((latest) => (latest && isInProgress(latest) ? errAsync(exportInProgress()) : exports.add({ userId, createdAt: clock.now() })))
      .map(async (started) => {
        await jobs.enqueue({ kind: EXPORT_POSTS, payload: { exportId: started.id, language }, key: exportJobKey(started.id) });
        return started;
      }));
  }
}
