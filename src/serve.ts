import { createServer } from 'node:http';
import type { DependencyContainer } from 'tsyringe';
import { appErrorHandlers } from '../adapters/http/app.js';
import { answerClientErrors } from '../adapters/http/client-error-answer.js';
import { createDebugPage } from '../adapters/http/errors/debug-page.js';
import type { Logging } from '../adapters/logging/configure-logging.js';
import { stackLines } from '../adapters/logging/stack-frames.js';
import { Database } from '../adapters/persistence/mikro-orm/database.js';
import type { Logger } from '../domain/ports/logger.js';
import type { Mailer } from '../domain/ports/mailer.js';
import type { Config } from './config.js';
import { buildContainer, TOKENS } from './container.js';
import { createMailer } from './logging.js';
import { PROJECT_ROOT, VIEWS_DIR } from './paths.js';
import { installShutdown } from './shutdown.js';

/** In-flight requests, and running jobs, get this long to finish once a stop begins. */
const SHUTDOWN_GRACE_MS = 10_000;
// The grace period, then the database and the mail flush (5 s each at most), with time to spare
// on a busy machine.
const STOP_DEADLINE_MS = 25_000;

export type ServeOptions = Readonly<{
  config: Config;
  secretKeys: readonly string[];
  logging: Logging;
  /** A single process migrates its own database; cluster workers leave that to the primary. */
  migrate: boolean;
  /** Called once the server listens (the single process announces the start there). */
  onListening: (url: string) => void;
  /** What the shutdown line calls this process. */
  role: string;
}>;

/** Opens the database and serves the app until a signal or a fatal error stops it. */
export async function serve(options: ServeOptions): Promise<void> {
  const { config, logging } = options;
  const { logger } = logging;
  const database = await Database.open(config.database, logger);
  if (options.migrate) {
    const applied = await database.migrate();
    if (applied.length > 0) logger.info(`Database migrated: ${applied.join(', ')}`);
  }

  // Mail to users (reset links, exported posts) goes out in debug mode too (alerts do not): a
  // developer tries the flows with MAIL_TRANSPORT=file.
  const userMailer = config.mail ? createMailer(config.mail, config.instanceDir) : null;
  const container = appContainer({ config, secretKeys: options.secretKeys, logger, database, userMailer });
  const handle = container.resolve(TOKENS.HttpApp).callback();
  const server = createServer((request, response) => logging.aroundRequest(request, () => void handle(request, response)));
  server.on('clientError', answerClientErrors(logger, appErrorHandlers()));

  // Every process of a cluster runs jobs, as it serves requests: the claim is atomic, so they share
  // the queue without coordinating, and the primary stays a supervisor that holds no database connection.
  const jobRunner = container.resolve(TOKENS.JobRunner);
  installShutdown({
    server,
    logger,
    role: options.role,
    graceMs: SHUTDOWN_GRACE_MS,
    deadlineMs: STOP_DEADLINE_MS,
    stopWork: async (graceMs) => {
      const released = await jobRunner.stop(graceMs);
      if (released > 0) logger.warn(`${released} jobs were still running at shutdown; they are queued again for the next start`);
    },
    release: async () => {
      await userMailer?.close();
      await database.close();
      await logging.shutdown();
    },
  });

  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    options.onListening(`http://${config.host}:${port}/`);
    jobRunner.start();
  });
}

export type AppContainerOptions = Readonly<{
  config: Config;
  secretKeys: readonly string[];
  logger: Logger;
  database: Database;
  userMailer: Mailer | null;
}>;

/** The app's parts as `config` asks for them, on an open database. */
export function appContainer({ config, secretKeys, logger, database, userMailer }: AppContainerOptions): DependencyContainer {
  return buildContainer({
    logger,
    database,
    secretKeys,
    trustProxy: config.trustProxy,
    postsPerPage: config.postsPerPage,
    accessTokenLifetimeMs: config.apiTokenLifetimeMs,
    viewsDir: VIEWS_DIR,
    production: config.mode === 'production',
    passwordReset: userMailer ? { mailer: userMailer, baseUrl: config.baseUrl, linkLifetimeMs: config.passwordResetLinkMs } : null,
    postExports: userMailer ? { mailer: userMailer } : null,
    ...(config.debug ? { debug: { page: createDebugPage({ projectRoot: PROJECT_ROOT, viewsDir: VIEWS_DIR, stackLines }), allowedHosts: config.debugHosts } } : {}),
  });
}
