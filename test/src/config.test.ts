import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadConfig } from '../../src/config.js';
import { resolveSecretKey } from '../../src/secret-key.js';

const STRONG_KEY = 'k'.repeat(40);

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env, '/srv/app');
  } catch (error) {
    assert.instance(error, ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

test('when nothing is configured, then the defaults of the original app apply', () => {
  const config = loadConfig({}, '/srv/app');
  assert.is(config.port, 5000);
  assert.is(config.host, '127.0.0.1');
  assert.equal(config.database, { dialect: 'sqlite', path: '/srv/app/app.db' });
  assert.is(config.logDir, '/srv/app/logs');
  assert.is(config.secretKey, null);
  assert.is(config.mail, null);
  assert.is(config.mode, 'production', 'an unset NODE_ENV (node dist/src/main.js by hand) is production');
  assert.is(config.debug, false, 'debug mode is never the default');
  assert.is(config.baseUrl, 'http://127.0.0.1:5000/');
  assert.is(config.passwordResetLinkMs, 10 * 60_000);
});

test('when BASE_URL is set, then links start there, a path prefix kept and a slash added', () => {
  assert.is(loadConfig({ BASE_URL: 'https://microblog.example' }).baseUrl, 'https://microblog.example/');
  assert.is(loadConfig({ BASE_URL: 'https://example.org/blog' }).baseUrl, 'https://example.org/blog/');
  assert.is(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).baseUrl, 'http://0.0.0.0:8080/', 'unset: the address served');
  assert.match(refusal({ BASE_URL: 'microblog.example' }), /^BASE_URL /);
  assert.match(refusal({ BASE_URL: 'javascript:alert(1)' }), /^BASE_URL /);
  assert.match(refusal({ BASE_URL: 'https://user:pw@microblog.example/' }), /^BASE_URL /);
  assert.match(refusal({ BASE_URL: 'https://microblog.example/?next=x' }), /^BASE_URL /);
});

test('when PASSWORD_RESET_MINUTES is set, then reset links live that long, within a day', () => {
  assert.is(loadConfig({ PASSWORD_RESET_MINUTES: '30' }).passwordResetLinkMs, 30 * 60_000);
  assert.match(refusal({ PASSWORD_RESET_MINUTES: '0' }), /^PASSWORD_RESET_MINUTES /);
  assert.match(refusal({ PASSWORD_RESET_MINUTES: '1441' }), /^PASSWORD_RESET_MINUTES /);
  assert.match(refusal({ PASSWORD_RESET_MINUTES: 'ten' }), /^PASSWORD_RESET_MINUTES /);
});

test('when API_TOKEN_MINUTES is set, then API tokens live that long, an hour by default, 30 days at most', () => {
  assert.is(loadConfig({}).apiTokenLifetimeMs, 60 * 60_000);
  assert.is(loadConfig({ API_TOKEN_MINUTES: '5' }).apiTokenLifetimeMs, 5 * 60_000);
  assert.match(refusal({ API_TOKEN_MINUTES: '0' }), /^API_TOKEN_MINUTES /);
  assert.match(refusal({ API_TOKEN_MINUTES: '43201' }), /^API_TOKEN_MINUTES /);
});

test('when DATABASE_URL names an absolute or relative SQLite path, then both are honoured', () => {
  const sqlite = (path: string) => ({ dialect: 'sqlite', path });
  assert.equal(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x/app.db' }, '/srv/app').database, sqlite('/tmp/x/app.db'));
  assert.equal(loadConfig({ DATABASE_URL: 'sqlite:data/app.db' }, '/srv/app').database, sqlite('/srv/app/data/app.db'));
  assert.equal(loadConfig({ DATABASE_URL: 'sqlite:///tmp/y.db' }, '/srv/app').database, sqlite('/tmp/y.db'));
});

test('when DATABASE_URL names a PostgreSQL server, then that dialect is chosen with the URL as given', () => {
  const url = 'postgresql://microblog:pw@db.internal:5432/microblog';
  assert.equal(loadConfig({ DATABASE_URL: url }).database, { dialect: 'postgresql', url });
  assert.is(loadConfig({ DATABASE_URL: 'postgres://db/microblog' }).database.dialect, 'postgresql');
  const refused = refusal({ DATABASE_URL: 'postgresql://user:secret-pw@' });
  assert.match(refused, /^DATABASE_URL /);
  assert.not.match(refused, 'secret-pw');
});

test('when WEB_CONCURRENCY is set, then that many workers; otherwise one process', () => {
  assert.is(loadConfig({}).webConcurrency, 1);
  assert.is(loadConfig({ WEB_CONCURRENCY: '4' }).webConcurrency, 4);
  assert.match(refusal({ WEB_CONCURRENCY: 'many' }), /^WEB_CONCURRENCY /);
  assert.match(refusal({ WEB_CONCURRENCY: '0' }), /^WEB_CONCURRENCY /);
});

test('when a value is invalid, then one line names the variable', () => {
  assert.match(refusal({ PORT: 'eighty' }), /^PORT /);
  assert.match(refusal({ DATABASE_URL: 'mysql://x' }), /^DATABASE_URL /);
  assert.match(refusal({ NODE_ENV: 'staging' }), /^NODE_ENV /);
  assert.match(refusal({ MAIL_SERVER: 'smtp.example.com', ADMINS: 'a@example.com', MAIL_PORT: '99999' }), /^MAIL_PORT /);
  assert.match(refusal({ MAIL_SERVER: 'smtp.example.com', ADMINS: 'a@example.com', MAIL_USE_TLS: 'maybe' }), /^MAIL_USE_TLS /);
  assert.match(refusal({ MAIL_TRANSPORT: 'pigeon' }), /^MAIL_TRANSPORT /);
  assert.match(refusal({ MAIL_SERVER: 'smtp.example.com', ADMINS: 'not-an-address' }), /^ADMINS /);
  assert.match(refusal({ MAIL_SERVER: 'smtp.example.com', ADMINS: 'a@example.com', MAIL_PASSWORD: 'pw' }), /^MAIL_PASSWORD /);
});

test('when SECRET_KEY is weak or a well-known example, then the start is refused without echoing it', () => {
  const short = refusal({ SECRET_KEY: 'short-but-secret' });
  assert.match(short, /^SECRET_KEY is too short/);
  assert.not.match(short, 'short-but-secret');
  assert.match(refusal({ SECRET_KEY: 'you-will-never-guess' }), /^SECRET_KEY is a well-known example value/);
  assert.is(loadConfig({ SECRET_KEY: STRONG_KEY }).secretKey, STRONG_KEY);
});

test('when production is asked to run in debug mode, then it refuses', () => {
  assert.match(refusal({ NODE_ENV: 'production', MICROBLOG_DEBUG: '1' }), /^MICROBLOG_DEBUG must not be enabled/);
  assert.is(loadConfig({ NODE_ENV: 'production' }).debug, false);
});

test('when debug mode is asked for by name, then it is on, and only then', () => {
  assert.equal(pick(loadConfig({ MICROBLOG_DEBUG: '1' })), { mode: 'development', debug: true }, 'MICROBLOG_DEBUG=1 alone');
  assert.equal(pick(loadConfig({ NODE_ENV: 'development', MICROBLOG_DEBUG: '1' })), { mode: 'development', debug: true }, 'as npm run dev sets it');
  assert.equal(pick(loadConfig({ NODE_ENV: 'development' })), { mode: 'development', debug: false }, 'development alone shows no debug page');
  assert.equal(pick(loadConfig({ NODE_ENV: 'test', MICROBLOG_DEBUG: 'off' })), { mode: 'test', debug: false });
});

test('when MICROBLOG_DEBUG_HOSTS lists host names, then debug mode answers to them too; anything else is refused', () => {
  assert.equal(loadConfig({}).debugHosts, []);
  assert.equal(loadConfig({ MICROBLOG_DEBUG_HOSTS: ' Dev.Internal, devbox ,[fd00::1]' }).debugHosts, ['dev.internal', 'devbox', '[fd00::1]']);
  for (const invalid of ['dev.internal:5000', 'http://dev.internal', 'two words']) {
    assert.match(refusal({ MICROBLOG_DEBUG_HOSTS: invalid }), /^MICROBLOG_DEBUG_HOSTS must list host names/, invalid);
  }
});

function pick(config: ReturnType<typeof loadConfig>) {
  return { mode: config.mode, debug: config.debug };
}

test('when mail is configured, then the sender defaults to no-reply at the server', () => {
  const config = loadConfig({ MAIL_SERVER: 'smtp.example.com', ADMINS: 'a@example.com, b@example.com', MAIL_USE_TLS: '1' });
  assert.equal(config.mail, {
    transport: 'smtp', server: 'smtp.example.com', port: 25, useTls: true, username: null, password: null,
    from: 'no-reply@smtp.example.com', admins: ['a@example.com', 'b@example.com'],
  });
});

test('when mail is configured without ADMINS, then it carries reset links and nobody is named for alerts', () => {
  assert.equal(loadConfig({ MAIL_SERVER: 'smtp.example.com' }).mail?.admins, []);
});

test('when SENTRY_DSN is set, then the tracker is on, its environment defaults to the mode and tracing to none', () => {
  assert.is(loadConfig({}, '/srv/app').tracker, null);
  const dsn = 'https://0123abcd@sentry.example.com/7';
  assert.equal(loadConfig({ SENTRY_DSN: dsn, NODE_ENV: 'production' }, '/srv/app').tracker, { dsn, environment: 'production', release: null, tracesSampleRate: 0 });
  assert.equal(
    loadConfig({ SENTRY_DSN: dsn, SENTRY_ENVIRONMENT: 'staging', SENTRY_RELEASE: 'microblog@2.0.0', SENTRY_TRACES_SAMPLE_RATE: '0.25' }, '/srv/app').tracker,
    { dsn, environment: 'staging', release: 'microblog@2.0.0', tracesSampleRate: 0.25 },
  );
});

test('when a Sentry variable is invalid, then the start is refused naming it, without echoing the DSN', () => {
  for (const dsn of ['sentry.example.com/7', 'https://sentry.example.com/7', 'ftp://key@sentry.example.com/7', 'https://key@sentry.example.com/']) {
    const message = refusal({ SENTRY_DSN: dsn });
    assert.match(message, /^SENTRY_DSN must look like/);
    assert.not.match(message, dsn);
  }
  for (const rate of ['1.5', '-0.1', 'all', '0.5.1']) {
    assert.match(refusal({ SENTRY_DSN: 'https://key@sentry.example.com/7', SENTRY_TRACES_SAMPLE_RATE: rate }), /^SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1/);
  }
});

test('when no SECRET_KEY is set, then a strong key is generated once, kept owner-only, and reused', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'microblog-instance-')), 'instance');
  const first = resolveSecretKey(null, dir);
  assert.is(first.origin, 'generated');
  assert.ok(first.key.length >= 48);
  assert.is(statSync(join(dir, 'secret_key')).mode & 0o777, 0o600);
  const second = resolveSecretKey(null, dir);
  assert.equal(second, { key: first.key, origin: 'instance-file' });
  assert.is(readFileSync(join(dir, 'secret_key'), 'utf8').trim(), first.key);
  assert.equal(resolveSecretKey(STRONG_KEY, dir), { key: STRONG_KEY, origin: 'environment' });
});

test('when the stored key is weak, then the start is refused with the file named and the key kept as it was', () => {
  const dir = mkdtempSync(join(tmpdir(), 'microblog-instance-'));
  for (const weak of ['changeme', 'short-but-stored']) {
    writeFileSync(join(dir, 'secret_key'), `${weak}\n`, { mode: 0o600 });
    let refusal: unknown;
    try {
      resolveSecretKey(null, dir);
    } catch (error) {
      refusal = error;
    }
    assert.instance(refusal, ConfigError, weak);
    assert.match((refusal as Error).message, `the key stored in ${join(dir, 'secret_key')} is `);
    assert.match((refusal as Error).message, 'delete the file to have a strong one generated, or set SECRET_KEY');
    assert.not.match((refusal as Error).message, weak, 'the key itself is never echoed');
    assert.is(readFileSync(join(dir, 'secret_key'), 'utf8'), `${weak}\n`, 'nothing is overwritten');
  }
  assert.equal(resolveSecretKey(STRONG_KEY, dir), { key: STRONG_KEY, origin: 'environment' }, 'SECRET_KEY, when set, is used and the file not read');
});

test.run();
