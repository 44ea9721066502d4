import type { Result } from 'neverthrow';
import type { AppKoaContext } from '../context.js';
import { PROBLEM_JSON, problemDetails } from '../errors/problem-details.js';
import type { FormRejected } from '../forms/submit-form.js';
import { fieldErrorsOf } from './api-fields.js';
import { ApiProblem } from './api-problem.js';
import { problemOf, type DomainError } from './domain-problems.js';

/** What an operation can be refused with: the domain's outcomes, a submit's invalid fields, or a problem of the API's own. */
export type ApiRefusal = DomainError | FormRejected<string> | ApiProblem;

/**
 * Answers an operation's outcome where it is known: the success as `onOk` writes it, an expected
 * failure as its problem+json. Only what nobody expected is left to the error boundary.
 */
export async function answerApi<T>(ctx: AppKoaContext, result: Result<T, ApiRefusal>, onOk: (value: T) => void | Promise<void>): Promise<void> {
  await result.match(onOk, (refusal) => sendProblem(ctx, problemFor(refusal)));
}

function problemFor(refusal: ApiRefusal): ApiProblem {
  if (refusal instanceof ApiProblem) return refusal;
  return refusal.type === 'FormRejected' ? ApiProblem.invalidFields(fieldErrorsOf(refusal.problems)) : problemOf(refusal);
}

/** Sends a problem as the error boundary would a thrown one, without a reference: nothing failed on our side. */
export function sendProblem(ctx: AppKoaContext, problem: ApiProblem): void {
  ctx.set({ ...problem.response.headers });
  ctx.status = problem.status;
  ctx.type = PROBLEM_JSON;
  ctx.body = problemDetails(problem.response, null, ctx.path, ctx.state.t);
}
