import 'reflect-metadata';
import { container as rootContainer, instanceCachingFactory, type DependencyContainer, type InjectionToken } from 'tsyringe';
import type Koa from 'koa';
import { createHttpApp, type DebugMode, type HttpAppOptions } from '../adapters/http/app.js';
import type { UseCases } from '../adapters/http/use-cases.js';
import { JobRunner, type JobHandler } from '../adapters/jobs/job-runner.js';
import { exportPostsHandler } from '../adapters/jobs/export-posts-handler.js';
import { passwordResetEmailHandler } from '../adapters/jobs/password-reset-email-handler.js';
import { wakingOnEnqueue } from '../adapters/jobs/waking-jobs.js';
import { MessageCatalogue } from '../adapters/i18n/message-catalogue.js';
import { PugExportEmails } from '../adapters/mail/pug-export-emails.js';
import { PugPasswordResetEmails } from '../adapters/mail/pug-password-reset-emails.js';
import type { Database } from '../adapters/persistence/mikro-orm/database.js';
import type { GateLimits } from '../adapters/security/concurrency-gate.js';
import { OWASP_SCRYPT_COST, ScryptPasswordHasher, type ScryptCost } from '../adapters/security/scrypt-password-hasher.js';
import { systemClock } from '../adapters/time/system-clock.js';
import type { Clock } from '../domain/ports/clock.js';
import type { Logger } from '../domain/ports/logger.js';
import type { AccessTokenRepository } from '../domain/ports/access-token-repository.js';
import { DEFAULT_ACCESS_TOKEN_LIFETIME_MS } from '../domain/tokens/access-token.js';
import { AuthenticateAccessToken } from '../domain/use-cases/authenticate-access-token.js';
import type { ExportRepository } from '../domain/ports/export-repository.js';
import type { FollowRepository } from '../domain/ports/follow-repository.js';
import type { Jobs } from '../domain/ports/jobs.js';
import type { LoginAttemptLog } from '../domain/ports/login-attempt-log.js';
import type { Mailer } from '../domain/ports/mailer.js';
import type { PasswordResetTokens } from '../domain/ports/password-reset-tokens.js';
import type { PasswordHasher } from '../domain/ports/password-hasher.js';
import type { PostRepository } from '../domain/ports/post-repository.js';
import type { PostSearch } from '../domain/ports/post-search.js';
import type { SessionRepository } from '../domain/ports/session-repository.js';
import type { Transactions } from '../domain/ports/transactions.js';
import type { Translator } from '../domain/ports/translator.js';
import type { UserRepository } from '../domain/ports/user-repository.js';
import { CheckResetToken } from '../domain/use-cases/check-reset-token.js';
import { EditProfile } from '../domain/use-cases/edit-profile.js';
import { GetAccountNotices } from '../domain/use-cases/get-account-notices.js';
import { GetExport } from '../domain/use-cases/get-export.js';
import { GetProfile } from '../domain/use-cases/get-profile.js';
import { HomeTimeline } from '../domain/use-cases/home-timeline.js';
import { IssueAccessToken } from '../domain/use-cases/issue-access-token.js';
import { ListFollows } from '../domain/use-cases/list-follows.js';
import { ListUsers } from '../domain/use-cases/list-users.js';
import { EndSession } from '../domain/use-cases/end-session.js';
import { ExplorePosts } from '../domain/use-cases/explore-posts.js';
import { EXPORT_POSTS, ExportPosts } from '../domain/use-cases/export-posts.js';
import { FollowUser } from '../domain/use-cases/follow-user.js';
import { LogIn } from '../domain/use-cases/log-in.js';
import { PublishPost } from '../domain/use-cases/publish-post.js';
import { ChooseLanguage } from '../domain/use-cases/choose-language.js';
import { RecordLastSeen } from '../domain/use-cases/record-last-seen.js';
import { RegisterUser } from '../domain/use-cases/register-user.js';
import { RequestPasswordReset } from '../domain/use-cases/request-password-reset.js';
import { ResetPassword } from '../domain/use-cases/reset-password.js';
import { ResumeSession } from '../domain/use-cases/resume-session.js';
import { SEND_PASSWORD_RESET_EMAIL, SendPasswordResetEmail } from '../domain/use-cases/send-password-reset-email.js';
import { RevokeAccessToken } from '../domain/use-cases/revoke-access-token.js';
import { StartExport } from '../domain/use-cases/start-export.js';
import { StartSession } from '../domain/use-cases/start-session.js';
import { UnfollowUser } from '../domain/use-cases/unfollow-user.js';
import { UserPosts } from '../domain/use-cases/user-posts.js';
import { ListMessages } from '../domain/use-cases/list-messages.js';
import { ListNotifications } from '../domain/use-cases/list-notifications.js';
import { SendMessage } from '../domain/use-cases/send-message.js';
import { SearchPosts } from '../domain/use-cases/search-posts.js';
import { LOCALES_DIR } from './paths.js';

