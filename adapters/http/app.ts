import { Router } from '@koa/router';
import Koa from 'koa';
import { join } from 'node:path';
import type { Clock } from '../../domain/ports/clock.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { Translator } from '../../domain/ports/translator.js';
import { apiErrorHandlers } from './api/api-error-handlers.js';
import { API_PREFIX, apiScope } from './api/api-router.js';
import type { AppContext, AppMiddleware, AppState } from './context.js';
import { CookieSigner } from './cookie-signer.js';
import type { DebugPage } from './errors/debug-page.js';
import { errorBoundary, logEscapedErrors } from './errors/error-boundary.js';
import type { ErrorHandlers } from './errors/error-handlers.js';
import { pageErrorHandlers } from './errors/page-error-handlers.js';
import { allowedMethods } from './middleware/allowed-methods.js';
import { csrfProtection, csrfTokens } from './middleware/csrf.js';
import { allowedHostsOnly } from './middleware/debug-hosts.js';
import { loadCurrentUser } from './middleware/load-current-user.js';
import { formBody } from './middleware/form-body.js';
import { healthChecks } from './middleware/health-checks.js';
import { languages } from './middleware/languages.js';
import { noStoreWithSession } from './middleware/no-store-with-session.js';
import { refuseUnsafeText } from './middleware/refuse-unsafe-text.js';
import { requestContext } from './middleware/request-context.js';
import { securityHeaders } from './middleware/security-headers.js';
import { sessions } from './middleware/session.js';
import { staticAssets } from './middleware/static-assets.js';
import { authRoutes } from './routes/auth-routes.js';
import { exportRoutes } from './routes/export-routes.js';
import { messageRoutes } from './routes/message-routes.js';
import { homeRoutes } from './routes/home-routes.js';
import { languageRoutes } from './routes/language-routes.js';
import { passwordResetRoutes } from './routes/password-reset-routes.js';
import { profileRoutes } from './routes/profile-routes.js';
import { searchRoutes } from './routes/search-routes.js';
import type { UseCases } from './use-cases.js';
import { pugViews } from './views.js';

export type HttpAppOptions = Readonly<{
  useCases: UseCases;
  logger: Logger;
  /** For `/readyz`: whether the database answers. */
  isDatabaseReachable: () => Promise<boolean>;
  /** Whether a failure is the database's refusal of a write that waited its whole turn (answered 503, not 500). */
  isDatabaseBusy: (error: unknown) => boolean;
  /** Runs one request's work with ORM state of its own; not a transaction (use cases ask for those). */
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  /** Signing keys for cookies, newest first. */
  secretKeys: readonly string[];
  viewsDir: string;
  /** Every word the site shows, in every language it speaks. */
  translator: Translator;
  /** Production caches compiled templates; development re-reads them on every render. */
  cacheTemplates: boolean;
  /** Trust X-Forwarded-* headers from a reverse proxy. */
  trustProxy?: boolean;
  /** Posts on one page of a timeline. */
  postsPerPage: number;
  /** The clock the use cases run on, so that a post's age on a page agrees with its timestamp. */
  clock: Clock;
  /** Debug mode: the developer's error page, and the only host names the app then answers to. */
  debug?: DebugMode;
}>;

export type DebugMode = Readonly<{
  page: DebugPage;
  /** Beyond localhost, 127.0.0.1 and [::1]. */
  allowedHosts: readonly string[];
}>;

/**
 * Which status and words each failure gets, for the whole app: the pages' registry, with the API's
 * own for everything under its prefix. Built for each app (and for the server's unparsable
 * requests), never shared through a module.
 */
export function appErrorHandlers(): ErrorHandlers {
  return pageErrorHandlers().scope(API_PREFIX, apiErrorHandlers());
}

/** One layer of the app's middleware stack, named so that a bench can stop after any of them. */
export type AppLayer = Readonly<{ name: string; middleware: AppMiddleware }>;

/** The Koa application the layers run in, with its keys and its log of escaped errors, and no middleware yet. */
export function createKoaApp(options: HttpAppOptions): Koa<AppState, AppContext> {
  // Behind the proxy, the client's address is the one the proxy appended to X-Forwarded-For: the
  // entries before it are whatever the client wrote, and trusting them would let it pick an address
  // per request and escape the per-address login throttle.
  const app = new Koa<AppState, AppContext>({ proxy: options.trustProxy ?? false, maxIpsCount: 1 });
  app.keys = new CookieSigner(options.secretKeys);
  app.on('error', logEscapedErrors(options.logger));
  return app;
}

export function createHttpApp(options: HttpAppOptions): Koa<AppState, AppContext> {
  const app = createKoaApp(options);
  for (const layer of appLayers(app, options)) app.use(layer.middleware);
  return app;
}

/** The app's middleware, outermost first, for `app` (the session layer keeps its state there). */
export function appLayers(app: Koa<AppState, AppContext>, options: HttpAppOptions): AppLayer[] {
  const router = new Router<AppState, AppContext>();
  router.use(csrfProtection);
  const postListing = { postsPerPage: options.postsPerPage, clock: options.clock };
  homeRoutes(router, options.useCases, postListing);
  authRoutes(router, options.useCases);
  passwordResetRoutes(router, options.useCases, { logger: options.logger });
  profileRoutes(router, options.useCases, postListing);
  exportRoutes(router, options.useCases);
  messageRoutes(router, options.useCases, postListing);
  searchRoutes(router, options.useCases, postListing);
  languageRoutes(router, options.useCases);

  return [
    // First, so that every page, the error pages included, can render whatever fails later.
    { name: 'views', middleware: pugViews({ dir: options.viewsDir, cache: options.cacheTemplates }) as AppMiddleware },
    { name: 'request-context', middleware: requestContext(options.logger) },
    { name: 'languages', middleware: languages(options.translator) },
    { name: 'error-boundary', middleware: errorBoundary({ logger: options.logger, handlers: appErrorHandlers(), isDatabaseBusy: options.isDatabaseBusy, ...(options.debug ? { debugPage: options.debug.page } : {}) }) },
    ...(options.debug ? [{ name: 'debug-hosts', middleware: allowedHostsOnly(options.debug.allowedHosts) }] : []),
    { name: 'security-headers', middleware: securityHeaders },
    { name: 'health-checks', middleware: healthChecks(options.isDatabaseReachable) },
    { name: 'api', middleware: apiScope(options) },
    { name: 'static-assets', middleware: staticAssets(join(options.viewsDir, 'static')) },
    { name: 'no-store-with-session', middleware: noStoreWithSession },
    { name: 'session', middleware: sessions(app as unknown as Koa) },
    { name: 'csrf-tokens', middleware: csrfTokens },
    { name: 'form-body', middleware: formBody },
    { name: 'refuse-unsafe-text', middleware: refuseUnsafeText },
    { name: 'unit-of-work', middleware: (_ctx, next) => options.inUnitOfWork(next) },
    { name: 'current-user', middleware: loadCurrentUser(options.useCases) },
    { name: 'routes', middleware: router.routes() as AppMiddleware },
    { name: 'allowed-methods', middleware: allowedMethods(router) },
  ];
}
