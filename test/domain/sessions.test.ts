import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemorySessionRepository } from '../../adapters/persistence/in-memory/in-memory-session-repository.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { BROWSER_SESSION, REMEMBERED_SESSION } from '../../domain/sessions/session.js';
import { EndSession } from '../../domain/use-cases/end-session.js';
import { ResumeSession } from '../../domain/use-cases/resume-session.js';
import { StartSession } from '../../domain/use-cases/start-session.js';
import { aNewUser } from '../support/builders.js';
import { FixedClock } from '../support/fixed-clock.js';

async function setup() {
  const users = new InMemoryUserRepository();
  const sessions = new InMemorySessionRepository(users);
  const clock = new FixedClock();
  const user = (await users.add(aNewUser()))._unsafeUnwrap();
  return {
    user, sessions, clock,
    start: new StartSession(sessions, clock),
    resume: new ResumeSession(sessions, clock),
    end: new EndSession(sessions),
  };
}

test('when a session is started, then its token resumes to the user, and each login gets a new token', async () => {
  const { user, start, resume } = await setup();
  const token = await start.execute({ userId: user.id, rememberMe: false });
  assert.is((await resume.execute(token))._unsafeUnwrap().id, user.id);
  assert.is.not(await start.execute({ userId: user.id, rememberMe: false }), token);
});

test('when a session is ended, then its token no longer resumes', async () => {
  const { user, start, resume, end } = await setup();
  const token = await start.execute({ userId: user.id, rememberMe: false });
  await end.execute(token);
  assert.equal((await resume.execute(token))._unsafeUnwrapErr(), { type: 'SessionEnded' });
});

test('when a browser session idles past its limit, then it ends; activity before that keeps it alive', async () => {
  const { user, clock, start, resume } = await setup();
  const token = await start.execute({ userId: user.id, rememberMe: false });
  clock.advance(BROWSER_SESSION.idleMs - 60_000);
  assert.ok((await resume.execute(token)).isOk(), 'active again just before the idle limit');
  clock.advance(BROWSER_SESSION.idleMs - 60_000);
  assert.ok((await resume.execute(token)).isOk());
  clock.advance(BROWSER_SESSION.idleMs + 1);
  assert.ok((await resume.execute(token)).isErr());
});

test('when a session reaches its absolute limit, then it ends however active it was', async () => {
  const { user, clock, start, resume } = await setup();
  const token = await start.execute({ userId: user.id, rememberMe: false });
  for (let elapsed = 0; elapsed <= BROWSER_SESSION.absoluteMs; elapsed += 30 * 60_000) {
    clock.advance(30 * 60_000);
    if (elapsed + 30 * 60_000 <= BROWSER_SESSION.absoluteMs) assert.ok((await resume.execute(token)).isOk());
  }
  assert.ok((await resume.execute(token)).isErr());
});

test('when remember me was chosen, then the session survives a week away', async () => {
  const { user, clock, start, resume } = await setup();
  const remembered = await start.execute({ userId: user.id, rememberMe: true });
  const plain = await start.execute({ userId: user.id, rememberMe: false });
  clock.advance(7 * 24 * 60 * 60_000);
  assert.ok((await resume.execute(remembered)).isOk());
  assert.ok((await resume.execute(plain)).isErr());
  clock.advance(REMEMBERED_SESSION.idleMs + 1);
  assert.ok((await resume.execute(remembered)).isErr());
});

test('when the user of a session is gone, then the session ends', async () => {
  const { sessions, clock, resume } = await setup();
  const token = await sessions.create({ userId: 4242, createdAt: clock.now(), lastActiveAt: clock.now(), rememberMe: false });
  assert.ok((await resume.execute(token)).isErr());
  assert.is(await sessions.find(token), null);
});

test.run();
