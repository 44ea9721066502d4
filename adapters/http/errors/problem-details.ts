import { STATUS_CODES } from 'node:http';
import type { ErrorResponse } from './error-handlers.js';

export const PROBLEM_JSON = 'application/problem+json';

/**
 * RFC 9457 problem details. `about:blank` says the status alone explains the problem, so the
 * title is the status phrase; a problem type of our own has its own title. The detail is written
 * for the client, never taken from internals.
 */
export function problemDetails(response: ErrorResponse, reference: string | null, instance: string): Record<string, unknown> {
  const problem: Record<string, unknown> = {
    type: response.type ?? 'about:blank',
    title: response.type ? response.title : STATUS_CODES[response.status] ?? response.title,
    status: response.status,
    detail: response.detail,
    instance,
    ...(reference ? { reference } : {}),
  };
  // Extension members follow the standard ones and never replace them.
  for (const [name, value] of Object.entries(response.extensions ?? {})) if (!Object.hasOwn(problem, name)) problem[name] = value;
  return problem;
}
