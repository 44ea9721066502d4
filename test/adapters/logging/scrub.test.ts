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

test.run();
