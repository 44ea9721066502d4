import type { HttpError } from 'http-errors';
import { errorCopy } from './error-catalogue.js';
import type { ErrorResponse } from './error-handlers.js';

// Of the headers a server error carries, those written for the client; anything else might be internals.
const SERVER_ERROR_HEADERS = ['Retry-After'];

/**
 * The handler for http-errors' HttpError and every subclass (`ctx.throw(503)`, `new
 * InsufficientStorage()`), like Flask's handler for HTTPException: each keeps the status it was
 * raised with, and a server error keeps the headers meant for the client (when to come back).
 */
export function httpErrorResponse(error: HttpError): ErrorResponse {
  const status = error.status >= 400 && error.status < 600 ? error.status : 500;
  if (status < 500) return { status, ...errorCopy(status) };
  const headers = Object.fromEntries(Object.entries(error.headers ?? {})
    .filter(([name, value]) => typeof value === 'string' && SERVER_ERROR_HEADERS.some((safe) => safe.toLowerCase() === name.toLowerCase())));
  return { status, ...errorCopy(status), headers };
}
