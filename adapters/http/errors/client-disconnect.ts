import type { AppKoaContext } from '../context.js';

const DISCONNECT_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/** A client that went away mid-request is not a failure of ours: nothing to answer, nobody to alert. */
export function isClientDisconnect(error: unknown, ctx: AppKoaContext): boolean {
  // `req.destroyed` is true after any body was read in full; the socket tells whether the client is gone.
  if (ctx.req.socket.destroyed) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, type } = error as { code?: unknown; type?: unknown };
  return type === 'request.aborted' || (typeof code === 'string' && DISCONNECT_CODES.has(code));
}
