// Text bound for a log line or an alert email, a client's path or username among it, made safe to
// write: secrets scrubbed, line breaks and other control characters escaped so that user text cannot
// forge extra lines (OWASP "log injection"), and the length bounded, so that a 16 KB path neither
// fills a 10 KB log file with one line nor buries the lines around it.
import type { Scrubber } from './scrub.js';

/** The most characters of one message or value that are written; the rest is counted, not written. */
export const MAX_LOGGED_CHARACTERS = 1_000;

// C0 controls except tab, DEL, C1 controls (NEL included) and the Unicode line and paragraph separators.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

/**
 * `text` scrubbed, escaped onto one line and cut to MAX_LOGGED_CHARACTERS. Scrubbed before it is
 * cut: a secret cut in half would no longer be recognised, and its first half would be written.
 */
export function loggable(text: string, scrub: Scrubber): string {
  return toOneLine(cut(scrub(text)));
}

function cut(text: string): string {
  if (text.length <= MAX_LOGGED_CHARACTERS) return text;
  // Never half a surrogate pair: a lone surrogate is not valid UTF-8 in the file.
  const end = /[\ud800-\udbff]/.test(text.charAt(MAX_LOGGED_CHARACTERS - 1)) ? MAX_LOGGED_CHARACTERS - 1 : MAX_LOGGED_CHARACTERS;
  return `${text.slice(0, end)}… [${text.length - end} more characters]`;
}

function toOneLine(text: string): string {
  return text.replace(UNSAFE, (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
