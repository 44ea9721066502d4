// Log lines are neutralized so that user text (a username, a path) cannot forge extra lines
// (issue 4, OWASP "log injection"): line breaks and other control characters become visible escapes.

// C0 controls except tab, DEL, C1 controls (NEL included) and the Unicode line and paragraph separators.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

/** Returns `text` with every character that could start a new line (or restyle a terminal) escaped. */
export function toOneLine(text: string): string {
  return text.replace(UNSAFE, (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
