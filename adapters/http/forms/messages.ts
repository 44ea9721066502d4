import { assertNever } from '../../../domain/assert-never.js';
import { REQUIRED } from './fields.js';
import type { AboutMeTooLong, EmailInvalid, PasswordTooShort, PostTooLong, UsernameInvalid } from '../../../domain/errors.js';

// The words users read next to a field, kept to the original app's where it has them.
export const USERNAME_TAKEN = 'Please use a different username.';
export const EMAIL_TAKEN = 'Please use a different email address.';
export const PASSWORDS_DIFFER = 'Field must be equal to password.';

export function usernameInvalidMessage(error: UsernameInvalid): string {
  switch (error.problem) {
    case 'missing': return REQUIRED;
    case 'too-long': return `Field must be between 1 and ${error.maxLength} characters long.`;
    case 'bad-characters': return 'Usernames may contain only letters, numbers, dots, dashes and underscores.';
    default: return assertNever(error.problem);
  }
}

export const emailInvalidMessage = (_error: EmailInvalid): string => 'Invalid email address.';
export const passwordTooShortMessage = (error: PasswordTooShort): string =>
  `Field must be at least ${error.minLength} characters long.`;
export const aboutMeTooLongMessage = (error: AboutMeTooLong): string =>
  `Field cannot be longer than ${error.maxLength} characters.`;
export const postTooLongMessage = (error: PostTooLong): string =>
  `Field must be between 1 and ${error.maxLength} characters long.`;
