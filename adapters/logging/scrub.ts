// Removes secrets from text bound for a log line or an alert email: driver errors embed the SQL with
// its values, password hashes included. Over-redacting a harmless word is the accepted price; leaking
// a hash or a key is not.
//
// Every pattern runs in time linear in the text, whatever the text: a client writes much of it (a
// 16 KB path such as `/a-a-a-…`), and a pattern that backtracks over the rest of a long token at each
// of its positions turns one logged 404 into seconds of CPU. Hence names are matched only from the
// start of a token (a lookbehind), never from every position inside one, and the one condition that
// needs a look ahead to the end of a statement (a `select` counts only with a `from` after it) is
// answered by a scan that moves forward only.

export type Scrubber = (text: string) => string;

const REDACTED = '[redacted]';
const SQL_REDACTED = '[SQL redacted]';

// Shorter registered secrets are ignored: redacting a two-letter string would shred every line,
// and a secret that short protects nothing anyway.
const MIN_SECRET_LENGTH = 4;

// The first words of a statement; group 1 is set for a `select`, which counts only when a `from`
// follows before the statement would end (else "please select a file" would go).
const SQL_START = /\b(?:insert\s+(?:or\s+\w+\s+)?into|replace\s+into|merge\s+into|update\s+\S+\s+set|delete\s+from|(select)\s)/gi;
const FROM_WORD = /\bfrom\b/gi;
// What ends a statement: a " - " (knex appends the driver's message that way), or a line of a stack
// trace. Not a line break: SQL written over several lines (a `where` with the user's words on the
// third) is one statement, and ending it at the first line would leak the rest.
const STACK_FRAME_LINE = String.raw`\n[ \t]*at `;
const STATEMENT_END = new RegExp(` - |${STACK_FRAME_LINE}`, 'g');
// The rest of a statement runs until its end outside quotes; quoted values are consumed whole, so
// a " - " or a newline inside one ends nothing, and an unterminated quote (a truncated message)
// runs to the end of the text rather than leak the rest. Each alternative starts with a different
// character, so nothing backtracks.
const SQL_QUOTED = String.raw`'(?:[^']|'')*(?:'|$)|"(?:[^"]|"")*(?:"|$)|` + '`[^`]*(?:`|$)';
const SQL_PLAIN_CHAR = String.raw`(?! - )(?!${STACK_FRAME_LINE})[^'"` + '`]';
const SQL_REST = new RegExp(`(?:${SQL_QUOTED}|${SQL_PLAIN_CHAR})*`, 'y');

const PASSWORD_HASH = /scrypt\$[^\s'",;)]+|\$argon2(?:id|i|d)\$[^\s'",;)]+|\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|pbkdf2[_$:][^\s'",;)]+/g;

// The scheme starts where no scheme character precedes it.
const URL_CREDENTIALS = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi;

