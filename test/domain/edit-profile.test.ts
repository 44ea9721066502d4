import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { InMemorySessionRepository } from '../../adapters/persistence/in-memory/in-memory-session-repository.js';
import { InMemoryAccessTokenRepository } from '../../adapters/persistence/in-memory/in-memory-access-token-repository.js';
import { InMemoryTransactions } from '../../adapters/persistence/in-memory/in-memory-transactions.js';
import type { SessionRepository } from '../../domain/ports/session-repository.js';
import { DatabaseLost } from '../support/faulty-user-repository.js';
import { FaultSwitch } from '../support/fault-switch.js';
import { EditProfile } from '../../domain/use-cases/edit-profile.js';
import type { AccessTokenRepository } from '../../domain/ports/access-token-repository.js';
import { aNewUser } from '../support/builders.js';
import { FixedClock } from '../support/fixed-clock.js';

async function setup() {
  const users = new InMemoryUserRepository();
  const me = (await users.add(aNewUser({ username: 'me' })))._unsafeUnwrap();
  await users.add(aNewUser({ username: 'other' }));
  const sessions = new InMemorySessionRepository(users);
  const started = new Date('2026-01-01T00:00:00Z');
  const session = { userId: me.id, createdAt: started, lastActiveAt: started, rememberMe: false };
  const here = await sessions.create(session);
  const elsewhere = await sessions.create(session);
  const sessionStore = new FaultSwitch<SessionRepository>(sessions);
  const accessTokens = new InMemoryAccessTokenRepository();
  const tokenStore = new FaultSwitch<AccessTokenRepository>(accessTokens);
  const token = { userId: me.id, createdAt: started, expiresAt: new Date('2026-01-01T01:00:00Z') };
  const callerToken = await accessTokens.create(token);
  const otherToken = await accessTokens.create(token);
  const clock = new FixedClock(new Date('2026-01-01T00:30:00Z'));
  const editProfile = new EditProfile(users, sessionStore.port, tokenStore.port, clock, new InMemoryTransactions([users, sessions, accessTokens]));
  return { users, me, sessions, sessionStore, here, elsewhere, accessTokens, tokenStore, callerToken, otherToken, clock, editProfile };
}

test('when the edit is valid, then username and about-me are saved, trimmed', async () => {
  const { users, me, editProfile } = await setup();
  const result = await editProfile.execute({ signedInWith: { session: 'current' }, userId: me.id, username: ' renamed ', aboutMe: '  Hi!  ' });
  assert.is(result._unsafeUnwrap().username, 'renamed');
  assert.is((await users.findById(me.id))?.aboutMe, 'Hi!');
});

test('when the username changes, then the other sessions of the user end and this one stays', async () => {
  const { me, sessions, here, elsewhere, editProfile } = await setup();
  assert.ok((await editProfile.execute({ signedInWith: { session: here }, userId: me.id, username: 'renamed', aboutMe: '' })).isOk());
  assert.ok(await sessions.find(here));
  assert.is(await sessions.find(elsewhere), null);
});

test('when the username changes, then every API token of the user is revoked; through a token, all but that one', async () => {
  const { me, sessions, here, elsewhere, accessTokens, callerToken, otherToken, clock, editProfile } = await setup();
  assert.ok((await editProfile.execute({ signedInWith: { accessToken: callerToken }, userId: me.id, username: 'renamed', aboutMe: '' })).isOk());
  assert.is((await accessTokens.find(callerToken))?.revokedAt, null);
  assert.equal((await accessTokens.find(otherToken))?.revokedAt, clock.now());
  assert.is(await sessions.find(here), null, 'a token is no browser session: every session ends');
  assert.is(await sessions.find(elsewhere), null);
  assert.ok((await editProfile.execute({ signedInWith: { session: here }, userId: me.id, username: 'renamed2', aboutMe: '' })).isOk());
  assert.equal((await accessTokens.find(callerToken))?.revokedAt, clock.now(), 'a rename on the website ends the tokens too');
});

test('when revoking the tokens fails after the rename and the sessions ended, then nothing of it is kept', async () => {
  const { users, me, sessions, elsewhere, accessTokens, tokenStore, otherToken, editProfile } = await setup();
  tokenStore.failing = 'revokeAllOf';
  try {
    await editProfile.execute({ signedInWith: { session: 'current' }, userId: me.id, username: 'renamed', aboutMe: '' });
    assert.unreachable('the failure must reach the caller');
  } catch (error) {
    assert.instance(error, DatabaseLost);
  }
  assert.is((await users.findById(me.id))?.username, 'me');
  assert.ok(await sessions.find(elsewhere));
  assert.is((await accessTokens.find(otherToken))?.revokedAt, null);
});

