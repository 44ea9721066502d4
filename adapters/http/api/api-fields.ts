import { err, ok, type Result } from 'neverthrow';
import type { FieldProblem } from '../../../domain/errors.js';
import { problemCode, problemMessage } from '../forms/messages.js';
import type { InvalidField } from '../forms/submit-form.js';
import { ApiProblem, fieldError, type FieldError } from './api-problem.js';
import type { ApiContext } from './api-operation.js';

/** The API's name for each of the domain's input fields. */
const API_FIELDS: Readonly<Record<FieldProblem['field'], string>> = {
  username: 'username', email: 'email', password: 'password', aboutMe: 'about_me', body: 'body',
};

/** A domain problem as an entry of a problem's `errors`: the website's message, and a code a client can act on. */
export function fieldErrorOf(problem: FieldProblem): FieldError {
  return fieldError(API_FIELDS[problem.field], problemCode(problem), problemMessage(problem));
}

/** The fields a submit refused, as a problem's `errors`: the website's words for each. */
export function fieldErrorsOf(problems: readonly InvalidField<string>[]): FieldError[] {
  return problems.map(({ field, code, messageKey, messageValues }) => fieldError(field, code, { key: messageKey, ...(messageValues ? { values: messageValues } : {}) }));
}

const PATH_ID = /^[1-9]\d{0,9}$/;
const MAX_ID = 2 ** 31 - 1;

/** The `{id}` of a path; anything that cannot be a user's id is a user that does not exist. */
export function userIdOf(ctx: ApiContext): Result<number, ApiProblem> {
  return pathIdOf(ctx, () => ApiProblem.of('user-not-found', 'There is no user with this id.'));
}

/** The `{id}` of an export's path, as `userIdOf` reads a user's. */
export function exportIdOf(ctx: ApiContext): Result<number, ApiProblem> {
  return pathIdOf(ctx, () => ApiProblem.of('export-not-found', 'You have no export with this id.'));
}

// Ids are the database's serial integers: anything else names nothing, and is refused before a query.
function pathIdOf(ctx: ApiContext, notFound: () => ApiProblem): Result<number, ApiProblem> {
  const raw = ctx.params.id ?? '';
  const id = PATH_ID.test(raw) ? Number(raw) : NaN;
  return id <= MAX_ID ? ok(id) : err(notFound());
}