// The composition root: the only place that knows every adapter and the only user of tsyringe.
// Tokens are symbols (no DI by strings) and every registration is a factory, since esbuild emits
// no decorator metadata for constructor injection.

export const TOKENS = {
  Logger: Symbol('Logger') as InjectionToken<Logger>,
  Database: Symbol('Database') as InjectionToken<Database>,
  UserRepository: Symbol('UserRepository') as InjectionToken<UserRepository>,
  SessionRepository: Symbol('SessionRepository') as InjectionToken<SessionRepository>,
  LoginAttemptLog: Symbol('LoginAttemptLog') as InjectionToken<LoginAttemptLog>,
  PostRepository: Symbol('PostRepository') as InjectionToken<PostRepository>,
  PostSearch: Symbol('PostSearch') as InjectionToken<PostSearch>,
  FollowRepository: Symbol('FollowRepository') as InjectionToken<FollowRepository>,
  PasswordResetTokens: Symbol('PasswordResetTokens') as InjectionToken<PasswordResetTokens>,
  ExportRepository: Symbol('ExportRepository') as InjectionToken<ExportRepository>,
  Jobs: Symbol('Jobs') as InjectionToken<Jobs>,
  JobRunner: Symbol('JobRunner') as InjectionToken<JobRunner>,
  Transactions: Symbol('Transactions') as InjectionToken<Transactions>,
  AccessTokenRepository: Symbol('AccessTokenRepository') as InjectionToken<AccessTokenRepository>,
  PasswordHasher: Symbol('PasswordHasher') as InjectionToken<PasswordHasher>,
  Clock: Symbol('Clock') as InjectionToken<Clock>,
  Translator: Symbol('Translator') as InjectionToken<Translator>,
  UseCases: Symbol('UseCases') as InjectionToken<UseCases>,
  /** What the web app is made of; the bench builds its first layers alone from it. */
  HttpAppOptions: Symbol('HttpAppOptions') as InjectionToken<HttpAppOptions>,
  HttpApp: Symbol('HttpApp') as InjectionToken<Koa>,
} as const;

export type ContainerOptions = Readonly<{
  logger: Logger;
  database: Database;
  /** Cookie signing keys, newest first. */
  secretKeys: readonly string[];
  /** Trust X-Forwarded-* from a reverse proxy (client address, HTTPS). */
  trustProxy?: boolean;
  /** Posts on one page of a timeline. */
  postsPerPage?: number;
  /** How long an API token lives. */
  accessTokenLifetimeMs?: number;
  viewsDir: string;
  /** The catalogues of the site's words, one JSON file per language; by default the project's `locales/`. */
  localesDir?: string;
  production: boolean;
  debug?: DebugMode;
  /** Tests pass a cheaper cost; the default is OWASP's. */
  scryptCost?: ScryptCost;
  /** How many password hashes run and wait at once; by default, from the machine's cores. */
  hashingLimits?: GateLimits;
  clock?: Clock;
  /** How reset links are mailed; without it, reset by email is not offered. */
  passwordReset?: PasswordResetOptions | null;
  /** How exported posts are mailed; without it, exporting is not offered. */
  postExports?: PostExportOptions | null;
  /** How many jobs a process runs at once, and how often an idle worker looks for due ones. */
  jobWorkers?: Readonly<{ concurrency: number; pollMs: number }>;
  /** Replace a registration, for tests that inject a failing adapter. */
  userRepository?: UserRepository;
  sessionRepository?: SessionRepository;
}>;

export type PasswordResetOptions = Readonly<{
  mailer: Mailer;
  /** The site's public address: links start here, never at a request's Host. */
  baseUrl: string;
  linkLifetimeMs: number;
}>;

export type PostExportOptions = Readonly<{
  mailer: Mailer;
}>;

// Two jobs at once per process: the work is mostly waiting on a mail server, and a cluster of N
// processes runs 2N. An idle worker looks for due jobs every second (one indexed read).
const DEFAULT_JOB_WORKERS = { concurrency: 2, pollMs: 1_000 } as const;

