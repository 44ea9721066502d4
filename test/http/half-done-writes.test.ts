import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SessionRepository } from '../../domain/ports/session-repository.js';
import { FaultSwitch } from '../support/fault-switch.js';
import { withApp, type TestApp } from '../support/test-app.js';

type World = { app: TestApp; sessions: FaultSwitch<SessionRepository> };
const test = suite('writes that fail halfway');

/** An app of its own for each test, its session repository ready to fail on demand. */
function inWorld(work: (world: World) => Promise<void>): Promise<void> {
  const world = {} as World;
  return withApp({ sessionRepository: (real) => (world.sessions = new FaultSwitch(real)).port }, async (app) => work(Object.assign(world, { app })));
}

test('when ending the other sessions fails after the rename, then a 500, the rename is undone, the other session lives, and a retry works', () => inWorld(async ({ app, sessions }) => {
  const here = app.browser();
  await here.register('susan');
  await here.logIn('susan');
  const elsewhere = app.browser();
  await elsewhere.logIn('susan');
  await here.get('/edit_profile');

  sessions.failing = 'deleteAllOf';
  const failed = await here.post('/edit_profile', { username: 'renamed', about_me: 'new about me' });
  assert.is(failed.status, 500);
  const stored = await app.inUnitOfWork(() => app.database.users.findByUsername('susan'));
  assert.equal([stored?.username, stored?.aboutMe], ['susan', '']);
  assert.is((await elsewhere.get('/index')).status, 200, 'the other session was not ended');

  sessions.failing = null;
  const retried = await here.post('/edit_profile', { username: 'renamed', about_me: 'new about me' });
  assert.is(retried.status, 302);
  assert.is((await app.inUnitOfWork(() => app.database.users.findByUsername('renamed')))?.aboutMe, 'new about me');
  assert.match((await elsewhere.get('/index')).location ?? '', '/login');
}));

test.run();
