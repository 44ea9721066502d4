import createHttpError, { type HttpError } from 'http-errors';
import { apiErrorHandlers } from '../api/api-error-handlers.js';
import { API_PREFIX } from '../api/api-router.js';
import { CsrfTokenInvalid } from '../middleware/csrf.js';
import { errorCopy } from './error-catalogue.js';
import { ErrorHandlers } from './error-handlers.js';
import { httpErrorResponse } from './http-error-response.js';

/**
 * Which status and words each failure gets, for the whole app: the pages' handlers, with the API's
 * own registry for everything under its prefix. A status no handler claims takes the catalogue's words.
 */
export function appErrorHandlers(): ErrorHandlers {
  return new ErrorHandlers((_error, status) => ({ status, ...errorCopy(status) }))
    .scope(API_PREFIX, apiErrorHandlers())
    .onError(createHttpError.HttpError, (error) => httpErrorResponse(error as HttpError))
    .onError(CsrfTokenInvalid, () => ({
      status: 403,
      title: 'Form Expired',
      detail: 'This form has expired or was sent from another site, so nothing was changed. Go back, reload the page and submit it again.',
    }));
}
