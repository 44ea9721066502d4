// Reads V8 stack text: the one parser of stack frames, for the stack lines of the log and the
// alerts, the app frames that make up an alert's fingerprint, and (handed over by the composition
// root) the frames of the debug page.
//
// A stack starts with a header, "<class name>: <message>", and the message may carry anything a
// client sent, line breaks and text shaped like "    at x (/app/.env:1:1)" included. Frames are
// therefore read only below the header, never from it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type StackFrame = Readonly<{ file: string; line: number }>;

/** One "at ..." line below a stack's header: its text, and the position it names if it names one. */
export type StackLine = Readonly<{ text: string; frame: StackFrame | undefined }>;

const FRAME_LINE = /^\s+at\s/;
// The end of a frame line: "file:line:column", optionally in parentheses.
const POSITION = /^(.*):(\d+):\d+$/;

/** The frame lines of an error's stack, top first; none for a value that is not an Error. */
export function stackLines(error: unknown): StackLine[] {
  if (!(error instanceof Error) || typeof error.stack !== 'string') return [];
  return belowHeader(error, error.stack)
    .filter((line) => FRAME_LINE.test(line))
    .map((line) => ({ text: line.trim(), frame: parseFrame(line) }));
}

/** The positions the error's stack names, top first. */
export function stackFrames(error: unknown): StackFrame[] {
  return stackLines(error).flatMap(({ frame }) => (frame ? [frame] : []));
}

/** A frame of our own code: not a dependency, not Node's internals. */
export function isAppFrame(frame: StackFrame): boolean {
  return path.isAbsolute(frame.file) && !frame.file.split(path.sep).includes('node_modules');
}

/** The path as written in the log: relative to the project, unless it lies outside it. */
export function projectPath(file: string, projectRoot: string): string {
  const relative = path.relative(projectRoot, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

// The header is what V8 wrote first: `String(error)`, or, for an error that crossed from a cluster
// worker as a plain Error, its original class name and the message. When neither matches (the
// message was changed after the stack was taken), as many lines as the message has are skipped.
function belowHeader(error: Error, stack: string): string[] {
  const stackName = /^[^:\n]*/.exec(stack)?.[0] ?? '';
  const headers = [safeString(error), error.message === '' ? stackName : `${stackName}: ${error.message}`];
  const header = headers.find((candidate) => candidate !== '' && stack.startsWith(candidate));
  if (header !== undefined) return stack.slice(header.length).split('\n');
  return stack.split('\n').slice(error.message.split('\n').length);
}

function safeString(error: Error): string {
  try {
    return String(error);
  } catch {
    return '';
  }
}

// "    at fn (file:line:column)", "    at file:line:column", "    at async fn (file:line:column)",
// and "    at eval (eval at fn (file:1:2), <anonymous>:3:4)", where the position is the last one.
// Found with lastIndexOf, not a backtracking pattern: the line may be long and crafted.
function parseFrame(line: string): StackFrame | undefined {
  const trimmed = line.trim();
  const location = trimmed.endsWith(')') ? trimmed.slice(trimmed.lastIndexOf('(') + 1, -1) : trimmed.slice('at '.length);
  const lastPart = location.slice(location.lastIndexOf(', ') + 1).trim();
  const match = POSITION.exec(lastPart);
  if (!match?.[1] || !match[2]) return undefined;
  try {
    const file = match[1].startsWith('file://') ? fileURLToPath(match[1]) : match[1];
    return { file, line: Number(match[2]) };
  } catch {
    return undefined;
  }
}
