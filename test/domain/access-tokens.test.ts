import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryAccessTokenRepository } from '../../adapters/persistence/in-memory/in-memory-access-token-repository.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { SPENT_TOKEN_RETENTION_MS } from '../../domain/tokens/access-token.js';
import { AuthenticateAccessToken } from '../../domain/use-cases/authenticate-access-token.js';
import { IssueAccessToken } from '../../domain/use-cases/issue-access-token.js';
import { RevokeAccessToken } from '../../domain/use-cases/revoke-access-token.js';
import { aNewUser } from '../support/builders.js';
import { FixedClock } from '../support/fixed-clock.js';

const HOUR = 60 * 60_000;

async function setup() {
  const users = new InMemoryUserRepository();
  const tokens = new InMemoryAccessTokenRepository();
  const clock = new FixedClock();
  const susan = (await users.add(aNewUser({ username: 'susan' })))._unsafeUnwrap();
  return {
    users, tokens, clock, susan,
    issue: new IssueAccessToken(tokens, clock, HOUR),
    authenticate: new AuthenticateAccessToken(tokens, users, clock),
    revoke: new RevokeAccessToken(tokens, clock),
  };
}

test('when a token is issued, then it names its user until its lifetime ends, and is expired from then on', async () => {
  const { clock, susan, issue, authenticate } = await setup();
  const issued = await issue.execute(susan.id);
  assert.equal(issued.expiresAt, new Date(clock.now().getTime() + HOUR));
  assert.is((await authenticate.execute(issued.token))._unsafeUnwrap().id, susan.id);
  clock.advance(HOUR - 1);
  assert.ok((await authenticate.execute(issued.token)).isOk(), 'use does not matter: the lifetime counts from issue');
  clock.advance(1);
  assert.equal((await authenticate.execute(issued.token))._unsafeUnwrapErr(), { type: 'TokenExpired' });
});

test('when a token is revoked, then it is refused as revoked, and other tokens of the user still work', async () => {
  const { susan, issue, authenticate, revoke } = await setup();
  const revoked = await issue.execute(susan.id);
  const kept = await issue.execute(susan.id);
  await revoke.execute(revoked.token);
  assert.equal((await authenticate.execute(revoked.token))._unsafeUnwrapErr(), { type: 'TokenRevoked' });
  assert.ok((await authenticate.execute(kept.token)).isOk());
});

test('when a token was never issued or its user is gone, then it is invalid', async () => {
  const { tokens, clock, authenticate } = await setup();
  assert.equal((await authenticate.execute('made-up'))._unsafeUnwrapErr(), { type: 'TokenInvalid' });
  const orphan = await tokens.create({ userId: 404, createdAt: clock.now(), expiresAt: new Date(clock.now().getTime() + HOUR) });
  assert.equal((await authenticate.execute(orphan))._unsafeUnwrapErr(), { type: 'TokenInvalid' });
});

test('when a new token is issued, then tokens spent for longer than the retention are forgotten, the recently spent kept', async () => {
  const { tokens, clock, susan, issue, authenticate } = await setup();
  const old = await issue.execute(susan.id);
  clock.advance(HOUR);
  const recent = await issue.execute(susan.id);
  clock.advance(SPENT_TOKEN_RETENTION_MS + 1);
  await issue.execute(susan.id);
  assert.is(await tokens.find(old.token), null, 'expired a day ago: forgotten');
  assert.equal((await authenticate.execute(recent.token))._unsafeUnwrapErr(), { type: 'TokenExpired' }, 'expired within the day: still told apart');
});

test.run();
