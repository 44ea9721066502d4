import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { appErrorHandlers } from '../../adapters/http/app.js';
import { answerClientErrors } from '../../adapters/http/client-error-answer.js';
import { routeTable, type RouteEntry } from '../../adapters/http/route-table.js';
import type { ErrorReporter } from '../../adapters/logging/error-reporter.js';
import type { LogAppender } from '../../adapters/logging/log-appender.js';
import type { GateLimits } from '../../adapters/security/concurrency-gate.js';
import type { ScryptCost } from '../../adapters/security/scrypt-password-hasher.js';
import type { JobQueueOptions } from '../../adapters/persistence/job-queue-options.js';
import { Database, type DatabaseLocation } from '../../adapters/persistence/mikro-orm/database.js';
import type { RetryPolicy } from '../../domain/jobs/retry-policy.js';
import type { Clock } from '../../domain/ports/clock.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { SessionRepository } from '../../domain/ports/session-repository.js';
import type { UserRepository } from '../../domain/ports/user-repository.js';
import { buildContainer, TOKENS, type ContainerOptions, type PasswordResetOptions, type PostExportOptions } from '../../src/container.js';
import { Browser } from './browser.js';
import { captureLogs, type CapturedLogs } from './captured-logs.js';
import { eventually } from './eventually.js';
import { FAST_SCRYPT_COST } from './fast-scrypt.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** A job's retries come within milliseconds, so a test sees a mail server's "try later" end. */
export const TEST_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 5 };

export const TEST_SECRET_KEY = 'test-only-secret-key-0123456789abcdefghijklmnop';

export type TestApp = Readonly<{
  baseUrl: string;
  /** The SQLite file (null on PostgreSQL), for tests that take it away under the app. */
  sqlitePath: string | null;
  browser: () => Browser;
  /** Every route the app's routers hold, as they hold it. */
  routes: readonly RouteEntry[];
  database: Database;
  /** Where the data lives, for reading it behind the app's back. */
  location: DatabaseLocation;
  logs: CapturedLogs;
  /** Runs `work` as a request would, for reading what the app stored. */
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  /** Resolves once every job due so far (reset emails, exports) has ended: done, or failed for good. */
  backgroundSettled: () => Promise<void>;
  close: () => Promise<void>;
}>;

export type TestAppOptions = Readonly<{
  /** Wrap the real repositories, to inject failures. */
  userRepository?: (real: UserRepository) => UserRepository;
  /** Wraps the real logger the app is given, to inject failures. */
  logger?: (real: Logger) => Logger;
  sessionRepository?: (real: SessionRepository) => SessionRepository;
  viewsDir?: string;
  debug?: ContainerOptions['debug'];
  /** A database to use and leave in place: several apps on one database, or one app restarted. */
  database?: TestDatabase;
  /** Cookie signing keys, newest first. */
  secretKeys?: readonly string[];
  trustProxy?: boolean;
  clock?: Clock;
  postsPerPage?: number;
  /** How reset links are mailed; without it the site offers no reset by email. */
  passwordReset?: PasswordResetOptions;
  /** How exported posts are mailed; without it the site offers no export. */
  postExports?: PostExportOptions;
  accessTokenLifetimeMs?: number;
  /** Log appenders besides the in-memory one. */
  appenders?: Readonly<Record<string, LogAppender>>;
  /** Error reporters (a tracker), fed in this process as the app's are. */
  reporters?: readonly ErrorReporter[];
  /** The job queue's lease and retry policy; by default retries come within milliseconds. */
  jobQueue?: Partial<Pick<JobQueueOptions, 'leaseMs' | 'retryPolicy'>>;
  /** Password hashing dearer than the tests' cheap default, or with a shorter line. */
  hashing?: Readonly<{ cost?: ScryptCost; limits?: GateLimits }>;
}>;

/**
 * The whole app on a loopback port, as a browser meets it: a real SQLite file in a temporary
 * folder, real templates, and logs captured in memory (no file, no mail).
 */
async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const where = options.database ?? await createTestDatabase();
  const logs = captureLogs(options.appenders, options.reporters);
  const logger = options.logger ? options.logger(logs.logger) : logs.logger;
  // MikroORM's own messages (the migrations run) are no part of what tests read in the logs.
  const database = await Database.open(where.location, { info: () => {}, error: (message, error) => logger.error(message, error) }, {
    retryPolicy: TEST_RETRY_POLICY, ...options.jobQueue,
  });
  await database.migrate();
  const container = buildContainer({
    logger,
    database,
    secretKeys: options.secretKeys ?? [TEST_SECRET_KEY],
    trustProxy: options.trustProxy ?? false,
    ...(options.postsPerPage ? { postsPerPage: options.postsPerPage } : {}),
    ...(options.accessTokenLifetimeMs ? { accessTokenLifetimeMs: options.accessTokenLifetimeMs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    viewsDir: options.viewsDir ?? resolve('views'),
    production: true,
    scryptCost: options.hashing?.cost ?? FAST_SCRYPT_COST,
    ...(options.hashing?.limits ? { hashingLimits: options.hashing.limits } : {}),
    ...(options.userRepository ? { userRepository: options.userRepository(database.users) } : {}),
    ...(options.sessionRepository ? { sessionRepository: options.sessionRepository(database.sessions) } : {}),
    ...(options.debug ? { debug: options.debug } : {}),
    ...(options.passwordReset ? { passwordReset: options.passwordReset } : {}),
    ...(options.postExports ? { postExports: options.postExports } : {}),
    jobWorkers: { concurrency: 2, pollMs: 20 },
  });
  const jobRunner = container.resolve(TOKENS.JobRunner);
  jobRunner.start();
  const httpApp = container.resolve(TOKENS.HttpApp);
  const handle = httpApp.callback();
  const server = createServer((request, response) => logs.aroundRequest(request, () => void handle(request, response)));
  server.on('clientError', answerClientErrors(logs.logger, appErrorHandlers()));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    sqlitePath: where.sqlitePath,
    browser: () => new Browser(baseUrl),
    routes: routeTable(httpApp),
    database,
    location: where.location,
    logs,
    inUnitOfWork: (work) => database.inUnitOfWork(work),
    backgroundSettled: () => eventually(async () => {
      const due = await database.inUnitOfWork(() => database.jobs.counts());
      return due.queued + due.running === 0;
    }, 'every job done or failed', 30_000),
    close: async () => {
      await closeServer(server);
      await jobRunner.stop(10_000);
      await database.close();
      await logs.shutdown();
      if (!options.database) await where.drop();
    },
  };
}

/**
 * The one way tests start the app: `work` gets an app of its own, closed whatever `work` does, so a
 * failed assertion leaves no server, job runner or database behind for the next test.
 */
export async function withApp<T>(options: TestAppOptions, work: (app: TestApp) => Promise<T>): Promise<T> {
  const app = await startTestApp(options);
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}
