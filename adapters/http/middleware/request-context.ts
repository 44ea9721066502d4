import { randomFillSync } from 'node:crypto';
import type { Logger } from '../../../domain/ports/logger.js';
import type { AppMiddleware } from '../context.js';

// Ids are cut from a pool of random bytes refilled 512 ids at a time: one call into OpenSSL per
// request cost more than the rest of this middleware (measured in a profile of the 404 page).
const ID_BYTES = 8;
const POOL_IDS = 512;
const pool = Buffer.alloc(ID_BYTES * POOL_IDS);
let offset = pool.length;

/** A short id for a request; sent back as `X-Request-Id` and written on every log line it causes. */
export function newRequestId(): string {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = pool.toString('base64url', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return id;
}

export function requestContext(logger: Logger): AppMiddleware {
  return async (ctx, next) => {
    const requestId = newRequestId();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    await logger.withContext({ requestId }, next);
  };
}