test('when ending the other sessions fails after the rename, then the failure goes on and the name and the sessions stay as they were', async () => {
  const { users, me, sessions, sessionStore, here, elsewhere, editProfile } = await setup();
  sessionStore.failing = 'deleteAllOf';
  try {
    await editProfile.execute({ signedInWith: { session: here }, userId: me.id, username: 'renamed', aboutMe: 'new' });
    assert.unreachable('the failure must reach the caller');
  } catch (error) {
    assert.instance(error, DatabaseLost);
  }
  const stored = await users.findById(me.id);
  assert.equal([stored?.username, stored?.aboutMe], ['me', '']);
  assert.ok(await sessions.find(elsewhere));
  sessionStore.failing = null;
  assert.ok((await editProfile.execute({ signedInWith: { session: here }, userId: me.id, username: 'renamed', aboutMe: '' })).isOk(), 'a retry succeeds');
  assert.is(await sessions.find(elsewhere), null);
});

test('when only about-me or the case of the name changes, then every session stays', async () => {
  const { me, sessions, here, elsewhere, editProfile } = await setup();
  assert.ok((await editProfile.execute({ signedInWith: { session: here }, userId: me.id, username: 'ME', aboutMe: 'new' })).isOk());
  assert.ok(await sessions.find(here));
  assert.ok(await sessions.find(elsewhere));
});

test('when keeping your own username, then it is allowed', async () => {
  const { me, editProfile } = await setup();
  assert.ok((await editProfile.execute({ signedInWith: { session: 'current' }, userId: me.id, username: 'me', aboutMe: 'x' })).isOk());
});

test("when taking another user's username in any case, then UsernameTaken and nothing is saved", async () => {
  const { users, me, editProfile } = await setup();
  const result = await editProfile.execute({ signedInWith: { session: 'current' }, userId: me.id, username: 'OTHER', aboutMe: 'changed' });
  assert.equal(result._unsafeUnwrapErr(), { type: 'FieldsRejected', problems: [{ type: 'UsernameTaken', field: 'username', username: 'OTHER' }] });
  assert.is((await users.findById(me.id))?.aboutMe, '');
});

test('when about-me is over 140 characters, then AboutMeTooLong names the limit', async () => {
  const { me, editProfile } = await setup();
  const result = await editProfile.execute({ signedInWith: { session: 'current' }, userId: me.id, username: 'me', aboutMe: 'x'.repeat(141) });
  assert.equal(result._unsafeUnwrapErr(), { type: 'FieldsRejected', problems: [{ type: 'AboutMeTooLong', field: 'aboutMe', maxLength: 140 }] });
});

test("when taking another user's name with an about-me too long, then both problems come at once and nothing is saved", async () => {
  const { users, me, sessions, here, elsewhere, editProfile } = await setup();
  const result = await editProfile.execute({ signedInWith: { session: here }, userId: me.id, username: 'other', aboutMe: 'x'.repeat(141) });
  const problems = result.isErr() && result.error.type === 'FieldsRejected' ? result.error.problems : [];
  assert.equal(problems.map((problem) => [problem.field, problem.type]), [['username', 'UsernameTaken'], ['aboutMe', 'AboutMeTooLong']]);
  assert.is((await users.findById(me.id))?.username, 'me');
  assert.ok(await sessions.find(elsewhere));
  assert.ok(await sessions.find(here));
});

test('when only checking, then the problems are found and nothing is saved', async () => {
  const { users, me, editProfile } = await setup();
  const problems = (await editProfile.check({ userId: me.id, username: '', aboutMe: 'x'.repeat(141) }))._unsafeUnwrapErr().problems;
  assert.equal(problems.map((problem) => problem.type), ['UsernameInvalid', 'AboutMeTooLong']);
  assert.ok((await editProfile.check({ userId: me.id, username: 'fine', aboutMe: 'fine' })).isOk());
  assert.is((await users.findById(me.id))?.username, 'me');
});

test('when about-me is 140 emoji, then it fits: characters are counted as people see them', async () => {
  const { me, editProfile } = await setup();
  assert.ok((await editProfile.execute({ signedInWith: { session: 'current' }, userId: me.id, username: 'me', aboutMe: '🙂'.repeat(140) })).isOk());
});

test('when the username is invalid, then UsernameInvalid', async () => {
  const { me, editProfile } = await setup();
  const result = await editProfile.execute({ signedInWith: { session: 'current' }, userId: me.id, username: '', aboutMe: '' });
  assert.equal(result._unsafeUnwrapErr(), { type: 'FieldsRejected', problems: [{ type: 'UsernameInvalid', field: 'username', problem: 'missing', maxLength: 64 }] });
});

test('when the user no longer exists, then UserNotFound', async () => {
  const { editProfile } = await setup();
  const result = await editProfile.execute({ signedInWith: { session: 'current' }, userId: 999, username: 'ghost', aboutMe: '' });
  assert.equal(result._unsafeUnwrapErr(), { type: 'UserNotFound' });
});

test.run();
