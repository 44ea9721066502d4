import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BackgroundTasks } from '../../../adapters/http/background-tasks.js';
import { captureLogs } from '../../support/captured-logs.js';

test('when a task fails, then its failure is logged as an error with its description, and the others run on', async () => {
  const logs = captureLogs();
  const background = new BackgroundTasks(logs.logger);
  let finished = false;
  background.run('Password reset request', async () => {
    throw new TypeError('the database went away');
  });
  background.run('another task', async () => {
    finished = true;
  });
  assert.is(await background.drain(1_000), 0);
  assert.ok(finished);
  assert.match(logs.text(), /ERROR: Password reset request failed/);
  assert.match(logs.text(), 'TypeError: the database went away');
  await logs.shutdown();
});

test('when tasks are still running, then drain waits for them, and says how many are left once its time is up', async () => {
  const logs = captureLogs();
  const background = new BackgroundTasks(logs.logger);
  let release = () => {};
  background.run('slow', () => new Promise<void>((resolve) => (release = resolve)));
  background.run('quick', () => new Promise<void>((resolve) => setTimeout(resolve, 20)));
  assert.is(background.running, 2);
  assert.is(await background.drain(100), 1, 'the slow one is still running');
  release();
  assert.is(await background.drain(1_000), 0);
  assert.is(background.running, 0);
  await logs.shutdown();
});

test('when nothing runs, then drain answers at once', async () => {
  const logs = captureLogs();
  assert.is(await new BackgroundTasks(logs.logger).drain(60_000), 0);
  await logs.shutdown();
});

test.run();
