import { readFileSync, realpathSync } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import pug from 'pug';
import type { AppKoaContext } from '../context.js';

const MASKED_HEADERS = new Set(['cookie', 'authorization', 'proxy-authorization', 'x-csrf-token']);
const EXCERPT_RADIUS = 3;

// The only files whose lines the page shows: the project's own code. A frame that names anything
// else (`.env`, `instance/secret_key`, a dependency, a file outside the project) is listed as text.
const SOURCE_FOLDERS = new Set(['adapters', 'domain', 'src', 'test', 'bench']);
const SOURCE_EXTENSIONS = new Set(['.ts', '.js', '.mjs', '.cjs']);

/** A frame line of a stack, as the logging's stack parser reads it (handed in by the composition root). */
export type StackLine = Readonly<{ text: string; frame: Readonly<{ file: string; line: number }> | undefined }>;

export type DebugPageOptions = Readonly<{
  projectRoot: string;
  viewsDir: string;
  /** The frame lines of an error's stack, read only below its header (which carries the message). */
  stackLines: (error: unknown) => readonly StackLine[];
}>;

/** Renders the developer's page for an unexpected error (the boundary falls back to the generic page if it throws). */
export type DebugPage = (ctx: AppKoaContext, error: unknown) => Promise<string>;

type Frame = Readonly<{ text: string; file: string | null; excerpt: ExcerptLine[] }>;
type ExcerptLine = Readonly<{ number: number; code: string; current: boolean }>;

/**
 * The development error page: the error, its stack with the project's own TypeScript lines shown
 * around each frame (the stack is already source-mapped by tsx or --enable-source-maps), and the
 * request with credentials masked. Unlike the original's debugger it is read-only: nothing sent
 * from the browser is ever evaluated, and the message, which may hold anything a client sent, is
 * shown as text and never read for file names.
 */
export function createDebugPage(options: DebugPageOptions): DebugPage {
  const projectRoot = realpathOrSelf(options.projectRoot);
  return async (ctx, error) => {
    const render = pug.compileFile(join(options.viewsDir, 'errors', 'debug.pug'));
    return render({
      headline: headlineOf(error),
      frames: options.stackLines(error).map((line) => frameOf(line, projectRoot)),
      request: {
        method: ctx.method,
        url: ctx.originalUrl,
        headers: Object.entries(ctx.headers).map(([name, value]) => [name, MASKED_HEADERS.has(name) ? '[masked]' : String(value)]),
      },
    });
  };
}

function headlineOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message === '' ? error.name : `${error.name}: ${error.message}`;
}

function frameOf(line: StackLine, projectRoot: string): Frame {
  const source = line.frame ? projectSource(line.frame.file, projectRoot) : null;
  if (!source || !line.frame) return { text: line.text, file: null, excerpt: [] };
  return { text: line.text, file: source.relativePath, excerpt: excerpt(source.path, line.frame.line) };
}

/** The file, resolved through links, when it is one of the project's source files; null otherwise. */
function projectSource(file: string, projectRoot: string): { path: string; relativePath: string } | null {
  if (!isAbsolute(file) || !SOURCE_EXTENSIONS.has(extname(file))) return null;
  const path = realpathOrSelf(file);
  const relativePath = relative(projectRoot, path);
  const [folder] = relativePath.split(sep);
  if (isAbsolute(relativePath) || folder === undefined || !SOURCE_FOLDERS.has(folder)) return null;
  if (relativePath.split(sep).includes('node_modules')) return null;
  return { path, relativePath: relativePath.split(sep).join('/') };
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function excerpt(path: string, line: number): ExcerptLine[] {
  try {
    const lines = readFileSync(path, 'utf8').split('\n');
    const first = Math.max(1, line - EXCERPT_RADIUS);
    const last = Math.min(lines.length, line + EXCERPT_RADIUS);
    return lines.slice(first - 1, last).map((code, index) => ({ number: first + index, code, current: first + index === line }));
  } catch {
    return [];
  }
}
