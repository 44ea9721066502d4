import { Agent, request } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startAppProcess, type AppProcess } from '../support/app-process.js';

// The real app as a process, stopped (SIGTERM) while keep-alive clients keep sending on their
// connections, each request as soon as the last was answered. Once the stop has begun, an answer
// closes its connection, so each client's next request goes to a new connection, refused here as it
// would be taken by the next process elsewhere: no request is left on a connection the end of the
// grace would cut.

const CLIENTS = 4;
const BEFORE_STOP = 3;
/** A bound on one client's requests, should something keep answering forever. */
const MOST_REQUESTS = 20_000;

type Outcome = Readonly<{ sentAfterStopBegan: boolean; status?: number; connection?: string; error?: string; reusedSocket: boolean }>;

function get(url: string, agent: Agent): Promise<Omit<Outcome, 'sentAfterStopBegan'>> {
  return new Promise((resolve) => {
    const sent = request(url, { agent, headers: { Accept: 'text/html' } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection ?? '', reusedSocket: sent.reusedSocket }));
      response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message, reusedSocket: sent.reusedSocket }));
    });
    sent.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message, reusedSocket: sent.reusedSocket }));
    sent.end();
  });
}

async function keepSending(app: AppProcess, stopBegan: () => boolean, sent: Outcome[]): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; i < MOST_REQUESTS; i++) {
      const sentAfterStopBegan = stopBegan();
      const outcome = { sentAfterStopBegan, ...(await get(`${app.baseUrl}/login`, agent)) };
      sent.push(outcome);
      if (outcome.error === 'ECONNREFUSED') return;
    }
  } finally {
    agent.destroy();
  }
}

test('when the app stops under keep-alive clients that keep sending, then every request is answered or refused before it is sent', async () => {
  const app = await startAppProcess();
  try {
    const stopBegan = () => / shutdown \(SIGTERM\)/.test(app.output());
    const outcomes = Array.from({ length: CLIENTS }, () => [] as Outcome[]);
    const clients = outcomes.map((sent) => keepSending(app, stopBegan, sent));
    while (outcomes.some((sent) => sent.length < BEFORE_STOP)) await new Promise((settle) => setTimeout(settle, 10));
    app.signal('SIGTERM');
    await Promise.all(clients);
    assert.equal(await app.exited, { code: 0, signal: null });

    for (const sent of outcomes) {
      const summary = JSON.stringify(sent.slice(-5));
      assert.is(sent.at(-1)?.error, 'ECONNREFUSED', summary);
      for (const outcome of sent.slice(0, -1)) {
        if (outcome.sentAfterStopBegan) {
          // Sent once the stop had begun: the answer closes its connection.
          assert.is(outcome.status, 200, summary);
          assert.is(outcome.connection, 'close', summary);
        } else if (outcome.error) {
          // Node's documented race of a keep-alive connection closed while idle, just as the client
          // reused it: only where the stop closed idle connections, never after a request was read.
          assert.ok(outcome.reusedSocket && /^(ECONNRESET|EPIPE|socket hang up)$/.test(outcome.error), summary);
        } else {
          assert.is(outcome.status, 200, summary);
        }
      }
    }
    assert.ok(outcomes.flat().some((outcome) => outcome.connection === 'close'), 'answers during the stop close their connections');
  } finally {
    await app.stop();
  }
});

test.run();
