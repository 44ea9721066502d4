import { STATUS_CODES } from 'node:http';
import type { MessageValues } from '../../../domain/ports/translator.js';
import type { ErrorResponse } from './error-handlers.js';

export const PROBLEM_JSON = 'application/problem+json';

/**
 * RFC 9457 problem details. `about:blank` says the status alone explains the problem, so the
 * title is the status phrase; a problem type of our own has its own title. The detail is written
 * for the client, never taken from internals; the title, the detail and each invalid field's message
 * are put into the request's language (`t`), while the type, the codes and the field names never change.
 */
export function problemDetails(response: ErrorResponse, reference: string | null, instance: string, t: Say): Record<string, unknown> {
  const problem: Record<string, unknown> = {
    type: response.type ?? 'about:blank',
    title: t(response.type ? response.title : STATUS_CODES[response.status] ?? response.title),
    status: response.status,
    detail: t(response.detail, response.detailValues),
    instance,
    ...(reference ? { reference } : {}),
  };
  // Extension members follow the standard ones and never replace them.
  for (const [name, value] of Object.entries(response.extensions ?? {})) if (!Object.hasOwn(problem, name)) problem[name] = value;
  if (Array.isArray(problem['errors'])) problem['errors'] = problem['errors'].map((error: TranslatedField) => translatedField(error, t));
  return problem;
}

type Say = (key: string, values?: MessageValues) => string;

/** An entry of a problem's `errors` as written to a client: its message in words, the values it named gone into them. */
type TranslatedField = Readonly<{ field: string; code: string; message: string; values?: MessageValues }>;

function translatedField({ values, ...error }: TranslatedField, t: Say) {
  return { ...error, message: t(error.message, values) };
}
