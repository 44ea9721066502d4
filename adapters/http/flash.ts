import type { MessageValues } from '../../domain/ports/translator.js';
import type { AppKoaContext, Flash } from './context.js';

// Messages wait in the signed cookie until a page shows them. A visitor sent to the login form again
// and again (or a page of links to login-required pages) would otherwise grow the cookie past what
// browsers keep and what the server reads.
const MAX_PENDING = 5;

/** Leaves a message for the next page the browser shows (post/redirect/get); one already waiting is not repeated. */
export function flash(ctx: AppKoaContext, message: string, category: Flash['category'] = 'info', values?: MessageValues): void {
  if (!ctx.session) return;
  const pending = (ctx.session.flashes ?? []).filter((waiting) => waiting.message !== message || waiting.category !== category);
  ctx.session.flashes = [...pending, { category, message, ...(values ? { values } : {}) }].slice(-MAX_PENDING);
}

/** Hands out the pending messages once. */
export function takeFlashes(ctx: AppKoaContext): Flash[] {
  const flashes = ctx.session?.flashes ?? [];
  if (ctx.session && flashes.length > 0) delete ctx.session.flashes;
  return flashes;
}
