import { Router } from '@koa/router';
import createHttpError, { type HttpError } from 'http-errors';
import Koa from 'koa';
import { join } from 'node:path';
import type { Logger } from '../../domain/ports/logger.js';
import { apiErrorHandlers } from './api/api-error-handlers.js';
import { API_PREFIX, apiScope } from './api/api-router.js';
import type { BackgroundTasks } from './background-tasks.js';
import type { AppContext, AppKoaContext, AppMiddleware, AppState } from './context.js';
import { CookieSigner } from './cookie-signer.js';
import { isClientDisconnect } from './errors/client-disconnect.js';
import { errorCopy } from './errors/error-catalogue.js';
import { ErrorHandlers } from './errors/error-handlers.js';
import { httpErrorResponse } from './errors/http-error-response.js';
import { csrfProtection, csrfTokens, CsrfTokenInvalid } from './middleware/csrf.js';
import { allowedHostsOnly } from './middleware/debug-hosts.js';
import { currentUser } from './middleware/current-user.js';
import { errorBoundary, type ErrorBoundaryOptions, type ErrorPageModel } from './middleware/error-boundary.js';
import { formBody } from './middleware/form-body.js';
import { healthChecks } from './middleware/health-checks.js';
import { noStoreWithSession } from './middleware/no-store-with-session.js';
import { refuseUnsafeText } from './middleware/refuse-unsafe-text.js';
import { requestContext } from './middleware/request-context.js';
import { applySecurityHeaders, securityHeaders } from './middleware/security-headers.js';
import { sessions } from './middleware/session.js';
import { staticAssets } from './middleware/static-assets.js';
import { authRoutes } from './routes/auth-routes.js';
import { homeRoutes } from './routes/home-routes.js';
import { passwordResetRoutes } from './routes/password-reset-routes.js';
import { profileRoutes } from './routes/profile-routes.js';
import { ResetMailReport } from './reset-mail-report.js';
import type { UseCases } from './use-cases.js';
import { pugViews } from './views.js';

export type HttpAppOptions = Readonly<{
  useCases: UseCases;
  logger: Logger;
  /** For `/readyz`: whether the database answers. */
  isDatabaseReachable: () => Promise<boolean>;
  /** Runs one request's work with ORM state of its own; not a transaction (use cases ask for those). */
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  /** Signing keys for cookies, newest first. */
  secretKeys: readonly string[];
  viewsDir: string;
  /** Production caches compiled templates; development re-reads them on every render. */
  cacheTemplates: boolean;
  /** Trust X-Forwarded-* headers from a reverse proxy. */
  trustProxy?: boolean;
  /** Posts on one page of a timeline. */
  postsPerPage: number;
  /** Where requests leave work they do not wait for (reset emails); drained at shutdown. */
  background: BackgroundTasks;
  /** Debug mode: the developer's error page, and the only host names the app then answers to. */
  debug?: DebugMode;
}>;

export type DebugMode = Readonly<{
  page: NonNullable<ErrorBoundaryOptions['debugPage']>;
  /** Beyond localhost, 127.0.0.1 and [::1]. */
  allowedHosts: readonly string[];
}>;

export function createHttpApp(options: HttpAppOptions): Koa<AppState, AppContext> {
  // Behind the proxy, the client's address is the one the proxy appended to X-Forwarded-For: the
  // entries before it are whatever the client wrote, and trusting them would let it pick an address
  // per request and escape the per-address login throttle.
  const app = new Koa<AppState, AppContext>({ proxy: options.trustProxy ?? false, maxIpsCount: 1 });
  app.keys = new CookieSigner(options.secretKeys);
  // Koa's documented hook for what escapes the error boundary (or fails above it): logged and
  // reported like any unexpected failure, in place of Koa's default of printing it to stderr.
  app.on('error', escapedError(options.logger));

  const router = new Router<AppState, AppContext>();
  router.use(csrfProtection);
  homeRoutes(router, options.useCases, options.postsPerPage);
  authRoutes(router, options.useCases);
  passwordResetRoutes(router, options.useCases, { background: options.background, mailReport: new ResetMailReport(options.logger), logger: options.logger });
  profileRoutes(router, options.useCases, options.postsPerPage);

  // First, so that every page, the error pages included, can render whatever fails later.
  app.use(pugViews({ dir: options.viewsDir, cache: options.cacheTemplates }) as AppMiddleware);
  app.use(requestContext(options.logger));
  app.use(errorBoundary({
    logger: options.logger,
    handlers: errorHandlers(),
    securityHeaders: applySecurityHeaders,
    renderErrorPage,
    ...(options.debug ? { debugPage: options.debug.page } : {}),
  }));
  if (options.debug) app.use(allowedHostsOnly(options.debug.allowedHosts));
  app.use(securityHeaders);
  app.use(healthChecks(options.isDatabaseReachable));
  app.use(apiScope(options));
  app.use(staticAssets(join(options.viewsDir, 'static')));
  app.use(noStoreWithSession);
  app.use(sessions(app as unknown as Koa));
  app.use(csrfTokens);
  app.use(formBody);
  app.use(refuseUnsafeText);
  app.use((_ctx, next) => options.inUnitOfWork(next));
  app.use(currentUser(options.useCases));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

function escapedError(logger: Logger) {
  return (error: unknown, ctx: AppKoaContext | undefined): void => {
    if (ctx && isClientDisconnect(error, ctx)) return;
    const status = (error as { status?: unknown; expose?: unknown } | null)?.status;
    if (typeof status === 'number' && status < 500) return;
    logger.error('Error outside the error boundary', error, ctx ? { method: ctx.method, path: ctx.path } : {});
  };
}

function errorHandlers(): ErrorHandlers {
  return new ErrorHandlers((_error, status) => ({ status, ...errorCopy(status) }))
    .scope(API_PREFIX, apiErrorHandlers())
    .onError(createHttpError.HttpError, (error) => httpErrorResponse(error as HttpError))
    .onError(CsrfTokenInvalid, () => ({
      status: 403,
      title: 'Form Expired',
      detail: 'This form has expired or was sent from another site, so nothing was changed. Go back, reload the page and submit it again.',
    }));
}

/**
 * The error page reads nothing it would have to load: the user is shown only if already loaded,
 * and a session that cannot hand out a token just leaves the logout button out.
 */
function renderErrorPage(ctx: AppKoaContext, page: ErrorPageModel): Promise<void> {
  return ctx.render('errors/error.pug', { ...page, flashes: [], csrfToken: () => tokenOrNull(ctx) });
}

function tokenOrNull(ctx: AppKoaContext): string | null {
  try {
    return ctx.state.csrfToken();
  } catch {
    return null;
  }
}
