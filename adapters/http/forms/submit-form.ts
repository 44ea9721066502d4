import { err, type Result } from 'neverthrow';
import type { FieldProblem, FieldsRejected } from '../../../domain/errors.js';
import type { FieldErrors, FieldText, SubmittedForm } from './fields.js';
import { problemMessages, type FieldsOf, type ProblemAbout } from './messages.js';

/** Every message a form shows after a refused submit. */
export type FormRejected<Field extends string> = Readonly<{ type: 'FormRejected'; errors: FieldErrors<Field> }>;

export const formRejected = <Field extends string>(errors: FieldErrors<Field>): FormRejected<Field> => ({ type: 'FormRejected', errors });

export type FormUseCase<Field extends string, Value, Done, Refusal, Key extends FieldProblem['field']> = Readonly<{
  /** Acts on a form that passed its own checks. */
  act: (value: Value) => Promise<Result<Done, Refusal>>;
  /** Checks the fields as the domain sees them, acting on nothing; for use cases with more than one field. */
  check?: (text: FieldText<Field>) => Promise<Result<unknown, FieldsRejected<ProblemAbout<Key>>>>;
}>;

/**
 * Submits a form whose fields the domain checks too. When the form's own checks fail the domain
 * still checks the fields, so one submit shows every message; where both speak of one field, the
 * form's message is shown. The domain's other refusals pass through as they are.
 */
export async function submitForm<Field extends string, Value, Done, Refusal extends { type: string }, Key extends FieldProblem['field']>(
  form: SubmittedForm<Field, Value>,
  fieldsOf: FieldsOf<Key, Field>,
  useCase: FormUseCase<Field, Value, Done, Refusal, Key>,
): Promise<Result<Done, FormRejected<Field> | Exclude<Refusal, FieldsRejected<FieldProblem>>>> {
  if (form.value.isErr()) {
    const checked = await useCase.check?.(form.text);
    const domainErrors = checked?.isErr() ? problemMessages(checked.error.problems, fieldsOf) : {};
    return err(formRejected({ ...domainErrors, ...form.value.error }));
  }
  const done = await useCase.act(form.value.value);
  return done.mapErr((error) => (isFieldsRejected<Key>(error)
    ? formRejected(problemMessages(error.problems, fieldsOf))
    : error as Exclude<Refusal, FieldsRejected<FieldProblem>>));
}

function isFieldsRejected<Key extends FieldProblem['field']>(error: { type: string }): error is FieldsRejected<ProblemAbout<Key>> {
  return error.type === 'FieldsRejected';
}