/** The job kinds this process can run; a kind without a handler here waits in the queue. */
function jobHandlers(c: DependencyContainer, options: ContainerOptions): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {};
  const reset = options.passwordReset;
  if (reset) {
    const sendResetEmail = new SendPasswordResetEmail({
      users: c.resolve(TOKENS.UserRepository),
      tokens: c.resolve(TOKENS.PasswordResetTokens),
      emails: new PugPasswordResetEmails({ viewsDir: options.viewsDir, baseUrl: reset.baseUrl, translator: c.resolve(TOKENS.Translator) }),
      mailer: reset.mailer,
      clock: c.resolve(TOKENS.Clock),
    }, reset.linkLifetimeMs);
    handlers[SEND_PASSWORD_RESET_EMAIL] = passwordResetEmailHandler(sendResetEmail, c.resolve(TOKENS.Logger));
  }
  const exports = options.postExports;
  if (exports) {
    const exportPosts = new ExportPosts({
      exports: c.resolve(TOKENS.ExportRepository),
      users: c.resolve(TOKENS.UserRepository),
      posts: c.resolve(TOKENS.PostRepository),
      emails: new PugExportEmails(options.viewsDir, c.resolve(TOKENS.Translator)),
      mailer: exports.mailer,
      notifications: c.resolve(TOKENS.Database).notifications,
      clock: c.resolve(TOKENS.Clock),
    });
    handlers[EXPORT_POSTS] = exportPostsHandler(exportPosts, c.resolve(TOKENS.Logger));
  }
  return handlers;
}

/** Private messages and the notifications they write, on the database's stores. */
function messageUseCases(database: Database, users: UserRepository, sends: LoginAttemptLog, transactions: Transactions, clock: Clock) {
  const { messages, notifications } = database;
  return {
    sendMessage: new SendMessage({ users, messages, notifications, sends, transactions, clock }),
    listMessages: new ListMessages({ messages, notifications, transactions, clock }),
    listNotifications: new ListNotifications(notifications),
  };
}

