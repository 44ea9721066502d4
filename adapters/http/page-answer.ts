import type { Result } from 'neverthrow';
import type { PageNotFound, ServiceBusy, TooManyAttempts, UserNotFound } from '../../domain/errors.js';
import type { AppKoaContext, ExpectedErrorPage } from './context.js';
import { retryAfter } from './errors/retry-after.js';

/** The domain's outcomes that are an error page wherever a page meets them, unless its route answers one its own way. */
export type ErrorPageOutcome = UserNotFound | PageNotFound | TooManyAttempts | ServiceBusy;

type ErrorPages = { [Type in ErrorPageOutcome['type']]: (outcome: Extract<ErrorPageOutcome, { type: Type }>) => Omit<ExpectedErrorPage, 'outcome'> };

// A new outcome joins the union above only with its page here: the mapping stops compiling until then.
const ERROR_PAGES: ErrorPages = {
  UserNotFound: () => ({ status: 404 }),
  PageNotFound: () => ({ status: 404 }),
  TooManyAttempts: (outcome) => ({ status: 429, headers: retryAfter(outcome.retryAfterMs) }),
  ServiceBusy: (outcome) => ({ status: 503, headers: retryAfter(outcome.retryAfterMs) }),
};

type Refusal = Readonly<{ type: string }>;
type Answer = void | Promise<void>;

/**
 * How a route answers refusals its own way (a form shown again, a flash and a redirect), by type:
 * every refusal that is no error page must be answered, and one that is may be.
 */
export type OwnAnswers<E extends Refusal> =
  & { [Type in Exclude<E, ErrorPageOutcome>['type']]: (refusal: Extract<E, { type: Type }>) => Answer }
  & { [Type in Extract<E, ErrorPageOutcome>['type']]?: (refusal: Extract<E, { type: Type }>) => Answer };

// The route's own answers are required exactly when some refusal has no error page.
type OwnAnswersArgument<E extends Refusal> = Record<never, never> extends OwnAnswers<E> ? [own?: OwnAnswers<E>] : [own: OwnAnswers<E>];

/**
 * Answers a page's use case where its outcome is known: the success as `onOk` writes it, a refusal
 * as the route's own answer for it, or else as its error page (404, 429 or 503 with Retry-After),
 * shown as the error boundary shows a thrown error of that status. Only what nobody expected is
 * left to the boundary.
 */
export async function answerPage<T, E extends Refusal>(
  ctx: AppKoaContext,
  result: Result<T, E> | PromiseLike<Result<T, E>>,
  onOk: (value: T) => Answer,
  ...[own]: OwnAnswersArgument<E>
): Promise<void> {
  await (await result).match(onOk, (refusal) => {
    const answerOwn = (own as Partial<Record<string, (refusal: E) => Answer>> | undefined)?.[refusal.type];
    return answerOwn ? answerOwn(refusal) : showErrorPage(ctx, refusal as Refusal as ErrorPageOutcome);
  });
}

function showErrorPage(ctx: AppKoaContext, outcome: ErrorPageOutcome): Promise<void> {
  const page = (ERROR_PAGES[outcome.type] as (outcome: ErrorPageOutcome) => Omit<ExpectedErrorPage, 'outcome'>)(outcome);
  return ctx.state.showErrorPage({ ...page, outcome: outcome.type });
}
