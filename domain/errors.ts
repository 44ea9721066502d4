// Expected outcomes of the use cases: plain, readonly, tagged values. They are facts about the
// request, never exceptions, and carry no HTTP knowledge.

import type { Permanence } from './jobs/job.js';

export type UsernameProblem = 'missing' | 'too-long' | 'bad-characters';

// A problem with one field of a use case's input names that field (as the input names it), so any
// adapter can put its message next to the right box or into the right entry of an error list.
export type UsernameInvalid = Readonly<{ type: 'UsernameInvalid'; field: 'username'; problem: UsernameProblem; maxLength: number }>;
export type UsernameTaken = Readonly<{ type: 'UsernameTaken'; field: 'username'; username: string }>;
export type EmailInvalid = Readonly<{ type: 'EmailInvalid'; field: 'email'; maxLength: number }>;
export type EmailTaken = Readonly<{ type: 'EmailTaken'; field: 'email'; email: string }>;
export type PasswordTooShort = Readonly<{ type: 'PasswordTooShort'; field: 'password'; minLength: number }>;
export type AboutMeTooLong = Readonly<{ type: 'AboutMeTooLong'; field: 'aboutMe'; maxLength: number }>;
export type PostEmpty = Readonly<{ type: 'PostEmpty'; field: 'body' }>;
export type PostTooLong = Readonly<{ type: 'PostTooLong'; field: 'body'; maxLength: number }>;

export type FieldProblem =
  | UsernameInvalid | UsernameTaken | EmailInvalid | EmailTaken | PasswordTooShort | AboutMeTooLong | PostEmpty | PostTooLong;

/**
 * Every problem found with one submission, never an empty list: the fields are checked together,
 * so a person fixes them all in one go instead of one per submit.
 */
export type FieldsRejected<Problem extends FieldProblem> = Readonly<{ type: 'FieldsRejected'; problems: readonly Problem[] }>;

export type UserNotFound = Readonly<{ type: 'UserNotFound' }>;
export type InvalidCredentials = Readonly<{ type: 'InvalidCredentials' }>;
export type TooManyAttempts = Readonly<{ type: 'TooManyAttempts'; retryAfterMs: number }>;
/** The server has as much work of this kind as it can take just now (password hashing, say); it is worth trying again later. */
export type ServiceBusy = Readonly<{ type: 'ServiceBusy'; retryAfterMs: number }>;
export type SessionEnded = Readonly<{ type: 'SessionEnded' }>;
export type PageNotFound = Readonly<{ type: 'PageNotFound' }>;
export type CannotFollowYourself = Readonly<{ type: 'CannotFollowYourself' }>;
export type CannotMessageYourself = Readonly<{ type: 'CannotMessageYourself' }>;
/** The sender has sent as many messages as the throttle allows for now. */
export type TooManyMessages = Readonly<{ type: 'TooManyMessages'; retryAfterMs: number }>;
/** A reset link that is unknown, used already, or expired: one fact, so it reveals nothing about which. */
export type ResetTokenInvalid = Readonly<{ type: 'ResetTokenInvalid' }>;
/** `reason` is the transport's one-line account (an SMTP reply, a connection error), never a credential. */
/**
 * `permanence` says whether trying later may help: a mail server's 4xx ("try later": greylisting, a
 * full queue), a refused or cut connection and a timeout are `transient`; its 5xx (no such mailbox,
 * a message it will never take) is `permanent`.
 */
export type MailNotSent = Readonly<{ type: 'MailNotSent'; reason: string; permanence: Permanence }>;
export type TokenInvalid = Readonly<{ type: 'TokenInvalid' }>;
/** The user already has an export queued or running: one at a time, so a double click sends one email. */
export type ExportInProgress = Readonly<{ type: 'ExportInProgress' }>;
/** No export has that id, or it is someone else's: the same answer, so ids reveal nothing. */
export type ExportNotFound = Readonly<{ type: 'ExportNotFound' }>;
export type TokenExpired = Readonly<{ type: 'TokenExpired' }>;
export type TokenRevoked = Readonly<{ type: 'TokenRevoked' }>;
/** A search longer than anyone types: refused before any store is asked. */
export type SearchQueryTooLong = Readonly<{ type: 'SearchQueryTooLong'; field: 'q'; maxLength: number }>;

export const usernameInvalid = (problem: UsernameProblem, maxLength: number): UsernameInvalid =>
  ({ type: 'UsernameInvalid', field: 'username', problem, maxLength });
export const usernameTaken = (username: string): UsernameTaken => ({ type: 'UsernameTaken', field: 'username', username });
export const emailInvalid = (maxLength: number): EmailInvalid => ({ type: 'EmailInvalid', field: 'email', maxLength });
export const emailTaken = (email: string): EmailTaken => ({ type: 'EmailTaken', field: 'email', email });
export const passwordTooShort = (minLength: number): PasswordTooShort => ({ type: 'PasswordTooShort', field: 'password', minLength });
export const aboutMeTooLong = (maxLength: number): AboutMeTooLong => ({ type: 'AboutMeTooLong', field: 'aboutMe', maxLength });
export const postEmpty = (): PostEmpty => ({ type: 'PostEmpty', field: 'body' });
export const postTooLong = (maxLength: number): PostTooLong => ({ type: 'PostTooLong', field: 'body', maxLength });
export const fieldsRejected = <Problem extends FieldProblem>(problems: readonly Problem[]): FieldsRejected<Problem> =>
  ({ type: 'FieldsRejected', problems });

export const userNotFound = (): UserNotFound => ({ type: 'UserNotFound' });
export const invalidCredentials = (): InvalidCredentials => ({ type: 'InvalidCredentials' });
export const tooManyAttempts = (retryAfterMs: number): TooManyAttempts => ({ type: 'TooManyAttempts', retryAfterMs });
export const serviceBusy = (retryAfterMs: number): ServiceBusy => ({ type: 'ServiceBusy', retryAfterMs });
export const sessionEnded = (): SessionEnded => ({ type: 'SessionEnded' });
export const pageNotFound = (): PageNotFound => ({ type: 'PageNotFound' });
export const cannotFollowYourself = (): CannotFollowYourself => ({ type: 'CannotFollowYourself' });
export const cannotMessageYourself = (): CannotMessageYourself => ({ type: 'CannotMessageYourself' });
export const tooManyMessages = (retryAfterMs: number): TooManyMessages => ({ type: 'TooManyMessages', retryAfterMs });
export const resetTokenInvalid = (): ResetTokenInvalid => ({ type: 'ResetTokenInvalid' });
export const mailNotSent = (reason: string, permanence: Permanence): MailNotSent => ({ type: 'MailNotSent', reason, permanence });
export const exportInProgress = (): ExportInProgress => ({ type: 'ExportInProgress' });
export const exportNotFound = (): ExportNotFound => ({ type: 'ExportNotFound' });
export const tokenInvalid = (): TokenInvalid => ({ type: 'TokenInvalid' });
export const tokenExpired = (): TokenExpired => ({ type: 'TokenExpired' });
export const tokenRevoked = (): TokenRevoked => ({ type: 'TokenRevoked' });
export const searchQueryTooLong = (maxLength: number): SearchQueryTooLong => ({ type: 'SearchQueryTooLong', field: 'q', maxLength });
