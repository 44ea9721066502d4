import { assertNever } from '../../../domain/assert-never.js';
import type { FieldProblem, SearchQueryTooLong, UsernameInvalid } from '../../../domain/errors.js';
import type { MessageValues } from '../../../domain/ports/translator.js';
import { NOT_TEXT, REQUIRED, UNSAFE_TEXT } from './fields.js';

/**
 * Words a person reads, not yet in any language: the message's key (its English text) and the values
 * it names. Pages and the API put them into the request's language as they answer.
 */
export type Words = Readonly<{ key: string; values?: MessageValues }>;

// The words users read next to a field, kept to the original app's where it has them.
export const USERNAME_TAKEN = 'Please use a different username.';
export const EMAIL_TAKEN = 'Please use a different email address.';
export const CANNOT_MESSAGE_YOURSELF = 'You cannot send a message to yourself.';
export const TOO_MANY_MESSAGES = 'You have sent too many messages. Wait a little before sending another.';

/** Every code an invalid field can carry: the API's document lists them, so a client can act on each. */
export const FIELD_CODES = ['required', 'invalid', 'taken', 'too-short', 'too-long', 'bad-characters', 'not-text', 'unsafe-text'] as const;

export type FieldCode = (typeof FIELD_CODES)[number];

/** The domain's problems about the input fields named `Key`. */
export type ProblemAbout<Key extends FieldProblem['field']> = FieldProblem & Readonly<{ field: Key }>;

/** Which form field shows the problems with each of the domain's input fields (the names differ: `aboutMe`, `about_me`). */
export type FieldsOf<Key extends FieldProblem['field'], Field extends string> = Readonly<Record<Key, Field>>;

/** A search box's text past the limit: the same words on the search page and in the API's problem. */
export function searchTooLongMessage(error: SearchQueryTooLong): Words {
  return { key: 'Search for at most {count, number} characters.', values: { count: error.maxLength } };
}

export function problemMessage(problem: FieldProblem): Words {
  switch (problem.type) {
    case 'UsernameInvalid': return usernameInvalidMessage(problem);
    case 'UsernameTaken': return { key: USERNAME_TAKEN };
    case 'EmailInvalid': return { key: 'Invalid email address.' };
    case 'EmailTaken': return { key: EMAIL_TAKEN };
    case 'PasswordTooShort': return { key: 'Field must be at least {count} characters long.', values: { count: problem.minLength } };
    case 'AboutMeTooLong': return { key: 'Field cannot be longer than {count} characters.', values: { count: problem.maxLength } };
    case 'PostEmpty': return { key: REQUIRED };
    case 'PostTooLong': return { key: 'Field must be between 1 and {count} characters long.', values: { count: problem.maxLength } };
    default: return assertNever(problem);
  }
}

/** The code of one of the domain's field problems. */
export function problemCode(problem: FieldProblem): FieldCode {
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

// The checks a form makes before the domain sees anything, by the message they give.
const FORM_CODES: Readonly<Record<string, FieldCode>> = { [REQUIRED]: 'required', [NOT_TEXT]: 'not-text', [UNSAFE_TEXT]: 'unsafe-text' };

/** The code of a form's own message: a missing field, one that is not text, two fields that disagree. */
export function formCode(message: string): FieldCode {
  return FORM_CODES[message] ?? 'invalid';
}

function usernameInvalidMessage(error: UsernameInvalid): Words {
  switch (error.problem) {
    case 'missing': return { key: REQUIRED };
    case 'too-long': return { key: 'Field must be between 1 and {count} characters long.', values: { count: error.maxLength } };
    case 'bad-characters': return { key: 'Usernames may contain only letters, numbers, dots, dashes and underscores.' };
    default: return assertNever(error.problem);
  }
}
