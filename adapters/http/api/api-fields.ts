import { err, ok, type Result } from 'neverthrow';
import { assertNever } from '../../../domain/assert-never.js';
import type { FieldProblem, FieldsRejected } from '../../../domain/errors.js';
import { NOT_TEXT, REQUIRED, UNSAFE_TEXT, type FieldText, type SubmittedForm } from '../forms/fields.js';
import { problemMessage } from '../forms/messages.js';
import { ApiProblem, type FieldCode, type FieldError } from './api-problem.js';
import type { ApiContext } from './api-operation.js';

/** The API's name for each of the domain's input fields. */
const API_FIELDS: Readonly<Record<FieldProblem['field'], string>> = {
  username: 'username', email: 'email', password: 'password', aboutMe: 'about_me', body: 'body',
};

// The checks a form makes before the domain sees anything, by the message they give.
const FORM_CODES: Readonly<Record<string, FieldCode>> = { [REQUIRED]: 'required', [NOT_TEXT]: 'not-text', [UNSAFE_TEXT]: 'unsafe-text' };

/** A domain problem as an entry of a problem's `errors`: the website's message, and a code a client can act on. */
export function fieldErrorOf(problem: FieldProblem): FieldError {
  return { field: API_FIELDS[problem.field], code: problemCode(problem), message: problemMessage(problem) };
}

function problemCode(problem: FieldProblem): FieldCode {
  switch (problem.type) {
    case 'UsernameInvalid': return problem.problem === 'missing' ? 'required' : problem.problem;
    case 'UsernameTaken': return 'taken';
    case 'EmailInvalid': return 'invalid';
    case 'EmailTaken': return 'taken';
    case 'PasswordTooShort': return 'too-short';
    case 'AboutMeTooLong': return 'too-long';
    case 'PostEmpty': return 'required';
    case 'PostTooLong': return 'too-long';
    default: return assertNever(problem);
  }
}

export type FieldsUseCase<Field extends string, Value, Done, Refusal> = Readonly<{
  /** Acts on a body that passed the form's own checks. */
  act: (value: Value) => Promise<Result<Done, Refusal>>;
  /** Checks the fields as the domain sees them, acting on nothing; for use cases with more than one field. */
  check?: (text: FieldText<Field>) => Promise<Result<unknown, FieldsRejected<FieldProblem>>>;
}>;

/**
 * Submits a JSON body read with the website's form reader, the way the website submits its forms:
 * when the reader's own checks fail the domain still checks the fields, so a 422 lists every
 * invalid field at once, each with the message the form would show, as a problem to answer with.
 * The domain's other refusals come back as they are.
 */
export async function submitFields<Field extends string, Value, Done, Refusal extends { type: string }>(
  form: SubmittedForm<Field, Value>,
  useCase: FieldsUseCase<Field, Value, Done, Refusal>,
): Promise<Result<Done, ApiProblem | Exclude<Refusal, FieldsRejected<FieldProblem>>>> {
  if (form.value.isErr()) {
    const formErrors = Object.entries<string | undefined>(form.value.error)
      .map(([field, message = '']): FieldError => ({ field, code: FORM_CODES[message] ?? 'invalid', message }));
    const checked = await useCase.check?.(form.text);
    const domainErrors = checked?.isErr() ? checked.error.problems.map(fieldErrorOf) : [];
    const reported = new Set(formErrors.map((error) => error.field));
    const order = Object.keys(form.text);
    const all = [...formErrors, ...domainErrors.filter((error) => !reported.has(error.field))];
    return err(ApiProblem.invalidFields(all.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))));
  }
  const done = await useCase.act(form.value.value);
  if (done.isOk()) return ok(done.value);
  if (isFieldsRejected(done.error)) return err(ApiProblem.invalidFields(done.error.problems.map(fieldErrorOf)));
  return err(done.error as Exclude<Refusal, FieldsRejected<FieldProblem>>);
}

function isFieldsRejected(error: { type: string }): error is FieldsRejected<FieldProblem> {
  return error.type === 'FieldsRejected';
}

const PATH_ID = /^[1-9]\d{0,9}$/;
const MAX_ID = 2 ** 31 - 1;

/** The `{id}` of a path; anything that cannot be a user's id is a user that does not exist. */
export function userIdOf(ctx: ApiContext): number {
  return pathIdOf(ctx, () => ApiProblem.of('user-not-found', 'There is no user with this id.'));
}

/** The `{id}` of an export's path, as `userIdOf` reads a user's. */
export function exportIdOf(ctx: ApiContext): number {
  return pathIdOf(ctx, () => ApiProblem.of('export-not-found', 'You have no export with this id.'));
}

// Ids are the database's serial integers: anything else names nothing, and is refused before a query.
function pathIdOf(ctx: ApiContext, notFound: () => ApiProblem): number {
  const raw = ctx.params.id ?? '';
  const id = PATH_ID.test(raw) ? Number(raw) : NaN;
  if (!(id <= MAX_ID)) throw notFound();
  return id;
}
