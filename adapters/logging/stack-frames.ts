// Reads V8 stack text. Used for the `[in file:line]` of a log line and for the app frames that make
// up an alert's fingerprint.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type StackFrame = Readonly<{ file: string; line: number }>;

// "    at fn (file:line:column)", "    at file:line:column", "    at async fn (file:line:column)"
const FRAME = /^\s+at (?:.+? \()?(.+?):(\d+):\d+\)?$/;

export function isFrameLine(line: string): boolean {
  return /^\s+at\s/.test(line);
}

export function parseFrame(line: string): StackFrame | undefined {
  const match = FRAME.exec(line);
  if (!match?.[1] || !match[2]) return undefined;
  const file = match[1].startsWith('file://') ? fileURLToPath(match[1]) : match[1];
  return { file, line: Number(match[2]) };
}

export function parseFrames(stack: string): StackFrame[] {
  return stack
    .split('\n')
    .filter(isFrameLine)
    .map(parseFrame)
    .filter((frame): frame is StackFrame => frame !== undefined);
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
