// An error tracker that answers at once and keeps nothing: the envelope endpoint of a Sentry server
// (`POST /api/<project id>/envelope/`), counting what arrives. The 500 path's tracker side measures
// the app's cost of reporting, not a test server's bookkeeping.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TrackerSink = Readonly<{ dsn: string; envelopes: () => number; close: () => Promise<void> }>;

export async function startTrackerSink(): Promise<TrackerSink> {
  let envelopes = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.method === 'POST' && request.url?.startsWith('/api/1/envelope/')) envelopes += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://benchkey@127.0.0.1:${port}/1`,
    envelopes: () => envelopes,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A DSN whose server accepts the connection and never answers: requests hang until the app gives up. */
export function silentTrackerDsn(port: number): string {
  return `http://benchkey@127.0.0.1:${port}/1`;
}
