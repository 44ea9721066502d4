// A Sentry-compatible server on 127.0.0.1 for tests: it implements the envelope endpoint the SDK
// posts to (`POST /api/<project id>/envelope/`, gzip or plain), decodes each envelope into its
// items, and keeps the exact bytes received, so a test can search them for anything secret.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export type EnvelopeItem = Readonly<{ header: Readonly<Record<string, unknown>>; payload: unknown }>;
export type Envelope = Readonly<{ header: Readonly<Record<string, unknown>>; items: readonly EnvelopeItem[] }>;

/** The parts of a Sentry event the tests read. */
export type TrackedEvent = Readonly<{
  event_id: string;
  level?: string;
  release?: string;
  environment?: string;
  tags?: Readonly<Record<string, string>>;
  user?: Readonly<Record<string, unknown>>;
  request?: Readonly<{ method?: string; url?: string; headers?: Readonly<Record<string, string>> }>;
  contexts?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  exception?: Readonly<{
    values: readonly Readonly<{ type: string; value?: string; stacktrace?: Readonly<{ frames: readonly Readonly<{ filename?: string; abs_path?: string; lineno?: number; in_app?: boolean }>[] }> }>[];
  }>;
}>;

export type SentryTestServer = Readonly<{
  /** A DSN that points the SDK at this server, project 42. */
  dsn: string;
  envelopes: () => readonly Envelope[];
  /** The error events received, oldest first. */
  events: () => readonly TrackedEvent[];
  /** Every byte received (decompressed), as text. */
  receivedText: () => string;
  /** Resolves once `count` error events have arrived; rejects after `timeoutMs`. */
  waitForEvents: (count: number, timeoutMs?: number) => Promise<readonly TrackedEvent[]>;
  close: () => Promise<void>;
}>;

const PROJECT_ID = '42';
const PUBLIC_KEY = 'abc123publickey';

export async function startSentryTestServer(): Promise<SentryTestServer> {
  const envelopes: Envelope[] = [];
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then(
      (body) => {
        if (request.method !== 'POST' || request.url?.split('?')[0] !== `/api/${PROJECT_ID}/envelope/`) {
          response.writeHead(404).end();
          return;
        }
        const text = body.toString('utf8');
        bodies.push(text);
        envelopes.push(parseEnvelope(body));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      },
      () => response.writeHead(400).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const events = () =>
    envelopes.flatMap((envelope) => envelope.items.filter((item) => item.header.type === 'event').map((item) => item.payload as TrackedEvent));
  return {
    dsn: `http://${PUBLIC_KEY}@127.0.0.1:${port}/${PROJECT_ID}`,
    envelopes: () => [...envelopes],
    events,
    receivedText: () => bodies.join('\n'),
    waitForEvents: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (events().length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} events, received ${events().length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return events();
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
}

/**
 * An envelope is a JSON header line, then items: each a JSON header line and a payload, whose byte
 * length the item header may give (otherwise the payload runs to the end of its line).
 * https://develop.sentry.dev/sdk/data-model/envelopes/
 */
export function parseEnvelope(body: Buffer): Envelope {
  let offset = 0;
  const line = (): Buffer => {
    const end = body.indexOf(0x0a, offset);
    const slice = body.subarray(offset, end === -1 ? body.length : end);
    offset = end === -1 ? body.length : end + 1;
    return slice;
  };
  const header = JSON.parse(line().toString('utf8')) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (offset < body.length) {
    const headerLine = line();
    if (headerLine.length === 0) continue;
    const itemHeader = JSON.parse(headerLine.toString('utf8')) as Record<string, unknown>;
    let payload: Buffer;
    if (typeof itemHeader.length === 'number') {
      payload = body.subarray(offset, offset + itemHeader.length);
      offset += itemHeader.length + 1;
    } else {
      payload = line();
    }
    const text = payload.toString('utf8');
    items.push({ header: itemHeader, payload: text.startsWith('{') ? JSON.parse(text) : text });
  }
  return { header, items };
}
