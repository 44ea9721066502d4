import { timingSafeEqual } from 'node:crypto';
import type { AppKoaContext, AppMiddleware } from '../context.js';
import { RandomPool } from '../random-pool.js';

export const CSRF_FIELD = 'csrf_token';
export const CSRF_HEADER = 'X-CSRF-Token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// 32 random bytes per token, as before; every visitor's first form takes one.
const tokens = new RandomPool(32, 128);

export class CsrfTokenInvalid extends Error {
  override readonly name = 'CsrfTokenInvalid';
  readonly status = 403;
  readonly expose = true;
  constructor() {
    super('The form was sent without a valid security token.');
  }
}

// Synchronizer-token CSRF protection: the session holds a random token, every form carries it, and
// every state-changing request must send it back in the form body or a header, never in the query
// string, where it would leak into logs and Referer headers.

/** Lets pages put the session's token in their forms (the nav's logout button is one, on every page). */
export const csrfTokens: AppMiddleware = async (ctx, next) => {
  ctx.state.csrfToken = () => issueToken(ctx);
  await next();
};

/** Refuses a state-changing request to a route unless it carries the session's token. */
export const csrfProtection: AppMiddleware = async (ctx, next) => {
  if (!SAFE_METHODS.has(ctx.method) && !isValid(ctx)) throw new CsrfTokenInvalid();
  await next();
};

function issueToken(ctx: AppKoaContext): string {
  if (!ctx.session) throw new Error('CSRF tokens need a session');
  ctx.session.csrfToken ??= tokens.next();
  return ctx.session.csrfToken;
}

function isValid(ctx: AppKoaContext): boolean {
  const expected = ctx.session?.csrfToken;
  const sent = submittedToken(ctx);
  if (typeof expected !== 'string' || typeof sent !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

function submittedToken(ctx: AppKoaContext): unknown {
  const body: unknown = ctx.request.body;
  const fromBody = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
  return fromBody ?? ctx.get(CSRF_HEADER) ?? undefined;
}
