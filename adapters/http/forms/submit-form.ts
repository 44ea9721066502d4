import { err, type Result, type ResultAsync } from 'neverthrow';
import type { FieldProblem, FieldsRejected } from '../../../domain/errors.js';
import type { FieldErrors, FieldText, SubmittedForm } from './fields.js';
import type { MessageValues } from '../../../domain/ports/translator.js';
import { formCode, problemCode, problemMessage, type FieldCode, type FieldsOf, type ProblemAbout } from './messages.js';

/**
 * One field a submit refused: which, a stable code a client can act on, and the key of the words a
 * person reads, which is the English message as gettext keys its catalogues, with the values it names.
 */
export type InvalidField<Field extends string> = Readonly<{ field: Field; code: FieldCode; messageKey: string; messageValues?: MessageValues }>;

/** Every field a refused submit found wrong, in the form's order. */
export type FormRejected<Field extends string> = Readonly<{ type: 'FormRejected'; problems: readonly InvalidField<Field>[] }>;

/** A use case's check of the fields, without acting: a domain check that reads the store, or an adapter's own. */
type Checked<Rejected> = ResultAsync<unknown, Rejected> | Promise<Result<unknown, Rejected>>;

export type FormUseCase<Field extends string, Value, Done, Refusal, Key extends FieldProblem['field']> = Readonly<{
  /** Acts on a form that passed its own checks. */
  act: (value: Value) => PromiseLike<Result<Done, Refusal>>;
  /** Checks the fields as the domain sees them, acting on nothing; for use cases with more than one field. */
  check?: (text: FieldText<Field>) => Checked<FieldsRejected<ProblemAbout<Key>>>;
}>;

/**
 * Submits a form, from a page or as the API's JSON, to a use case whose fields the domain checks
 * too. When the form's own checks fail the domain still checks the fields, so one submit finds
 * every wrong field; where both speak of one field, the form's word is kept. The domain's other
 * refusals pass through as they are.
 */
export async function submitForm<Field extends string, Value, Done, Refusal extends { type: string }, Key extends FieldProblem['field']>(
  form: SubmittedForm<Field, Value>,
  fieldsOf: FieldsOf<Key, Field>,
  useCase: FormUseCase<Field, Value, Done, Refusal, Key>,
): Promise<Result<Done, FormRejected<Field> | Exclude<Refusal, FieldsRejected<FieldProblem>>>> {
  return form.value.match(async (value) => {
    const done = await useCase.act(value);
    return done.mapErr((error) => (isFieldsRejected<Key>(error)
      ? formRejected(invalidFields(error.problems, fieldsOf))
      : error as Exclude<Refusal, FieldsRejected<FieldProblem>>));
  }, async (formErrors) => {
    const formProblems = Object.entries<string | undefined>(formErrors)
      .map(([field, message = '']) => ({ field: field as Field, code: formCode(message), messageKey: message }));
    const checked = await useCase.check?.(form.text);
    const reported = new Set(formProblems.map((problem) => problem.field));
    const domainProblems = checked?.match(() => [], (rejected) => invalidFields(rejected.problems, fieldsOf)) ?? [];
    const order = Object.keys(form.text);
    const problems = [...formProblems, ...domainProblems.filter((problem) => !reported.has(problem.field))];
    return err(formRejected(problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))));
  });
}

/**
 * What a page shows next to each field, in its language (`t`): the first problem found with it,
 * since a form shows a field's mistakes one at a time.
 */
export function fieldMessages<Field extends string>(problems: readonly InvalidField<Field>[], t: (key: string, values?: MessageValues) => string): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  for (const problem of problems) errors[problem.field] ??= t(problem.messageKey, problem.messageValues);
  return errors;
}

function invalidFields<Key extends FieldProblem['field'], Field extends string>(
  problems: readonly ProblemAbout<Key>[], fieldsOf: FieldsOf<Key, Field>,
): InvalidField<Field>[] {
  return problems.map((problem) => {
    const { key, values } = problemMessage(problem);
    return { field: fieldsOf[problem.field], code: problemCode(problem), messageKey: key, ...(values ? { messageValues: values } : {}) };
  });
}

function formRejected<Field extends string>(problems: readonly InvalidField<Field>[]): FormRejected<Field> {
  return { type: 'FormRejected', problems };
}

function isFieldsRejected<Key extends FieldProblem['field']>(error: { type: string }): error is FieldsRejected<ProblemAbout<Key>> {
  return error.type === 'FieldsRejected';
}
