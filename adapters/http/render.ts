import type { AppKoaContext } from './context.js';
import { takeFlashes } from './flash.js';

/**
 * Renders a page of the site. The status is set first: setting the body would otherwise answer 200.
 * The name carries its extension, so koa-views finds the file with one lookup instead of two.
 */
export async function renderPage(ctx: AppKoaContext, template: string, locals: Record<string, unknown> = {}, status = 200): Promise<void> {
  ctx.status = status;
  await ctx.render(`${template}.pug`, { ...locals, flashes: takeFlashes(ctx) });
}
