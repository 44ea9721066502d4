import type * as DomainErrors from '../../../domain/errors.js';
import { retryAfter } from '../errors/retry-after.js';
import { CANNOT_MESSAGE_YOURSELF, TOO_MANY_MESSAGES } from '../forms/messages.js';
import { searchTooLongMessage } from '../forms/messages.js';
import { fieldErrorOf } from './api-fields.js';
import { ApiProblem, fieldError } from './api-problem.js';
import { PROBLEM_TYPES } from './problem-types.js';

/**
 * Every expected outcome the domain can return: whatever one of its error constructors makes. A new
 * constructor in `domain/errors.ts` joins this union by itself, and the mapping below then stops
 * compiling until it says which problem the new error is.
 */
export type DomainError = {
  [Name in keyof typeof DomainErrors]: (typeof DomainErrors)[Name] extends (...args: never[]) => infer Made ? Made : never
}[keyof typeof DomainErrors];

type ProblemMapping = { [Type in DomainError['type']]: (error: Extract<DomainError, { type: Type }>) => ApiProblem };

const invalidField = (problem: Parameters<typeof fieldErrorOf>[0]) => ApiProblem.invalidFields([fieldErrorOf(problem)]);

// Field messages are the forms' own, so the API and the website say the same thing about the same input.
const DOMAIN_PROBLEMS: ProblemMapping = {
  FieldsRejected: (error) => ApiProblem.invalidFields(error.problems.map(fieldErrorOf)),
  UsernameInvalid: invalidField,
  UsernameTaken: invalidField,
  EmailInvalid: invalidField,
  EmailTaken: invalidField,
  PasswordTooShort: invalidField,
  AboutMeTooLong: invalidField,
  PostEmpty: invalidField,
  PostTooLong: invalidField,
  SearchQueryTooLong: (error) => ApiProblem.of('invalid-query-parameter', 'Invalid query parameters: {names}.', {
    detailValues: { names: error.field },
    errors: [fieldError(error.field, 'too-long', searchTooLongMessage(error))],
  }),
  UserNotFound: () => ApiProblem.of('user-not-found', 'There is no user with this id.'),
  PageNotFound: () => ApiProblem.of('page-not-found', 'This list has no page with that number.'),
  CannotFollowYourself: () => ApiProblem.of('cannot-follow-yourself', 'You cannot follow yourself!'),
  CannotMessageYourself: () => ApiProblem.of('cannot-message-yourself', CANNOT_MESSAGE_YOURSELF),
  TooManyMessages: (error) => ApiProblem.of('too-many-messages', TOO_MANY_MESSAGES, { headers: retryAfter(error.retryAfterMs) }),
  // One answer for an unknown user and a wrong password alike: no hint which names exist.
  InvalidCredentials: () => ApiProblem.of('invalid-credentials', PROBLEM_TYPES['invalid-credentials'].title, { headers: BASIC_CHALLENGE }),
  TooManyAttempts: (error) => ApiProblem.of('too-many-attempts', 'Too many failed logins. Wait before trying again.', {
    headers: retryAfter(error.retryAfterMs),
  }),
  ServiceBusy: (error) => ApiProblem.of('service-busy', 'The server is checking as many passwords as it can. Try again shortly.', {
    headers: retryAfter(error.retryAfterMs),
  }),
  // Browser sessions never authenticate API calls; a client meeting this needs a token.
  SessionEnded: () => ApiProblem.of('authentication-required', 'Send a bearer token.', { headers: BEARER_CHALLENGE }),
  TokenInvalid: () => ApiProblem.of('token-invalid', 'This token is not valid.', { headers: invalidTokenChallenge('The token is not valid') }),
  TokenExpired: () => ApiProblem.of('token-expired', 'This token has expired.', { headers: invalidTokenChallenge('The token expired') }),
  TokenRevoked: () => ApiProblem.of('token-revoked', 'This token was revoked.', { headers: invalidTokenChallenge('The token was revoked') }),
  ResetTokenInvalid: () => ApiProblem.of('reset-link-invalid', 'This password reset link is unknown, used or expired.'),
  ExportInProgress: () => ApiProblem.of('export-in-progress', 'An export task is currently in progress.'),
  ExportNotFound: () => ApiProblem.of('export-not-found', 'You have no export with this id.'),
  MailNotSent: () => ApiProblem.of('mail-not-sent', 'The email could not be sent. Try again later.', {
    headers: { 'Retry-After': String(MAIL_RETRY_AFTER_SECONDS) },
  }),
};

const MAIL_RETRY_AFTER_SECONDS = 60;

/** The one problem a domain error is, for its route to answer with. */
export function problemOf(error: DomainError): ApiProblem {
  return (DOMAIN_PROBLEMS[error.type] as (error: DomainError) => ApiProblem)(error);
}

// RFC 7617 and RFC 6750: a 401 names the scheme that would work, and for a bad token says so.
const REALM = 'realm="microblog API"';
export const BASIC_CHALLENGE = { 'WWW-Authenticate': `Basic ${REALM}, charset="UTF-8"` };
export const BEARER_CHALLENGE = { 'WWW-Authenticate': `Bearer ${REALM}` };

function invalidTokenChallenge(description: string): Record<string, string> {
  return { 'WWW-Authenticate': `Bearer ${REALM}, error="invalid_token", error_description="${description}"` };
}
