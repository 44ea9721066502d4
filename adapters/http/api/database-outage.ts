import type { AppMiddleware } from '../context.js';

/** A failure that happened while the database could not be reached: a 503, worth retrying later. */
export class DatabaseUnreachable extends Error {
  override readonly name = 'DatabaseUnreachable';
  constructor(cause: unknown) {
    super('The database did not answer', { cause });
  }
}

/**
 * Tells an outage from a bug: when a request fails unexpectedly and the database does not answer
 * either, the failure becomes `DatabaseUnreachable` (its cause kept for the log), so the client
 * learns to retry rather than that something is broken for good.
 */
export function databaseOutage(isDatabaseReachable: () => Promise<boolean>): AppMiddleware {
  return async (_ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (isClientError(error) || await isDatabaseReachable().catch(() => false)) throw error;
      throw new DatabaseUnreachable(error);
    }
  };
}

function isClientError(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
