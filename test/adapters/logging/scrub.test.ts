import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createScrubber } from '../../../adapters/logging/scrub.js';

const scrub = createScrubber();
const HASH = 'scrypt$17$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';

test('when a driver error embeds an insert with its values, then the SQL goes and the driver reason stays', () => {
  const message =
    "insert into `user` (`username`, `email`, `password_hash`) values ('susan', 'susan@example.com', '" + HASH + "') " +
    'returning `id` - SQLITE_CONSTRAINT: UNIQUE constraint failed: user.username';
  const scrubbed = scrub(message);
  assert.is(scrubbed, '[SQL redacted] - SQLITE_CONSTRAINT: UNIQUE constraint failed: user.username');
});

test('when a quoted value holds " - ", a newline or a doubled quote, then the whole statement is still redacted', () => {
  const scrubbed = scrub("update `user` set `about_me` = 'it''s me - really\nsecret line', `x` = 1 where `id` = 3 - SQLITE_BUSY");
  assert.is(scrubbed, '[SQL redacted] - SQLITE_BUSY');
});

test('when a statement is cut off inside a quoted value, then the rest of the text is redacted too', () => {
  assert.is(scrub("insert into `user` values ('susan', 'scrypt$17$8"), '[SQL redacted]');
});

test('when a select or delete appears, then it is redacted', () => {
  assert.is(scrub("select `u0`.* from `user` as `u0` where `u0`.`username` = 'susan' limit 1"), '[SQL redacted]');
  assert.is(scrub("delete from `user` where `email` = 'a@b.c'"), '[SQL redacted]');
});

test('when text holds a password hash outside SQL, then the hash is redacted', () => {
  assert.is(scrub(`hash was ${HASH}, done`), 'hash was [redacted], done');
  assert.is(scrub('bcrypt $2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234 end'), 'bcrypt [redacted] end');
});

test('when text holds password, token or secret pairs, then their values are redacted', () => {
  assert.is(scrub('login failed: password=hunter2&username=susan'), 'login failed: password=[redacted]&username=susan');
  assert.is(scrub('{"password":"hunter 2","password2":"x"}'), '{"password":[redacted],"password2":[redacted]}');
  assert.is(scrub("MAIL_PASSWORD: 's3cr3t' and csrfToken=abc"), 'MAIL_PASSWORD: [redacted] and csrfToken=[redacted]');
});

test('when text holds cookies or authorization headers, then their values are redacted', () => {
  assert.is(scrub('Cookie: koa.sess=abc; koa.sess.sig=def'), 'Cookie: [redacted]');
  assert.is(scrub('authorization: Basic dXNlcjpwYXNz'), 'authorization: [redacted]');
  assert.is(scrub('sent Bearer eyJhbGciOi.x.y to the api'), 'sent Bearer [redacted] to the api');
});

test('when a URL carries credentials, then the password is redacted and the rest kept', () => {
  assert.is(scrub('connect postgresql://app:pa55@db.local/microblog failed'), 'connect postgresql://app:[redacted]@db.local/microblog failed');
});

test('when secrets are registered, then every occurrence is redacted, and too-short ones are ignored', () => {
  const withSecrets = createScrubber(['a-very-long-secret-key-value-1234567890', 'smtp-pass', 'ab', undefined]);
  assert.is(
    withSecrets('key a-very-long-secret-key-value-1234567890 and smtp-pass, twice: smtp-pass; ab stays'),
    'key [redacted] and [redacted], twice: [redacted]; ab stays',
  );
});

test('when text holds nothing secret, then it is unchanged', () => {
  const text = "TypeError: Cannot read properties of undefined (reading 'username') at /user/susan - please select a file";
  assert.is(scrub(text), text);
});

test('when a value is nested in another pair, or a select has no from, then each is still judged on its own', () => {
  assert.is(scrub('user=token=abc'), 'user=token=[redacted]');
  assert.is(scrub('select x insert into t values (1)'), 'select x [SQL redacted]');
});

test('when SQL is written over several lines, then every line of the statement goes, and the driver reason and the stack stay', () => {
  const message = "select p.id, p.body\n  from posts_search s\n  join posts p on p.id = s.rowid\n where posts_search match '\"my secret words\"'\n order by rank - SQLITE_CORRUPT: database disk image is malformed";
  assert.is(scrub(message), '[SQL redacted] - SQLITE_CORRUPT: database disk image is malformed');
  const stack = "Error: insert into messages (body)\nvalues ('hello, private')\n    at Statement.run (/app/adapters/persistence/x.ts:1:1)";
  assert.is(scrub(stack), 'Error: [SQL redacted]\n    at Statement.run (/app/adapters/persistence/x.ts:1:1)');
  const plain = 'please select a file\n    at pick (/app/views/pick.ts:3:9)\n    at from (/app/x.ts:1:1)';
  assert.is(scrub(plain), plain, 'a from only after the stack begins makes no statement');
});

// Texts built so that a pattern which retries from every position inside a long token does work
// quadratic in its length: 100 KB of them took the former patterns about a minute each. They run in
// a child process under a generous bound that only guards against a hang; how fast they run is for
// `npm run bench:scrub` to say.
const ADVERSARIAL: Readonly<Record<string, readonly [unit: string, expectUnchanged: boolean]>> = {
  'a-a-a-': ['a-', true],
  'password password': ['password ', true],
  'select select': ['select ', true],
  'update x update x': ['update x ', true],
  'x://u:x://u:': ['x://u:', true],
  'cookie: cookie: ': ['cookie: ', false],
  '/reset_password//reset_password/': ['/reset_password/', true],
  '/password/password': ['/password', false],
  '/a1b2/a1b2': ['/a1b2', true],
  'select\\n at select': ['select x\n    at ', true],
  'statement over blank lines': ['insert into t (\n        ', false],
  'token/token/': ['q1Zk3_x-9QpB7LmN2vR8tY4uW6sA0cD5eF1gH3jK5lM/', false],
};
const HANG_GUARD_MS = 20_000;

