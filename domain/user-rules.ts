import { err, ok, type Result } from 'neverthrow';
import {
  aboutMeTooLong, emailInvalid, passwordTooShort, usernameInvalid,
  type AboutMeTooLong, type EmailInvalid, type PasswordTooShort, type UsernameInvalid,
} from './errors.js';

// The invariants of a user's fields. Usernames appear in URLs and log lines, so they are kept to
// ASCII letters, digits and `._-`: no look-alike characters, nothing to escape. They keep the case
// the user typed but are unique without regard to case, the way people read names.
export const USERNAME_MAX_LENGTH = 64;
export const EMAIL_MAX_LENGTH = 120;
export const ABOUT_ME_MAX_LENGTH = 140;
export const PASSWORD_MIN_LENGTH = 8;

const USERNAME_PATTERN = /^[A-Za-z0-9._-]+$/;
// Deliberately modest, like WTForms' Email validator: one @, no spaces, a dot in the domain.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export function parseUsername(raw: string): Result<string, UsernameInvalid> {
  const username = raw.trim();
  if (username === '') return err(usernameInvalid('missing', USERNAME_MAX_LENGTH));
  if (username.length > USERNAME_MAX_LENGTH) return err(usernameInvalid('too-long', USERNAME_MAX_LENGTH));
  if (!USERNAME_PATTERN.test(username)) return err(usernameInvalid('bad-characters', USERNAME_MAX_LENGTH));
  return ok(username);
}

/**
 * The form two usernames are compared in: `Susan` and `susan` are the same person. Only ASCII
 * letters are folded, as the rules allow no others: Unicode's lower-casing would turn the Kelvin
 * sign (U+212A) into `k` and let `\u212Aim` stand for `kim`.
 */
export function usernameKey(username: string): string {
  return username.trim().replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** Emails are stored in their canonical, lower-case form: mail providers treat case as noise. */
export function parseEmail(raw: string): Result<string, EmailInvalid> {
  const email = raw.trim().toLowerCase();
  if (email.length > EMAIL_MAX_LENGTH || !EMAIL_PATTERN.test(email)) return err(emailInvalid(EMAIL_MAX_LENGTH));
  return ok(email);
}

export function parsePassword(raw: string): Result<string, PasswordTooShort> {
  return characterCount(raw) < PASSWORD_MIN_LENGTH ? err(passwordTooShort(PASSWORD_MIN_LENGTH)) : ok(raw);
}

export function parseAboutMe(raw: string): Result<string, AboutMeTooLong> {
  const aboutMe = raw.trim();
  return characterCount(aboutMe) > ABOUT_ME_MAX_LENGTH ? err(aboutMeTooLong(ABOUT_ME_MAX_LENGTH)) : ok(aboutMe);
}

/** Counts what a person sees as characters (code points), so an emoji is one, not two. */
function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
