import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../../domain/ports/logger.js';
import { errorCopy } from './errors/error-catalogue.js';
import { SECURITY_HEADER_OPTIONS } from './middleware/security-headers.js';

// The statuses Node itself gives these parse failures (lib/_http_server.js); anything else is a 400.
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * For the server's `clientError` event: a request Node could not parse (a broken request line,
 * headers past the size limit) never reaches the app, and Node's own answer is a bare status line.
 * This one is a short page with the same security headers as every page of the app.
 */
export function answerClientErrors(logger: Logger): (error: Error & { code?: string }, socket: Duplex) => void {
  const securityHeaders = staticSecurityHeaders();
  return (error, socket) => {
    const started = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (error.code === 'ECONNRESET' || !socket.writable || started) {
      socket.destroy();
      return;
    }
    const status = STATUS_BY_CODE[error.code ?? ''] ?? 400;
    logger.info(`${status} for a request that could not be read`, { code: error.code ?? error.name });
    socket.end(response(status, securityHeaders));
  };
}

function response(status: number, securityHeaders: Readonly<Record<string, string>>): string {
  const { title, detail } = errorCopy(status);
  const body = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>`
    + `<body><h1>${title}</h1><p>${detail}</p><p><a href="/index">Home</a></p></body></html>\n`;
  const headers = {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    Connection: 'close',
    ...securityHeaders,
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\n${head}\r\n${body}`;
}

/** What helmet sets on a response, collected once: the values depend on the options, not the request. */
function staticSecurityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = { setHeader: (name: string, value: unknown) => { headers[name] = String(value); }, removeHeader: () => {} };
  helmet(SECURITY_HEADER_OPTIONS)({} as IncomingMessage, collector as unknown as ServerResponse, () => {});
  return headers;
}
