import type { MessageValues } from '../../domain/ports/translator.js';
import type { AppKoaContext } from './context.js';
import type { Words } from './forms/messages.js';
import { takeFlashes } from './flash.js';
import { languageChoices } from './language-choices.js';

/** What every page shows besides its own content: its title as a message key, with the values it names. */
export type PageLocals = Record<string, unknown> & { title?: string; titleValues?: MessageValues };

/**
 * Renders a page of the site. The status is set first: setting the body would otherwise answer 200.
 * The name carries its extension, so koa-views finds the file with one lookup instead of two.
 */
export async function renderPage(ctx: AppKoaContext, template: string, locals: PageLocals = {}, status = 200): Promise<void> {
  ctx.status = status;
  const title = locals.title === undefined ? undefined : ctx.state.t(locals.title, locals.titleValues);
  await ctx.render(`${template}.pug`, { ...locals, title, flashes: takeFlashes(ctx), languageChoices: languageChoices(ctx) });
}

/** Words in the request's language. */
export function sayWords(ctx: AppKoaContext, { key, values }: Words): string {
  return ctx.state.t(key, values);
}
