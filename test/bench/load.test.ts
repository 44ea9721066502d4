import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runLoad, unexpectedAnswers, wrkInstalled, type LoadRequest } from '../../bench/load.js';

// Bytes a Lua string literal could get wrong: quotes, backslashes, non-ASCII text, a newline.
const note = 'a "quoted" \\ back-slashed ünïcode ✓ note';
const body = 'name=%C3%BC&text=line1%0Aline2&quote="\\';

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
    } finally {
      await server.close();
    }
  });

  test('when one request is loaded for a duration, then the run is plain: its statuses come from a probe before it and wrk counts the answers of 400 and above', async () => {
    const server = await recordingServer();
    try {
      const page = await runLoad({ baseUrl: server.baseUrl, requests: [{ method: 'GET', path: '/page' }], connections: 2, durationS: 1 });
      const missing = await runLoad({ baseUrl: server.baseUrl, requests: [{ method: 'GET', path: '/missing' }], connections: 2, durationS: 1 });
      assert.equal({ counting: page.counting, statuses: page.statuses, errorStatuses: page.errorStatuses }, { counting: 'plain', statuses: { 200: 5 }, errorStatuses: 0 });
      assert.equal({ statuses: missing.statuses, errorStatuses: missing.errorStatuses }, { statuses: { 404: 5 }, errorStatuses: missing.completed });
      assert.ok(missing.completed > 100, `completed ${missing.completed}`);
      assert.equal([unexpectedAnswers(page, 200), unexpectedAnswers(missing, 404)], [0, 0]);
      assert.is(unexpectedAnswers(missing, 200), 5 + missing.completed);
      assert.is(unexpectedAnswers(page, 404), 5 + page.completed);
    } finally {
      await server.close();
    }
  });

  test('when a plain run sends a POST with headers and a body, then every request carries exactly those bytes', async () => {
    const server = await recordingServer();
    try {
      await runLoad({ baseUrl: server.baseUrl, requests: [{ method: 'POST', path: '/form?x=1', headers: { 'X-Note': note }, body }], connections: 1, durationS: 1 });
      const loaded = server.seen.slice(5);
      assert.ok(loaded.length > 10, `only ${loaded.length} requests under load`);
      const distinct = new Set(loaded.map((seen) => JSON.stringify({ ...seen, note: Buffer.from(seen.note ?? '', 'latin1').toString('utf8') })));
      assert.equal([...distinct], [JSON.stringify({ method: 'POST', path: '/form?x=1', note, body })]);
    } finally {
      await server.close();
    }
  });
}

test.run();
