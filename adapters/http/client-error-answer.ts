import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../../domain/ports/logger.js';
import type { ErrorHandlers } from './errors/error-handlers.js';
import { PROBLEM_JSON, problemDetails } from './errors/problem-details.js';
import { SECURITY_HEADERS } from './middleware/security-headers.js';

// The statuses Node itself gives these parse failures (lib/_http_server.js); anything else is a 400.
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * For the server's `clientError` event: a request Node could not parse (a broken request line,
 * headers past the size limit, a body cut short of its Content-Length) never reaches the app, and
 * Node's own answer is a bare status line. This one is what the app would have answered, with the
 * same security headers, and the words of the app's error registry (`handlers`): a short page, or
 * problem+json for a request under `/api`.
 */
export function answerClientErrors(logger: Logger, handlers: ErrorHandlers): (error: Error & { code?: string }, socket: Duplex) => void {
  return (error, socket) => {
    const started = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (error.code === 'ECONNRESET' || !socket.writable || started) {
      socket.destroy();
      return;
    }
    const status = STATUS_BY_CODE[error.code ?? ''] ?? 400;
    logger.info(`${status} for a request that could not be read`, { code: error.code ?? error.name });
    socket.end(response(handlers, status, requestPath(error, socket), SECURITY_HEADERS));
  };
}

/**
 * The path of the request that failed, as far as it was read. A request whose body broke off had
 * its head read: it is the socket's current one. Otherwise the parser failed on the head, and the
 * request line opens the bytes it was given, unless they begin inside a line sent in pieces.
 */
function requestPath(error: Error & { rawPacket?: unknown }, socket: Duplex): string | null {
  if (Buffer.isBuffer(error.rawPacket)) return /^[!#$%&'*+.^_`|~\w-]+ (\/[^\s?#]*)/.exec(error.rawPacket.toString('latin1'))?.[1] ?? null;
  return (socket as { _httpMessage?: ServerResponse })._httpMessage?.req.url?.split(/[?#]/)[0] ?? null;
}

function response(registry: ErrorHandlers, status: number, path: string | null, securityHeaders: Readonly<Record<string, string>>): string {
  const handlers = registry.forPath(path ?? '/');
  const answer = handlers.respond(null, status);
  const [type, body] = handlers.format === 'problem+json'
    ? [PROBLEM_JSON, `${JSON.stringify(problemDetails(answer, null, path ?? '', inEnglish))}\n`]
    : ['text/html; charset=utf-8', `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${answer.title}</title></head>`
      + `<body><h1>${answer.title}</h1><p>${answer.detail}</p><p><a href="/index">Home</a></p></body></html>\n`];
  const headers = {
    'Content-Type': type,
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    Connection: 'close',
    ...securityHeaders,
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\n${head}\r\n${body}`;
}

/** A request that could not be read has no Accept-Language to go by: its words are the keys, which are English. */
function inEnglish(key: string): string {
  return key;
}
