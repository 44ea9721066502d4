import type { AppKoaContext, Flash } from './context.js';

/** Leaves a message for the next page the browser shows (post/redirect/get). */
export function flash(ctx: AppKoaContext, message: string, category: Flash['category'] = 'info'): void {
  if (!ctx.session) return;
  ctx.session.flashes = [...(ctx.session.flashes ?? []), { category, message }];
}

/** Hands out the pending messages once. */
export function takeFlashes(ctx: AppKoaContext): Flash[] {
  const flashes = ctx.session?.flashes ?? [];
  if (ctx.session && flashes.length > 0) delete ctx.session.flashes;
  return flashes;
}
