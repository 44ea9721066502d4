import type { Language } from '../ports/translator.js';
import type { User } from '../user.js';

// Work owed after an answer has left: written down with the state it belongs to, run later by a
// worker, at least once. The values here are what every queue adapter stores and hands back.

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | Readonly<{ [key: string]: JsonValue }>;

/** What a handler needs to do the work: plain data, since it is stored and may be read by another process. */
export type JobPayload = Readonly<{ [key: string]: JsonValue }>;

export type JobId = string & { readonly brand: 'JobId' };

export type NewJob = Readonly<{
  /** Which handler runs it. */
  kind: string;
  payload: JobPayload;
  /**
   * Makes enqueueing idempotent: a second job with a key already queued (or run) is the first one,
   * so a request repeated or retried owes the work once. Without a key every enqueue is a new job.
   */
  key?: string;
  /** Not before this time; now when absent. */
  runAfter?: Date;
}>;

/** A job a worker has claimed: its attempt is this worker's alone until it ends or its lease runs out. */
export type ClaimedJob = Readonly<{
  id: JobId;
  kind: string;
  payload: JobPayload;
  /** 1 for the first run, counting runs whose worker died. */
  attempt: number;
}>;

/**
 * Why a job did not do its work. `transient`: the world may change (a mail server saying "try
 * later", a connection refused, the database away), so it is tried again later. `permanent`:
 * trying again cannot help (a mailbox that does not exist, a payload the handler cannot read).
 */
export type JobFailure = Readonly<{ type: 'JobFailure'; permanence: Permanence; reason: string }>;
export type Permanence = 'transient' | 'permanent';

export const jobFailure = (permanence: Permanence, reason: string): JobFailure => ({ type: 'JobFailure', permanence, reason });

/** What became of a failed attempt. */
export type FailedAttempt = 'will-retry' | 'failed';

/** The language of the person a job's email is for, kept with the job by the request that queued it; null for the site's default. */
export function languageOf(job: Pick<ClaimedJob, 'payload'>): Language | null {
  const language = job.payload['language'];
  return typeof language === 'string' ? language : null;
}

/** The language an email is written in for `recipient`: the one they chose, else the one of the request that queued the job. */
export function recipientLanguage(recipient: User, job: Pick<ClaimedJob, 'payload'>): Language | null {
  return recipient.language ?? languageOf(job);
}
