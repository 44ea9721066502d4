// Renders an unexpected error for a log file or an email: a one-line header (its message may carry
// user text, so it is neutralized) and the stack frames, then the chain of causes. Everything passes
// through the scrubber, since driver errors embed SQL with its values.
import { inspect } from 'node:util';
import { loggable } from './one-line.js';
import { stackLines } from './stack-frames.js';
import type { Scrubber } from './scrub.js';

const MAX_CAUSES = 3;

// A class name is code, not input; anything else is replaced so an email subject never carries user text.
const CLASS_NAME = /^[A-Za-z_$][\w$.]{0,63}$/;

/** The error's short title: its class name (`TypeError`), never its message. */
export function errorTitle(error: unknown): string {
  if (error instanceof Error) return CLASS_NAME.test(error.name) && error.name !== 'Error' ? error.name : titleFromStack(error);
  if (typeof error === 'object' && error !== null) {
    const name = error.constructor?.name ?? '';
    return CLASS_NAME.test(name) ? `Thrown ${name}` : 'Thrown object';
  }
  return `Thrown ${typeof error}`;
}

// An error that crossed from a cluster worker arrives as a plain Error (log4js keeps only its own
// properties), but its stack still starts with "<class name>: <message>". Anything else in front of
// the message (V8 formats the stack lazily, with whatever `name` holds then) is not trusted.
function titleFromStack(error: Error): string {
  const stack = error.stack ?? '';
  const name = /^[^:\n]*/.exec(stack)?.[0] ?? '';
  const header = error.message === '' ? name : `${name}: ${error.message}`;
  return CLASS_NAME.test(name) && stack.startsWith(header) ? name : 'Error';
}

export function describeError(error: unknown, scrub: Scrubber): string {
  const lines = [header(error, scrub), ...frames(error, scrub)];
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < MAX_CAUSES; depth += 1) {
    lines.push(`Caused by: ${header(cause, scrub)}`, ...frames(cause, scrub));
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return lines.join('\n');
}

function header(error: unknown, scrub: Scrubber): string {
  const message = error instanceof Error ? error.message : inspect(error, { depth: 2, breakLength: Infinity });
  return loggable(message === '' ? errorTitle(error) : `${errorTitle(error)}: ${message}`, scrub);
}

// The stack's own header repeats the message, which the header line above already shows escaped.
function frames(error: unknown, scrub: Scrubber): string[] {
  return stackLines(error).map(({ text }) => `    ${loggable(text, scrub)}`);
}
