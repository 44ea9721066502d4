import { LockWaitTimeoutException, MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { AccessTokenRepository } from '../../../domain/ports/access-token-repository.js';
import { DEFAULT_RETRY_POLICY } from '../../../domain/jobs/retry-policy.js';
import type { AccountNoticeReads } from '../../../domain/ports/account-notices.js';
import type { ExportRepository } from '../../../domain/ports/export-repository.js';
import type { FollowRepository } from '../../../domain/ports/follow-repository.js';
import type { JobQueue } from '../../../domain/ports/jobs.js';
import type { Logger } from '../../../domain/ports/logger.js';
import type { LoginAttemptLog } from '../../../domain/ports/login-attempt-log.js';
import type { MessageRepository } from '../../../domain/ports/message-repository.js';
import type { NotificationRepository } from '../../../domain/ports/notification-repository.js';
import type { PasswordResetTokens } from '../../../domain/ports/password-reset-tokens.js';
import type { PostRepository } from '../../../domain/ports/post-repository.js';
import type { PostSearch } from '../../../domain/ports/post-search.js';
import type { SessionRepository } from '../../../domain/ports/session-repository.js';
import type { Transactions } from '../../../domain/ports/transactions.js';
import type { UserRepository } from '../../../domain/ports/user-repository.js';
import { AccessTokenSchema } from './access-token-schema.js';
import type { JobQueueOptions } from '../job-queue-options.js';
import { FollowSchema } from './follow-schema.js';
import { LazyUnitsOfWork } from './lazy-units-of-work.js';
import { LoginFailureSchema } from './login-failure-schema.js';
import { dialectOf, type ClosableJobQueue, type DatabaseLocation, type Dialect } from './dialects.js';
import { MIGRATION_NAMES } from './migrations/migration-names.js';
import { MikroOrmAccessTokenRepository } from './mikro-orm-access-token-repository.js';
import { MikroOrmAccountNoticeReads } from './mikro-orm-account-notice-reads.js';
import { MikroOrmExportRepository } from './mikro-orm-export-repository.js';
import { MikroOrmFollowRepository } from './mikro-orm-follow-repository.js';
import { MikroOrmLoginAttemptLog } from './mikro-orm-login-attempt-log.js';
import { MikroOrmMessageRepository } from './mikro-orm-message-repository.js';
import { MikroOrmNotificationRepository } from './mikro-orm-notification-repository.js';
import { MikroOrmPasswordResetTokens } from './mikro-orm-password-reset-tokens.js';
import { MikroOrmPostRepository } from './mikro-orm-post-repository.js';
import { MikroOrmSessionRepository } from './mikro-orm-session-repository.js';
import { MikroOrmTransactions } from './mikro-orm-transactions.js';
import { MikroOrmUserRepository } from './mikro-orm-user-repository.js';
import { PasswordResetSchema } from './password-reset-schema.js';
import { PostSchema } from './post-schema.js';
import type { PreparedReads } from './prepared-reads.js';
import { SessionSchema } from './session-schema.js';
import { UserSchema } from './user-schema.js';
import { isSqliteBusy } from './sqlite-lock-waits.js';

export type { DatabaseLocation } from './dialects.js';

/** Where the database's own messages go: the app's logger, or nowhere for a command that only migrates. */
export type DatabaseLog = Pick<Logger, 'info' | 'error'>;

export const SILENT_DATABASE_LOG: DatabaseLog = { info: () => {}, error: () => {} };

const DEFAULT_JOB_QUEUE_OPTIONS: JobQueueOptions = {
  clock: { now: () => new Date() },
  // Workers extend the leases of the jobs they run every third of this, so a long job keeps its
  // claim; a worker that died gives its jobs up within this long.
  leaseMs: 30_000,
  retryPolicy: DEFAULT_RETRY_POLICY,
  jitter: Math.random,
};

export class Database {
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly loginAttempts: LoginAttemptLog;
  readonly posts: PostRepository;
  readonly postSearch: PostSearch;
  readonly follows: FollowRepository;
  readonly passwordResets: PasswordResetTokens;
  readonly transactions: Transactions;
  readonly accessTokens: AccessTokenRepository;
  readonly exports: ExportRepository;
  readonly messages: MessageRepository;
  readonly notifications: NotificationRepository;
  readonly accountNotices: AccountNoticeReads;
  /** Work owed after an answer, kept in this database so that it outlives the process. */
  readonly jobs: JobQueue;

  private readonly reads: PreparedReads;

  private constructor(
    private readonly orm: MikroORM,
    private readonly units: LazyUnitsOfWork,
    private readonly dialect: Dialect,
    private readonly jobQueue: ClosableJobQueue,
    log: DatabaseLog,
  ) {
    // Both dialects' drivers are knex-based SQL drivers, whose EntityManager runs plain SQL in the current transaction.
    const em = orm.em as SqlEntityManager;
    this.reads = dialect.preparedReads(em);
    this.users = new MikroOrmUserRepository(em, this.reads, dialect.foldedUsername);
    this.sessions = new MikroOrmSessionRepository(em, this.reads);
    this.loginAttempts = new MikroOrmLoginAttemptLog(em, dialect.keyExclusion);
    this.posts = new MikroOrmPostRepository(em, this.reads, {
      statement: dialect.indexPost,
      onFailure: (error) => log.error('A new post could not be added to the search index: search will not find it until the index is rebuilt', error),
    });
    this.postSearch = dialect.postSearch(this.reads);
    this.follows = new MikroOrmFollowRepository(em, this.reads);
    this.passwordResets = new MikroOrmPasswordResetTokens(em);
    this.accessTokens = new MikroOrmAccessTokenRepository(em);
    this.exports = new MikroOrmExportRepository(em, this.reads);
    this.messages = new MikroOrmMessageRepository(em, this.reads);
    this.notifications = new MikroOrmNotificationRepository(em);
    this.accountNotices = new MikroOrmAccountNoticeReads(this.reads);
    this.transactions = new MikroOrmTransactions(em);
    this.jobs = jobQueue.queue;
  }

  /**
   * `log` receives MikroORM's own messages (migrations applied, say) and the failures a write
   * survives (a post the search index could not take); queries are never logged.
   * `jobs` tunes the job queue (tests shorten its lease and retry delays).
   */
  static async open(location: DatabaseLocation, log: DatabaseLog = SILENT_DATABASE_LOG, jobs: Partial<JobQueueOptions> = {}): Promise<Database> {
    const dialect = await dialectOf(location);
    const units = new LazyUnitsOfWork();
    const orm = await MikroORM.init({
      ...dialect.options,
      entities: [UserSchema, SessionSchema, LoginFailureSchema, PostSchema, FollowSchema, PasswordResetSchema, AccessTokenSchema],
      // Repositories resolve the request's own EntityManager; using the global one is a bug.
      allowGlobalContext: false,
      context: () => units.entityManager(),
      debug: false,
      colors: false,
      logger: (message) => log.info(message),
    });
    const jobQueue = await dialect.jobQueue(orm.em as SqlEntityManager, { ...DEFAULT_JOB_QUEUE_OPTIONS, ...jobs }, (message) => log.info(message));
    return new Database(orm, units, dialect, jobQueue, log);
  }

  /**
   * Applies pending migrations; returns the names of those it ran. The migration tooling (a quarter
   * of a start's module loading, measured) is loaded only when the database's history lacks one.
   */
  async migrate(): Promise<string[]> {
    if (await this.isUpToDate()) return [];
    const [{ Migrator }, migrationsList] = await Promise.all([import('@mikro-orm/migrations'), this.dialect.migrations()]);
    this.orm.config.set('migrations', { ...this.orm.config.get('migrations'), migrationsList });
    const applied = await new Migrator(this.orm.em as SqlEntityManager).up();
    return applied.map((migration) => migration.name);
  }

  // A history that cannot be read (a new database has no table yet) is left to the migrator.
  private async isUpToDate(): Promise<boolean> {
    try {
      const rows = (await this.orm.em.getConnection().execute('select name from mikro_orm_migrations')) as { name: string }[];
      const applied = new Set(rows.map((row) => row.name));
      return MIGRATION_NAMES.every((name) => applied.has(name));
    } catch {
      return false;
    }
  }

  /**
   * Runs `work` (one request) with an EntityManager of its own, so no state of one request's ORM
   * reaches another's. It is not a transaction: every write goes to the database as it is made, and
   * a use case that writes more than once groups its writes with `transactions`. The EntityManager
   * is forked at the first query, so work that runs none forks nothing.
   */
  inUnitOfWork<T>(work: () => Promise<T>): Promise<T> {
    return this.units.run(this.orm.em, work);
  }

  async isReachable(): Promise<boolean> {
    return this.orm.isConnected();
  }

  /**
   * Whether `error` (or what caused it) is the database refusing a statement that waited its whole
   * turn for a lock: contention, worth trying again, not a bug.
   */
  isBusy(error: unknown): boolean {
    for (let cause = error; cause instanceof Error; cause = cause.cause) {
      if (cause instanceof LockWaitTimeoutException || isSqliteBusy(cause)) return true;
    }
    return false;
  }

  async close(): Promise<void> {
    await this.jobQueue.close();
    await this.reads.close();
    await this.orm.close(true);
  }
}
