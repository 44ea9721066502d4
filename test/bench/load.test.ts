import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runLoad, wrkInstalled, type LoadRequest } from '../../bench/load.js';

type Seen = { method: string; path: string; note: string | undefined; body: string };

/** A loopback server that answers /missing with 404 and anything else with 200, noting what it was sent. */
async function recordingServer(): Promise<{ baseUrl: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', path: request.url ?? '', note: request.headers['x-note'] as string | undefined, body });
      response.writeHead(request.url === '/missing' ? 404 : 200, { 'Content-Type': 'text/plain' }).end('answered');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

if (!wrkInstalled() && !process.env.CI) {
  console.log('bench load: wrk is not installed (apt-get install wrk); skipping its tests');
} else {
  test('when two requests alternate, then every status is counted apart and the counts add up to the completed responses', async () => {
    const server = await recordingServer();
    try {
      const requests: LoadRequest[] = [{ method: 'GET', path: '/page' }, { method: 'GET', path: '/missing' }];
      const result = await runLoad({ baseUrl: server.baseUrl, requests, connections: 2, amount: 200 });
      const ok = result.statuses['200'] ?? 0;
      const missing = result.statuses['404'] ?? 0;
      assert.ok(ok > 0 && missing > 0, JSON.stringify(result.statuses));
      assert.is(ok + missing, result.completed);
      assert.ok(result.completed >= 200, `completed ${result.completed}`);
      assert.is(result.errors, 0);
      assert.ok(result.p99Ms >= result.p50Ms && result.p50Ms > 0);
    } finally {
      await server.close();
    }
  });

  test('when a request has quotes, backslashes, non-ASCII text and a body, then the server receives exactly those bytes', async () => {
    const server = await recordingServer();
    try {
      const note = 'a "quoted" \\ back-slashed ünïcode ✓ note';
      const body = 'name=%C3%BC&text=line1%0Aline2&quote="\\';
      await runLoad({ baseUrl: server.baseUrl, requests: [{ method: 'POST', path: '/form', headers: { 'X-Note': note }, body }], connections: 1, amount: 3 });
      const first = server.seen[0];
      assert.ok(first, 'the server was sent nothing');
      assert.equal({ method: first.method, path: first.path, note: Buffer.from(first.note ?? '', 'latin1').toString('utf8'), body: first.body }, { method: 'POST', path: '/form', note, body });
    } finally {
      await server.close();
    }
  });

  test('when the run is given a duration, then it lasts about that long and reports requests per second over it', async () => {
    const server = await recordingServer();
    try {
      const result = await runLoad({ baseUrl: server.baseUrl, requests: [{ method: 'GET', path: '/page' }], connections: 2, durationS: 1 });
      assert.ok(result.elapsedS >= 0.9 && result.elapsedS < 3, `elapsed ${result.elapsedS} s`);
      assert.ok(Math.abs(result.requestsPerSecond - result.completed / result.elapsedS) < 1e-6);
      assert.is(result.statuses['200'], result.completed);
    } finally {
      await server.close();
    }
  });
}

test.run();
