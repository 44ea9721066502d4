import type { Logger } from '../../../domain/ports/logger.js';
import type { AppKoaContext, AppMiddleware } from '../context.js';
import { setSecurityHeaders } from '../middleware/security-headers.js';
import { isClientDisconnect } from './client-disconnect.js';
import { DatabaseBusy } from './database-busy.js';
import type { DebugPage } from './debug-page.js';
import type { ErrorHandlers, ErrorResponse } from './error-handlers.js';
import { renderErrorPage } from './error-page.js';
import { newErrorReference } from './error-reference.js';
import { PROBLEM_JSON, problemDetails } from './problem-details.js';

export type ErrorBoundaryOptions = Readonly<{
  logger: Logger;
  /** Which status and words each failure gets, by the request's path. */
  handlers: ErrorHandlers;
  /** Debug mode only: the developer's page for an unexpected error, in place of the generic one. */
  debugPage?: DebugPage;
  /** Whether a failure is the database's refusal of a write that waited its whole turn: a 503, not a 500. */
  isDatabaseBusy?: (error: unknown) => boolean;
}>;

/**
 * Turns every failure below it into a proper error response: client errors into their page,
 * anything unexpected into a logged, reported 500 with a reference the user can quote. Whatever
 * the failed request had set (cookies, a half-written body, a session change) is discarded. A
 * route that meets an expected outcome shows its page through `ctx.state.showErrorPage`: the same
 * page, headers and log line, without a reference, since nothing failed on our side.
 */
export function errorBoundary(options: ErrorBoundaryOptions): AppMiddleware {
  return async function errorBoundaryMiddleware(ctx, next) {
    ctx.state.showErrorPage = (page) => respond(ctx, options, { error: null, ...page });
    try {
      await next();
      // Nothing answered: no route (404) or not with this method (405, with Allow set by the
      // router). Each is the client's doing.
      if (ctx.body == null && ctx.status >= 400) await respond(ctx, options, { error: null, status: ctx.status });
    } catch (error) {
      if (isClientDisconnect(error, ctx)) {
        options.logger.info('Client closed the connection before the response', { method: ctx.method, path: ctx.path });
        return;
      }
      const failure = options.isDatabaseBusy?.(error) ? new DatabaseBusy(error) : error;
      await respond(ctx, options, { error: failure, status: statusOf(failure), headers: headersOf(failure) });
    }
  };
}

/**
 * What an error page answers: a thrown error, or nothing (no route answered, or a route answered an
 * expected outcome, named for the log, with this page); the status asked for; and the headers of
 * the failed response worth keeping.
 */
type Failure = Readonly<{ error: unknown; status: number; headers?: Readonly<Record<string, string>>; outcome?: string }>;

// Requests that matched no route share one name in logs and alert groups: the path is the client's
// to choose, and a scanner trying a thousand paths must not make a thousand groups.
const NO_ROUTE = '(no route)';

async function respond(ctx: AppKoaContext, options: ErrorBoundaryOptions, { error, status, headers = {}, outcome }: Failure): Promise<void> {
  // The registry decides the status: an error class with a handler of its own (an HttpError with
  // its 503 and Retry-After, say) keeps what it carries; anything else unexpected is a 500.
  const handlers = options.handlers.forPath(ctx.path);
  const response = handlers.respond(error, status);
  const unexpected = error !== null && (response.status === 500 || response.unexpected === true);
  const reference = unexpected ? newErrorReference() : null;
  const requestFacts = requestFactsOf(ctx);
  if (reference) {
    options.logger.error(`Exception on ${ctx.path} [${ctx.method}]`, error, { errorId: reference, ...requestFacts });
  } else if ((error !== null || outcome !== undefined) && response.status >= 500) {
    // A failure the code saw coming and answered on purpose (overload, maintenance): worth a line, not an alert.
    options.logger.warn(`${response.status} on ${ctx.path} [${ctx.method}]: ${outcome ?? errorName(error)}`, requestFacts);
  } else {
    logClientError(options.logger, ctx, response.status);
  }

  resetHeaders(ctx, headers);
  setSecurityHeaders(ctx);
  ctx.set({ 'Cache-Control': 'no-store', ...response.headers });
  ctx.status = response.status;

  if (handlers.format === 'problem+json' || ctx.accepts('html', 'json', PROBLEM_JSON) !== 'html') {
    ctx.type = PROBLEM_JSON;
    ctx.body = problemDetails(response, reference, ctx.path, ctx.state.t);
    return;
  }
  const debugHtml = unexpected && options.debugPage ? await options.debugPage(ctx, error).catch(() => null) : null;
  if (debugHtml) {
    ctx.type = 'html';
    ctx.body = debugHtml;
    return;
  }
  try {
    await renderErrorPage(ctx, { ...response, reference });
    ctx.status = response.status;
  } catch (renderError) {
    options.logger.error('The error page itself failed to render', renderError, { errorId: reference ?? undefined, ...requestFacts });
    ctx.status = response.status;
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = plainText(response, reference, ctx.state.t);
  }
}

/** A client error's line, whether it was thrown to the boundary or answered where it was known: information, never alerted. */
export function logClientError(logger: Logger, ctx: AppKoaContext, status: number): void {
  logger.info(`${status} on ${ctx.path} [${ctx.method}]`, requestFactsOf(ctx));
}

function requestFactsOf(ctx: AppKoaContext) {
  // The route pattern groups alerts: /user/a and /user/b failing alike are one problem, not two.
  const route = (ctx as { routerPath?: string }).routerPath ?? NO_ROUTE;
  return { method: ctx.method, path: ctx.path, route, userId: loadedUserId(ctx) };
}

/**
 * For Koa's `error` event, which is what escapes the boundary (or fails above it): logged and
 * reported like any unexpected failure, in place of Koa's default of printing it to stderr.
 */
export function logEscapedErrors(logger: Logger) {
  return (error: unknown, ctx: AppKoaContext | undefined): void => {
    if (ctx && isClientDisconnect(error, ctx)) return;
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status < 500) return;
    logger.error('Error outside the error boundary', error, ctx ? { method: ctx.method, path: ctx.path } : {});
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function statusOf(error: unknown): number {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

/** Headers a client error asks for (Allow on a 405, say); an unexpected error's are not trusted. */
function headersOf(error: unknown): Record<string, string> {
  const { status, headers } = (error ?? {}) as { status?: unknown; headers?: unknown };
  if (typeof status !== 'number' || status >= 500 || typeof headers !== 'object' || headers === null) return {};
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function resetHeaders(ctx: AppKoaContext, keep: Record<string, string>): void {
  const preserved = { 'X-Request-Id': ctx.state.requestId, Allow: ctx.response.get('Allow'), ...keep };
  for (const name of ctx.res.getHeaderNames()) ctx.res.removeHeader(name);
  for (const [name, value] of Object.entries(preserved)) if (value) ctx.set(name, value);
}

/**
 * Who made the request, if the middleware had loaded them before the failure: nothing is read
 * again, since what failed may be the database.
 */
function loadedUserId(ctx: AppKoaContext): number | null {
  return ctx.state.user?.id ?? null;
}

function plainText(response: ErrorResponse, reference: string | null, t: AppKoaContext['state']['t']): string {
  const lines = [`${response.status} ${t(response.title)}`, '', t(response.detail, response.detailValues)];
  if (reference) lines.push('', t('Reference: {reference}', { reference }));
  return `${lines.join('\n')}\n`;
}
