// Expected outcomes of the use cases: plain, readonly, tagged values (DESIGN.md §3).
// They are facts about the request, never exceptions, and carry no HTTP knowledge.

export type UsernameProblem = 'missing' | 'too-long' | 'bad-characters';

export type UsernameInvalid = Readonly<{ type: 'UsernameInvalid'; problem: UsernameProblem; maxLength: number }>;
export type EmailInvalid = Readonly<{ type: 'EmailInvalid'; maxLength: number }>;
export type PasswordTooShort = Readonly<{ type: 'PasswordTooShort'; minLength: number }>;
export type AboutMeTooLong = Readonly<{ type: 'AboutMeTooLong'; maxLength: number }>;
export type UsernameTaken = Readonly<{ type: 'UsernameTaken'; username: string }>;
export type EmailTaken = Readonly<{ type: 'EmailTaken'; email: string }>;
export type UserNotFound = Readonly<{ type: 'UserNotFound' }>;
export type InvalidCredentials = Readonly<{ type: 'InvalidCredentials' }>;
export type TooManyAttempts = Readonly<{ type: 'TooManyAttempts'; retryAfterMs: number }>;
export type SessionEnded = Readonly<{ type: 'SessionEnded' }>;
export type PostEmpty = Readonly<{ type: 'PostEmpty' }>;
export type PostTooLong = Readonly<{ type: 'PostTooLong'; maxLength: number }>;
export type PageNotFound = Readonly<{ type: 'PageNotFound' }>;
export type CannotFollowYourself = Readonly<{ type: 'CannotFollowYourself' }>;
/** A reset link that is unknown, used already, or expired: one fact, so it reveals nothing about which. */
export type ResetTokenInvalid = Readonly<{ type: 'ResetTokenInvalid' }>;
/** `reason` is the transport's one-line account (an SMTP reply, a connection error), never a credential. */
export type MailNotSent = Readonly<{ type: 'MailNotSent'; reason: string }>;

export const usernameInvalid = (problem: UsernameProblem, maxLength: number): UsernameInvalid =>
  ({ type: 'UsernameInvalid', problem, maxLength });
export const emailInvalid = (maxLength: number): EmailInvalid => ({ type: 'EmailInvalid', maxLength });
export const passwordTooShort = (minLength: number): PasswordTooShort => ({ type: 'PasswordTooShort', minLength });
export const aboutMeTooLong = (maxLength: number): AboutMeTooLong => ({ type: 'AboutMeTooLong', maxLength });
export const usernameTaken = (username: string): UsernameTaken => ({ type: 'UsernameTaken', username });
export const emailTaken = (email: string): EmailTaken => ({ type: 'EmailTaken', email });
export const userNotFound = (): UserNotFound => ({ type: 'UserNotFound' });
export const invalidCredentials = (): InvalidCredentials => ({ type: 'InvalidCredentials' });
export const tooManyAttempts = (retryAfterMs: number): TooManyAttempts => ({ type: 'TooManyAttempts', retryAfterMs });
export const sessionEnded = (): SessionEnded => ({ type: 'SessionEnded' });
export const postEmpty = (): PostEmpty => ({ type: 'PostEmpty' });
export const postTooLong = (maxLength: number): PostTooLong => ({ type: 'PostTooLong', maxLength });
export const pageNotFound = (): PageNotFound => ({ type: 'PageNotFound' });
export const cannotFollowYourself = (): CannotFollowYourself => ({ type: 'CannotFollowYourself' });
export const resetTokenInvalid = (): ResetTokenInvalid => ({ type: 'ResetTokenInvalid' });
export const mailNotSent = (reason: string): MailNotSent => ({ type: 'MailNotSent', reason });
