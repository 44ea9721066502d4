import createHttpError, { type HttpError } from 'http-errors';
import { CsrfTokenInvalid } from '../middleware/csrf.js';
import { DatabaseBusy, databaseBusyResponse } from './database-busy.js';
import { errorCopy } from './error-catalogue.js';
import { ErrorHandlers } from './error-handlers.js';
import { httpErrorResponse } from './http-error-response.js';
import { SearchUnavailableError, searchUnavailableResponse } from './search-unavailable.js';

/**
 * Which status and words each failure of the pages gets. A status no handler claims takes the
 * catalogue's words. Scopes with registries of their own (the API's) are added by whoever mounts them.
 */
export function pageErrorHandlers(): ErrorHandlers {
  return new ErrorHandlers((_error, status) => ({ status, ...errorCopy(status) }))
    .onError(createHttpError.HttpError, (error) => httpErrorResponse(error as HttpError))
    .onError(CsrfTokenInvalid, () => ({
      status: 403,
      title: 'Form Expired',
      detail: 'This form has expired or was sent from another site, so nothing was changed. Go back, reload the page and submit it again.',
    }))
    .onError(DatabaseBusy, () => databaseBusyResponse())
    .onError(SearchUnavailableError, () => searchUnavailableResponse(
      'Search is unavailable right now, and the administrator has been notified. Everything else works: please search again in a moment.'));
}
