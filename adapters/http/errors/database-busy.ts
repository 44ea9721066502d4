import { errorCopy } from './error-catalogue.js';
import type { ErrorResponse } from './error-handlers.js';

/** How long a client should wait before sending again a request the database was too busy to take. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * A request whose write waited its whole turn for the database and never got it: writers queued
 * past their wait, or something holding the lock far too long. Answered 503 with Retry-After,
 * since the same request is likely to go through a moment later; logged with a reference and
 * alerted, since a healthy site never waits that long.
 */
export class DatabaseBusy extends Error {
  override readonly name = 'DatabaseBusy';
  constructor(cause: unknown) {
    super('The database was too busy to take the request in time', { cause });
  }
}

/** A busy database's response, in the words of the scope that answers it. */
export function databaseBusyResponse(copy: Readonly<{ title: string; detail: string }> = errorCopy(503)): ErrorResponse {
  return { status: 503, ...copy, headers: { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) }, unexpected: true };
}