const HEADER_VALUE = /\b((?:proxy-)?authorization|set-cookie|cookie)(["']?\s*[:=]\s*)[^\n]*/gi;

const BEARER_TOKEN = /\bBearer\s+[\w.~+/=-]+/g;

// A name such as `password`, `MAIL_PASSWORD` or `csrfToken` (a whole token of word characters and
// dashes that contains one of the words), then `:` or `=`, then the value.
const SECRET_WORD = String.raw`(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|credentials?|session[_-]?id)`;
const SECRET_PAIR = new RegExp(
  String.raw`(?<![\w-])((?=[\w-]*?${SECRET_WORD})[\w-]+)(["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&]+)`,
  'gi',
);

// A path segment after one that names a credential, and nothing else, is that credential's value,
// as in a pair: `/reset_password/<token>`, `/api/password-resets/<token>`, `/api/tokens/<token>`.
// The whole segment must be such words, so that a folder such as `log-secrets/` or `api-token-fix/`
// in a stack line leaves the next one alone.
const CREDENTIAL_WORD = '(?:passwords?|resets?|tokens?)';
const CREDENTIAL_IN_PATH = new RegExp(String.raw`(\/${CREDENTIAL_WORD}(?:[_-]${CREDENTIAL_WORD})*\/)[^\s/?#"'<>]+`, 'gi');

// A segment of a path that may be a token whatever its route is called: long, of the characters
// URLs leave unescaped, and judged whole (it starts after a slash and takes every such character).
const PATH_SEGMENT = /(?<=\/)[\w.~-]{20,}(?![\w.~-])/g;
// Hex digits, in groups as a UUID has them, mixing digits and letters: a hash or an id.
const HEX_ID = /^(?=[^a-f]*[a-f])(?=\D*\d)[\da-f]+(?:-[\da-f]+)*$/i;
// Runs of small letters (after one capital), of capitals and of digits: words, names and file names
// are made of long runs (`AbstractSqlConnection.js`: 5.75 on average), random base64url of short
// ones (under 2 on average), and its characters vary more (over 4 bits each, against 1 for `x_x_x_`).
const CHARACTER_RUN = /[A-Z]?[a-z]+|[A-Z]+|\d+/g;
const MAX_RANDOM_RUN = 3.5;
const MIN_RANDOM_BITS = 3;

/** Builds a scrubber for the built-in patterns plus the given secret values (the secret key, the SMTP password). */
export function createScrubber(secrets: readonly (string | undefined)[] = []): Scrubber {
  const literals = secrets
    .filter((secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let result = text;
    for (const secret of literals) result = result.replaceAll(secret, REDACTED);
    return redactStatements(result)
      .replace(PASSWORD_HASH, REDACTED)
      .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
      .replace(HEADER_VALUE, `$1$2${REDACTED}`)
      .replace(BEARER_TOKEN, `Bearer ${REDACTED}`)
      .replace(SECRET_PAIR, `$1$2${REDACTED}`)
      .replace(CREDENTIAL_IN_PATH, `$1${REDACTED}`)
      .replace(PATH_SEGMENT, (segment) => (looksRandom(segment) ? REDACTED : segment));
  };
}

/**
 * Whether a path segment reads as a token rather than a word: what a random generator writes
 * (a reset or API token, a session id, a hash) is redacted, while `/user/susan`, `/reset_password_request`
 * or a file name in a stack line stay readable.
 */
function looksRandom(segment: string): boolean {
  if (HEX_ID.test(segment)) return true;
  const runs = segment.match(CHARACTER_RUN) ?? [];
  const runLength = runs.reduce((total, run) => total + run.length, 0) / Math.max(runs.length, 1);
  return runLength < MAX_RANDOM_RUN && bitsPerCharacter(segment) >= MIN_RANDOM_BITS;
}

/** The Shannon entropy of the text's characters: how varied they are, whatever their order. */
function bitsPerCharacter(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) bits -= (count / text.length) * Math.log2(count / text.length);
  return bits;
}

function redactStatements(text: string): string {
  const starts = new RegExp(SQL_START);
  const fromFollows = fromBeforeStatementEnd(text);
  let result = '';
  let copied = 0;
  for (let start = starts.exec(text); start !== null; start = starts.exec(text)) {
    if (start[1] !== undefined && !fromFollows(starts.lastIndex)) continue;
    SQL_REST.lastIndex = starts.lastIndex;
    SQL_REST.exec(text);
    result += text.slice(copied, start.index) + SQL_REDACTED;
    copied = starts.lastIndex = SQL_REST.lastIndex;
  }
  return copied === 0 ? text : result + text.slice(copied);
}

/**
 * Answers "is there a `from` word after this position, before a statement would end?" for
 * positions asked in increasing order, remembering the next `from` and the next end it found, so
 * the whole text is read at most once however many positions are asked about.
 */
function fromBeforeStatementEnd(text: string): (position: number) => boolean {
  const froms = new RegExp(FROM_WORD);
  const ends = new RegExp(STATEMENT_END);
  let nextFrom = -1;
  let nextEnd = -1;
  return (position) => {
    if (nextFrom !== Infinity && nextFrom < position) {
      froms.lastIndex = position;
      nextFrom = froms.exec(text)?.index ?? Infinity;
    }
    if (nextEnd !== Infinity && nextEnd < position) {
      ends.lastIndex = position;
      nextEnd = ends.exec(text)?.index ?? Infinity;
    }
    return nextFrom < nextEnd;
  };
}
