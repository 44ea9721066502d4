import { STATUS_CODES } from 'node:http';
import type { MessageValues } from '../../../domain/ports/translator.js';
import type { ErrorResponse } from '../errors/error-handlers.js';
import type { FieldCode, Words } from '../forms/messages.js';
import { PROBLEM_TYPES, problemTypeUri, type ProblemSlug } from './problem-types.js';

/**
 * One invalid field of a request: which, a stable code a client can act on, and the words for a
 * person (a message key and its values, put into the request's language as the problem is sent).
 */
export type FieldError = Readonly<{ field: string; code: FieldCode; message: string; values?: MessageValues }>;

export function fieldError(field: string, code: FieldCode, { key, values }: Words): FieldError {
  return { field, code, message: key, ...(values ? { values } : {}) };
}

/**
 * An API request's expected failure, thrown by a route and answered as problem+json by the API's
 * error registry: a problem type of ours, or a plain status (`about:blank`).
 */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';

  constructor(
    readonly response: ErrorResponse,
  ) {
    super(response.detail);
  }

  static of(
    slug: ProblemSlug, detail: string,
    more: Readonly<{ errors?: readonly FieldError[]; headers?: Record<string, string>; detailValues?: MessageValues }> = {},
  ): ApiProblem {
    const { status, title } = PROBLEM_TYPES[slug];
    return new ApiProblem({
      status,
      title,
      detail,
      ...(more.detailValues ? { detailValues: more.detailValues } : {}),
      type: problemTypeUri(slug),
      ...(more.errors ? { extensions: { errors: more.errors } } : {}),
      ...(more.headers ? { headers: more.headers } : {}),
    });
  }

  static plain(status: number, detail: string, headers?: Record<string, string>): ApiProblem {
    return new ApiProblem({ status, title: STATUS_CODES[status] ?? 'Error', detail, ...(headers ? { headers } : {}) });
  }

  static invalidFields(errors: readonly FieldError[]): ApiProblem {
    const fields = [...new Set(errors.map((error) => error.field))].join(', ');
    return ApiProblem.of('validation-failed', 'The request has invalid fields: {fields}.', { errors, detailValues: { fields } });
  }

  /** The status, where the error boundary looks for a client error's. */
  get status(): number {
    return this.response.status;
  }
}
