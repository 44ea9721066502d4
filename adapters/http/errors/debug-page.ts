import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import pug from 'pug';
import type { AppKoaContext } from '../context.js';

const MASKED_HEADERS = new Set(['cookie', 'authorization', 'proxy-authorization', 'x-csrf-token']);
const EXCERPT_RADIUS = 3;

type Frame = Readonly<{ text: string; file: string | null; line: number | null; excerpt: ExcerptLine[] }>;
type ExcerptLine = Readonly<{ number: number; code: string; current: boolean }>;

/**
 * The development error page: the error, its stack with the project's own TypeScript lines shown
 * around each frame (the stack is already source-mapped by tsx or --enable-source-maps), and the
 * request with credentials masked. Unlike the original's debugger it is read-only: nothing sent
 * from the browser is ever evaluated.
 */
export function createDebugPage(options: Readonly<{ projectRoot: string; viewsDir: string }>) {
  return async (ctx: AppKoaContext, error: unknown): Promise<string> => {
    const render = pug.compileFile(join(options.viewsDir, 'errors', 'debug.pug'));
    const stack = error instanceof Error && error.stack ? error.stack : String(error);
    const [headline = '', ...frameLines] = stack.split('\n');
    return render({
      headline,
      frames: frameLines.map((line) => frameOf(line.trim(), options.projectRoot)),
      request: {
        method: ctx.method,
        url: ctx.originalUrl,
        headers: Object.entries(ctx.headers).map(([name, value]) => [name, MASKED_HEADERS.has(name) ? '[masked]' : String(value)]),
      },
    });
  };
}

function frameOf(text: string, projectRoot: string): Frame {
  const match = /\(?((?:file:\/\/)?[^\s()]+):(\d+):\d+\)?$/.exec(text);
  if (!match?.[1] || !match[2]) return { text, file: null, line: null, excerpt: [] };
  const path = match[1].startsWith('file://') ? fileURLToPath(match[1]) : match[1];
  const line = Number(match[2]);
  const inProject = isAbsolute(path) && !relative(projectRoot, path).startsWith('..') && !path.includes(`${sep}node_modules${sep}`);
  return { text, file: inProject ? relative(projectRoot, path) : null, line, excerpt: inProject ? excerpt(path, line) : [] };
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
