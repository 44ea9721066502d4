import { STATUS_CODES } from 'node:http';
import { DatabaseBusy, databaseBusyResponse } from '../errors/database-busy.js';
import { ErrorHandlers } from '../errors/error-handlers.js';
import { SearchUnavailableError, searchUnavailableResponse } from '../errors/search-unavailable.js';
import { ApiProblem } from './api-problem.js';
import { DatabaseUnreachable } from './database-outage.js';

/** How long a client should wait before retrying while the database is unreachable. */
export const OUTAGE_RETRY_AFTER_SECONDS = 30;

// Plain statuses, worded for whoever writes the client rather than for a browser's user.
const DETAILS: Readonly<Record<number, string>> = {
  400: 'The request could not be read: a body must be a JSON object, in UTF-8.',
  404: 'There is no API endpoint at this address. The endpoints are listed in /api/openapi.json.',
  405: 'This endpoint does not take this method; the Allow header lists those it takes.',
  408: 'The request was not sent in time.',
  413: 'The request body is larger than the API accepts.',
  415: 'Send the request body as application/json, as it is or compressed with gzip, deflate or br.',
  431: 'The request line or headers are larger than the server reads.',
  500: 'An unexpected error happened and the administrators have been told. Quote the reference if you contact them.',
  503: 'The service cannot reach its database. Try again after the time in Retry-After.',
};

/** The API's error registry: every status is problem+json, whatever the request's Accept header says. */
export function apiErrorHandlers(): ErrorHandlers {
  return new ErrorHandlers((_error, status) => ({
    status,
    title: STATUS_CODES[status] ?? 'Error',
    detail: DETAILS[status] ?? 'The request failed.',
  }), 'problem+json')
    .onError(ApiProblem, (error) => (error as ApiProblem).response)
    .onError(DatabaseUnreachable, () => ({
      status: 503,
      title: STATUS_CODES[503] ?? 'Service Unavailable',
      detail: DETAILS[503] ?? '',
      headers: { 'Retry-After': String(OUTAGE_RETRY_AFTER_SECONDS) },
      unexpected: true,
    }))
    .onError(DatabaseBusy, () => databaseBusyResponse({
      title: STATUS_CODES[503] ?? 'Service Unavailable',
      detail: 'The service is too busy to take this request right now. Try again after the time in Retry-After.',
    }))
    .onError(SearchUnavailableError, () => searchUnavailableResponse('Search is unavailable right now. Try again after the time in Retry-After.'));
}