export function buildContainer(options: ContainerOptions): DependencyContainer {
  const container = rootContainer.createChildContainer();
  container.register(TOKENS.Logger, { useValue: options.logger });
  container.register(TOKENS.Database, { useValue: options.database });
  container.register(TOKENS.Clock, { useValue: options.clock ?? systemClock });
  // Compiled once for the process: a message that does not compile stops the start.
  container.register(TOKENS.Translator, { useFactory: instanceCachingFactory(() => MessageCatalogue.fromDirectory(options.localesDir ?? LOCALES_DIR)) });
  container.register(TOKENS.PasswordHasher, { useValue: new ScryptPasswordHasher(options.scryptCost ?? OWASP_SCRYPT_COST, options.hashingLimits) });
  container.register(TOKENS.UserRepository, {
    useFactory: instanceCachingFactory((c) => options.userRepository ?? c.resolve(TOKENS.Database).users),
  });
  container.register(TOKENS.SessionRepository, {
    useFactory: instanceCachingFactory((c) => options.sessionRepository ?? c.resolve(TOKENS.Database).sessions),
  });
  container.register(TOKENS.LoginAttemptLog, { useFactory: instanceCachingFactory((c) => c.resolve(TOKENS.Database).loginAttempts) });
  container.register(TOKENS.PostRepository, { useFactory: instanceCachingFactory((c) => c.resolve(TOKENS.Database).posts) });
  container.register(TOKENS.PostSearch, { useFactory: instanceCachingFactory((c) => c.resolve(TOKENS.Database).postSearch) });
  container.register(TOKENS.FollowRepository, { useFactory: instanceCachingFactory((c) => c.resolve(TOKENS.Database).follows) });
  container.register(TOKENS.PasswordResetTokens, { useFactory: instanceCachingFactory((c) => c.resolve(TOKENS.Database).passwordResets) });
  container.register(TOKENS.ExportRepository, { useFactory: instanceCachingFactory((c) => c.resolve(TOKENS.Database).exports) });
  container.register(TOKENS.JobRunner, {
    useFactory: instanceCachingFactory((c) => {
      const database = c.resolve(TOKENS.Database);
      return new JobRunner({
        queue: database.jobs,
        handlers: jobHandlers(c, options),
        logger: c.resolve(TOKENS.Logger),
        inUnitOfWork: (work) => database.inUnitOfWork(work),
        ...(options.jobWorkers ?? DEFAULT_JOB_WORKERS),
      });
    }),
  });
  container.register(TOKENS.Jobs, {
    useFactory: instanceCachingFactory((c) => {
      const runner = c.resolve(TOKENS.JobRunner);
      return wakingOnEnqueue(c.resolve(TOKENS.Database).jobs, () => runner.wake());
    }),
  });
  container.register(TOKENS.Transactions, { useFactory: instanceCachingFactory((c) => c.resolve(TOKENS.Database).transactions) });
  container.register(TOKENS.AccessTokenRepository, { useFactory: instanceCachingFactory((c) => c.resolve(TOKENS.Database).accessTokens) });
  container.register(TOKENS.UseCases, {
    useFactory: instanceCachingFactory((c): UseCases => {
      const users = c.resolve(TOKENS.UserRepository);
      const hasher = c.resolve(TOKENS.PasswordHasher);
      const clock = c.resolve(TOKENS.Clock);
      const sessions = c.resolve(TOKENS.SessionRepository);
      const posts = c.resolve(TOKENS.PostRepository);
      const follows = c.resolve(TOKENS.FollowRepository);
      const tokens = c.resolve(TOKENS.PasswordResetTokens);
      const reset = options.passwordReset;
      const transactions = c.resolve(TOKENS.Transactions);
      const accessTokens = c.resolve(TOKENS.AccessTokenRepository);
      const exports = c.resolve(TOKENS.ExportRepository);
      return {
        registerUser: new RegisterUser(users, hasher, clock),
        logIn: new LogIn(users, hasher, c.resolve(TOKENS.LoginAttemptLog), clock, transactions),
        startSession: new StartSession(sessions, clock),
        resumeSession: new ResumeSession(sessions, clock),
        endSession: new EndSession(sessions),
        recordLastSeen: new RecordLastSeen(users, clock),
        chooseLanguage: new ChooseLanguage(users),
        getProfile: new GetProfile(users, follows, posts),
        editProfile: new EditProfile(users, sessions, accessTokens, clock, transactions),
        publishPost: new PublishPost(posts, clock),
        homeTimeline: new HomeTimeline(posts),
        explorePosts: new ExplorePosts(posts),
        userPosts: new UserPosts(posts, users),
        followUser: new FollowUser(users, follows),
        unfollowUser: new UnfollowUser(users, follows),
        requestPasswordReset: reset ? new RequestPasswordReset({ requests: c.resolve(TOKENS.LoginAttemptLog), jobs: c.resolve(TOKENS.Jobs), clock }) : null,
        checkResetToken: new CheckResetToken(tokens, clock),
        resetPassword: new ResetPassword({ tokens, users, sessions, accessTokens, hasher, clock, transactions }),
        listUsers: new ListUsers(users, follows, posts),
        listFollows: new ListFollows(users, follows, posts),
        issueAccessToken: new IssueAccessToken(accessTokens, clock, options.accessTokenLifetimeMs ?? DEFAULT_ACCESS_TOKEN_LIFETIME_MS),
        authenticateAccessToken: new AuthenticateAccessToken(accessTokens, users, clock),
        revokeAccessToken: new RevokeAccessToken(accessTokens, clock),
        startExport: options.postExports ? new StartExport({ exports, jobs: c.resolve(TOKENS.Jobs), transactions, clock }) : null,
        getExport: new GetExport(exports),
        getAccountNotices: new GetAccountNotices(c.resolve(TOKENS.Database).accountNotices),
        ...messageUseCases(c.resolve(TOKENS.Database), users, c.resolve(TOKENS.LoginAttemptLog), transactions, clock),
        searchPosts: new SearchPosts(c.resolve(TOKENS.PostSearch)),
      };
    }),
  });
  container.register(TOKENS.HttpAppOptions, {
    useFactory: instanceCachingFactory((c): HttpAppOptions => {
      const database = c.resolve(TOKENS.Database);
      return {
        useCases: c.resolve(TOKENS.UseCases),
        logger: c.resolve(TOKENS.Logger),
        inUnitOfWork: (work) => database.inUnitOfWork(work),
        isDatabaseReachable: () => database.isReachable(),
        isDatabaseBusy: (error) => database.isBusy(error),
        secretKeys: options.secretKeys,
        trustProxy: options.trustProxy ?? false,
        postsPerPage: options.postsPerPage ?? 25,
        clock: c.resolve(TOKENS.Clock),
        viewsDir: options.viewsDir,
        translator: c.resolve(TOKENS.Translator),
        cacheTemplates: options.production,
        ...(options.debug ? { debug: options.debug } : {}),
      };
    }),
  });
  container.register(TOKENS.HttpApp, {
    useFactory: instanceCachingFactory((c) => createHttpApp(c.resolve(TOKENS.HttpAppOptions)) as unknown as Koa),
  });
  return container;
}
