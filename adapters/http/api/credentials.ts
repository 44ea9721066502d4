import { err, ok, type Result } from 'neverthrow';
import { ApiProblem } from './api-problem.js';
import { BASIC_CHALLENGE, BEARER_CHALLENGE } from './domain-problems.js';

// RFC 6750 §2.1: the token68 syntax of a bearer token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const BASIC = /^Basic +([A-Za-z0-9+/]+=*) *$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bearer token of an `Authorization` header; a 401 asking for one when there is none. */
export function bearerTokenOf(header: string): Result<string, ApiProblem> {
  const token = BEARER.exec(header)?.[1];
  return token ? ok(token) : err(ApiProblem.of('authentication-required', 'Send a token from POST /api/tokens as "Authorization: Bearer <token>".', { headers: BEARER_CHALLENGE }));
}

/** HTTP Basic credentials (RFC 7617, UTF-8); a 401 asking for them when they are absent or unreadable. */
export function basicCredentialsOf(header: string): Result<Readonly<{ username: string; password: string }>, ApiProblem> {
  const encoded = BASIC.exec(header)?.[1];
  const decoded = encoded === undefined ? null : decodeUtf8(Buffer.from(encoded, 'base64'));
  const colon = decoded?.indexOf(':') ?? -1;
  if (!decoded || colon <= 0 || colon === decoded.length - 1) {
    return err(ApiProblem.of('authentication-required', 'Send your username and password with HTTP Basic authentication.', { headers: BASIC_CHALLENGE }));
  }
  return ok({ username: decoded.slice(0, colon), password: decoded.slice(colon + 1) });
}

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}