test('when 100 KB texts are built to make backtracking patterns work hard, then each is scrubbed as a short one would be', () => {
  const program = `
    import { createScrubber } from ${JSON.stringify(new URL('../../../adapters/logging/scrub.ts', import.meta.url).href)};
    const scrub = createScrubber(['a-registered-secret-key-0123456789']);
    const units = JSON.parse(process.argv[1]);
    const results = Object.fromEntries(Object.entries(units).map(([name, unit]) => {
      const text = unit.repeat(Math.ceil(100_000 / unit.length));
      return [name, { same: scrub(text) === text, length: scrub(text).length }];
    }));
    process.stdout.write(JSON.stringify(results));
  `;
  const units = Object.fromEntries(Object.entries(ADVERSARIAL).map(([name, [unit]]) => [name, unit]));
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program, JSON.stringify(units)], {
    timeout: HANG_GUARD_MS,
    encoding: 'utf8',
  });
  assert.is(child.signal, null, `the scrubber did not finish within ${HANG_GUARD_MS} ms: a pattern backtracks`);
  assert.is(child.status, 0, child.stderr);
  const results = JSON.parse(child.stdout) as Record<string, { same: boolean; length: number }>;
  for (const [name, [, expectUnchanged]] of Object.entries(ADVERSARIAL)) {
    assert.is(results[name]?.same, expectUnchanged, name);
  }
  assert.is(results['cookie: cookie: ']?.length, 'cookie: [redacted]'.length, 'a header value runs to the end of the line');
});

test('when a line holds a password reset path or link, then its token is redacted and the rest stays', () => {
  const token = 'q1Zk3_x-9QpB7LmN2vR8tY4uW6sA0cD5eF1gH3jK5lM';
  assert.is(scrub(`403 on /reset_password/${token} [POST]`), '403 on /reset_password/[redacted] [POST]');
  assert.is(scrub(`see https://microblog.example/reset_password/${token}?x=1 now`), 'see https://microblog.example/reset_password/[redacted]?x=1 now');
  assert.is(scrub('GET /reset_password_request'), 'GET /reset_password_request');
});

test('when a path holds a segment after one naming a credential, then that segment is redacted, on any route', () => {
  assert.is(scrub('422 on /api/password-resets/short-one [POST]'), '422 on /api/password-resets/[redacted] [POST]');
  assert.is(scrub('url=http://127.0.0.1:8080/api/password-resets/abc%2F?x=1'), 'url=http://127.0.0.1:8080/api/password-resets/[redacted]?x=1');
  assert.is(scrub('DELETE /api/tokens/plain'), 'DELETE /api/tokens/[redacted]');
  assert.is(scrub('POST /api/password-resets [POST]'), 'POST /api/password-resets [POST]');
  const frame = '    at lookUp (/home/me/log-secrets/api-token-fix/adapters/http/routes/password-reset-routes.ts:51:7)';
  assert.is(scrub(frame), frame, 'folders that only mention a credential');
});

// Made the way the app makes its tokens and ids, and the way other systems commonly make theirs,
// from bytes that are random-looking but the same at every run.
const randomish = (length: number, seed: string) => createHash('sha512').update(seed).digest().subarray(0, length);
const TOKENS: Readonly<Record<string, (seed: string) => string>> = {
  'a reset or API token': (seed) => randomish(32, seed).toString('base64url'),
  'a SHA-256 in hex': (seed) => randomish(32, seed).toString('hex'),
  'a 128-bit hex id': (seed) => randomish(16, seed).toString('hex').toUpperCase(),
  'a UUID': (seed) => randomish(16, seed).toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'),
};

test('when a path segment looks like a token, then it is redacted whatever its route, and ordinary segments stay', () => {
  for (const [kind, make] of Object.entries(TOKENS)) {
    for (let i = 0; i < 2_000; i += 1) {
      const token = make(`${kind} ${i}`);
      const scrubbed = scrub(`404 on /something/${token} [GET] path=/x/${token}`);
      assert.is(scrubbed, '404 on /something/[redacted] [GET] path=/x/[redacted]', `${kind}: ${token}`);
    }
  }
  for (const ordinary of [
    '/user/susan', '/user/christopher_columbus_explorer', '/user/Alexandria.Ocasio-Cortez.2020', '/user/K2_Mountain_Climber_8611m',
    '/user/DeepLearningEnthusiast2023', '/follow/the-quick-brown-fox-jumps-over-the-lazy-dog', '/reset_password_request',
    '/user/x_x_x_x_x_x_x_x_x_x_x_x_x', '/a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a',
    '    at AbstractSqlConnection.execute (/app/node_modules/@mikro-orm/knex/AbstractSqlConnection.js:199:21)',
    '    at handle (/app/node_modules/@sentry/node/build/cjs/integrations/SentryHttpInstrumentation.js:12:3)',
  ]) {
    assert.is(scrub(ordinary), ordinary);
  }
});

test.run();
