import { renderPage } from '../render.js';
import { sendProblem } from './api-answer.js';
import { ApiProblem } from './api-problem.js';
import type { ApiContext } from './api-operation.js';
import { PROBLEM_TYPES, type ProblemSlug } from './problem-types.js';

/** The page a problem's `type` URI leads to: what the problem means and what a client can do. */
export async function problemPage(ctx: ApiContext): Promise<void> {
  const slug = ctx.params.slug ?? '';
  if (!Object.hasOwn(PROBLEM_TYPES, slug)) return sendProblem(ctx, ApiProblem.plain(404, 'There is no such problem type.'));
  const { status, title, description } = PROBLEM_TYPES[slug as ProblemSlug];
  await renderPage(ctx, 'api-problem', {
    title,
    status,
    slug,
    // The descriptions mark code with backticks, as Markdown does.
    description: description.split('`').map((text, index) => ({ text, code: index % 2 === 1 })),
    user: null,
    csrfToken: () => null,
  });
}
