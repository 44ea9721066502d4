/**
 * The API's own problem types (RFC 9457 §3.1.1). Each has a page at `/api/problems/<slug>` that
 * explains it to the person writing the client; plain statuses use `about:blank` instead.
 */
export const PROBLEM_TYPES = {
  'validation-failed': {
    status: 422,
    title: 'Your request has invalid fields',
    description: 'One or more fields of the request body were missing or invalid. The `errors` member lists every one of them at once, each with the `field` it concerns, a stable `code` to act on and the `message` the website shows for it. Correct them all and send the request again.',
  },
  'authentication-required': {
    status: 401,
    title: 'Authentication required',
    description: 'This endpoint needs a token. Get one from `POST /api/tokens` with your username and password (HTTP Basic), then send it as `Authorization: Bearer <token>`. Session cookies from the website are not accepted by the API.',
  },
  'invalid-credentials': {
    status: 401,
    title: 'Invalid username or password',
    description: 'The username and password sent to `POST /api/tokens` do not match an account. The API does not say which of the two is wrong, nor whether the account exists.',
  },
  'token-invalid': {
    status: 401,
    title: 'Token not recognised',
    description: 'The bearer token is not one this API issued, or its account no longer exists. Get a new token from `POST /api/tokens`.',
  },
  'token-expired': {
    status: 401,
    title: 'Token expired',
    description: 'The bearer token was valid but its lifetime has run out (`expires_at` said when). Get a new token from `POST /api/tokens`.',
  },
  'token-revoked': {
    status: 401,
    title: 'Token revoked',
    description: 'The bearer token was revoked with `DELETE /api/tokens` and can no longer be used. Get a new token from `POST /api/tokens`.',
  },
  'too-many-attempts': {
    status: 429,
    title: 'Too many failed logins',
    description: 'Too many wrong passwords were sent for this account or from this address, on the website and the API together. Wait the number of seconds given in `Retry-After` before trying again.',
  },
  'not-your-account': {
    status: 403,
    title: 'Not your account',
    description: 'You can change only your own account. Use the `id` of the user your token belongs to.',
  },
  'user-not-found': {
    status: 404,
    title: 'User not found',
    description: 'No user has the id in the request path.',
  },
  'page-not-found': {
    status: 404,
    title: 'Page not found',
    description: 'The list has fewer pages than the `page` asked for. The `_meta.total_pages` of the first page says how many there are; the first page always exists.',
  },
  'invalid-query-parameter': {
    status: 400,
    title: 'Invalid query parameter',
    description: '`page` and `per_page` must be whole numbers from 1 (`per_page` is capped at 100), `since` a number of seconds since the epoch, and a search\'s `q` at most 2,000 characters. The `errors` member lists the parameters that were wrong.',
  },
  'cannot-follow-yourself': {
    status: 422,
    title: 'You cannot follow yourself',
    description: 'A user cannot follow or unfollow their own account.',
  },
  'cannot-message-yourself': {
    status: 422,
    title: 'You cannot send a message to yourself',
    description: 'A private message goes to another user: the `{id}` in the path is your own.',
  },
  'too-many-messages': {
    status: 429,
    title: 'Too many messages',
    description: 'You have sent as many private messages as a minute allows, on the website and the API together. Wait the number of seconds given in `Retry-After` before sending another.',
  },
  'reset-link-invalid': {
    status: 400,
    title: 'Password reset link invalid',
    description: 'The password reset link is unknown, was used already, or has expired. Ask for a new one.',
  },
  'service-busy': {
    status: 503,
    title: 'Too busy to check a password',
    description: 'Checking a password is slow on purpose, so the server checks only so many at once and keeps a short line behind them; this request found the line full. Nothing was counted against the account or changed. Send it again after the number of seconds in `Retry-After`.',
  },
  'reset-unavailable': {
    status: 403,
    title: 'Password reset by email unavailable',
    description: 'This server is not set up to send email, so it cannot send password reset links. This is how the server is run, not a passing failure: sending the request again will not help. Ask its operators to reset the password.',
  },
  'export-in-progress': {
    status: 409,
    title: 'An export is in progress',
    description: 'You have an export of your posts queued or running already; it is emailed to you when done. `GET /api/exports/{id}` says how far it is. Start another once it has ended.',
  },
  'export-not-found': {
    status: 404,
    title: 'Export not found',
    description: 'None of your exports has the id in the request path. Exports of other users are not shown.',
  },
  'export-unavailable': {
    status: 403,
    title: 'Exports unavailable',
    description: 'This server is not set up to send email, so it cannot email your posts. This is how the server is run, not a passing failure: sending the request again will not help. Ask its operators.',
  },
  'mail-not-sent': {
    status: 503,
    title: 'Email not sent',
    description: 'The mail server did not take the email. Nothing else changed; try again after the time in `Retry-After`.',
  },
} as const satisfies Readonly<Record<string, Readonly<{ status: number; title: string; description: string }>>>;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export const PROBLEMS_PATH = '/api/problems';

export function problemTypeUri(slug: ProblemSlug): string {
  return `${PROBLEMS_PATH}/${slug}`;
}
