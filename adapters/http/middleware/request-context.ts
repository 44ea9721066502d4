import type { Logger } from '../../../domain/ports/logger.js';
import type { AppMiddleware } from '../context.js';
import { RandomPool } from '../random-pool.js';

const requestIds = new RandomPool(8, 512);

/** A short id for a request; sent back as `X-Request-Id` and written on every log line it causes. */
export function newRequestId(): string {
  return requestIds.next();
}

export function requestContext(logger: Logger): AppMiddleware {
  return async (ctx, next) => {
    const requestId = newRequestId();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    await logger.withContext({ requestId }, next);
  };
}
