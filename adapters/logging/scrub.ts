// Removes secrets from text bound for a log line or an alert email (issue 4, DESIGN.md §6: driver
// errors embed the SQL with its values, password hashes included). Over-redacting a harmless word
// is the accepted price; leaking a hash or a key is not.

export type Scrubber = (text: string) => string;

const REDACTED = '[redacted]';

// Shorter registered secrets are ignored: redacting a two-letter string would shred every line,
// and a secret that short protects nothing anyway.
const MIN_SECRET_LENGTH = 4;

// A statement runs until a " - " outside quotes (knex appends the driver's message that way) or the
// end of the line; quoted values are consumed whole, so a " - " or a newline inside one ends nothing.
const SQL_START = String.raw`\b(?:insert\s+(?:or\s+\w+\s+)?into|replace\s+into|merge\s+into|update\s+\S+\s+set|delete\s+from|select\s+(?=[^\n]*\bfrom\b))`;
// An unterminated quote (a truncated message) runs to the end of the text rather than leak the rest.
const SQL_QUOTED = String.raw`'(?:[^']|'')*(?:'|$)|"(?:[^"]|"")*(?:"|$)|` + '`[^`]*(?:`|$)';
const SQL_PLAIN_CHAR = String.raw`(?! - )[^'"\n` + '`]';
const SQL_STATEMENT = new RegExp(`${SQL_START}(?:${SQL_QUOTED}|${SQL_PLAIN_CHAR})*`, 'gi');

const PASSWORD_HASH = /scrypt\$[^\s'",;)]+|\$argon2(?:id|i|d)\$[^\s'",;)]+|\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|pbkdf2[_$:][^\s'",;)]+/g;

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi;

const HEADER_VALUE = /\b((?:proxy-)?authorization|set-cookie|cookie)(["']?\s*[:=]\s*)[^\n]*/gi;

const BEARER_TOKEN = /\bBearer\s+[\w.~+/=-]+/g;

const SECRET_PAIR = new RegExp(
  String.raw`\b([\w-]*(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|credentials?|session[_-]?id)[\w-]*)` +
    String.raw`(["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&]+)`,
  'gi',
);

/** Builds a scrubber for the built-in patterns plus the given secret values (the secret key, the SMTP password). */
export function createScrubber(secrets: readonly (string | undefined)[] = []): Scrubber {
  const literals = secrets
    .filter((secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let result = text;
    for (const secret of literals) result = result.replaceAll(secret, REDACTED);
    return result
      .replace(SQL_STATEMENT, '[SQL redacted]')
      .replace(PASSWORD_HASH, REDACTED)
      .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
      .replace(HEADER_VALUE, `$1$2${REDACTED}`)
      .replace(BEARER_TOKEN, `Bearer ${REDACTED}`)
      .replace(SECRET_PAIR, `$1$2${REDACTED}`);
  };
}
