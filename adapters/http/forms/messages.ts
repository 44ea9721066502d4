import { assertNever } from '../../../domain/assert-never.js';
import type { FieldProblem, UsernameInvalid } from '../../../domain/errors.js';
import { REQUIRED, type FieldErrors } from './fields.js';

// The words users read next to a field, kept to the original app's where it has them.
export const USERNAME_TAKEN = 'Please use a different username.';
export const EMAIL_TAKEN = 'Please use a different email address.';
export const PASSWORDS_DIFFER = 'Field must be equal to password.';

/** The domain's problems about the input fields named `Key`. */
export type ProblemAbout<Key extends FieldProblem['field']> = FieldProblem & Readonly<{ field: Key }>;

/** Which form field shows the problems with each of the domain's input fields (the names differ: `aboutMe`, `about_me`). */
export type FieldsOf<Key extends FieldProblem['field'], Field extends string> = Readonly<Record<Key, Field>>;

export function problemMessage(problem: FieldProblem): string {
  switch (problem.type) {
    case 'UsernameInvalid': return usernameInvalidMessage(problem);
    case 'UsernameTaken': return USERNAME_TAKEN;
    case 'EmailInvalid': return 'Invalid email address.';
    case 'EmailTaken': return EMAIL_TAKEN;
    case 'PasswordTooShort': return `Field must be at least ${problem.minLength} characters long.`;
    case 'AboutMeTooLong': return `Field cannot be longer than ${problem.maxLength} characters.`;
    case 'PostEmpty': return REQUIRED;
    case 'PostTooLong': return `Field must be between 1 and ${problem.maxLength} characters long.`;
    default: return assertNever(problem);
  }
}

/** One message per field, the first problem found for it; the form shows a field's mistakes one at a time. */
export function problemMessages<Key extends FieldProblem['field'], Field extends string>(
  problems: readonly ProblemAbout<Key>[], fieldsOf: FieldsOf<Key, Field>,
): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  for (const problem of problems) errors[fieldsOf[problem.field]] ??= problemMessage(problem);
  return errors;
}

function usernameInvalidMessage(error: UsernameInvalid): string {
  switch (error.problem) {
    case 'missing': return REQUIRED;
    case 'too-long': return `Field must be between 1 and ${error.maxLength} characters long.`;
    case 'bad-characters': return 'Usernames may contain only letters, numbers, dots, dashes and underscores.';
    default: return assertNever(error.problem);
  }
}
