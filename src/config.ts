import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { DEFAULT_ACCESS_TOKEN_LIFETIME_MS } from '../domain/tokens/access-token.js';

// Everything the app reads from its environment, parsed and validated once at start. A bad value
// stops the start with one line that names the variable (and never echoes a secret's value).

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export type Mode = 'production' | 'development' | 'test';

export type MailConfig = Readonly<{
  /** `smtp` sends through MAIL_SERVER; `file` writes each message into the instance folder, for development. */
  transport: 'smtp' | 'file';
  server: string;
  port: number;
  useTls: boolean;
  username: string | null;
  password: string | null;
  from: string;
  admins: readonly string[];
}>;

export type TrackerConfig = Readonly<{
  /** The project's DSN, from Sentry or a compatible server: where error events are sent. */
  dsn: string;
  environment: string;
  /** Unset means: microblog@<package version>, plus the git commit when there is one. */
  release: string | null;
  /** The share of requests traced for performance; 0 sends no traces. */
  tracesSampleRate: number;
}>;

export type Config = Readonly<{
  mode: Mode;
  /** The developer's error page; only when asked for (`npm run dev`, MICROBLOG_DEBUG=1). */
  debug: boolean;
  /** In debug mode, host names the app answers to besides localhost, 127.0.0.1 and [::1]. */
  debugHosts: readonly string[];
  host: string;
  port: number;
  /** Unset means: use (or create) the key kept in the instance folder. */
  secretKey: string | null;
  /** Former keys: cookies they signed stay valid while new ones are signed with `secretKey`. */
  secretKeyFallbacks: readonly string[];
  /** Behind a reverse proxy: trust its X-Forwarded-For and X-Forwarded-Proto. */
  trustProxy: boolean;
  instanceDir: string;
  database: Readonly<{ dialect: 'sqlite'; path: string }> | Readonly<{ dialect: 'postgresql'; url: string }>;
  /** Worker processes to serve with (Node's cluster); 1 serves from the main process. */
  webConcurrency: number;
  postsPerPage: number;
  /**
   * The site's public address, ending in `/`: links in emails start here, never at the Host a request
   * names. Defaults to the address the app serves.
   */
  baseUrl: string;
  /** How long a password reset link works. */
  passwordResetLinkMs: number;
  /** How long an API token works. */
  apiTokenLifetimeMs: number;
  logDir: string;
  mail: MailConfig | null;
  tracker: TrackerConfig | null;
}>;

type Env = Readonly<Record<string, string | undefined>>;

const SECRET_KEY_MIN_LENGTH = 32;
const WELL_KNOWN_SECRET_KEYS = new Set([
  'you-will-never-guess', 'secret', 'secret-key', 'secretkey', 'changeme', 'change-me', 'dev', 'development',
  'default', 'password', 'keyboard cat', 'your-secret-key', 'supersecret', 'mysecret',
]);

/** Reads `.env` from the working folder when there is one; variables already set win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function loadConfig(env: Env, cwd = process.cwd()): Config {
  const debug = parseDebug(env);
  const mode = parseMode(env.NODE_ENV, debug);
  const host = nonEmpty(env, 'HOST') ?? '127.0.0.1';
  const port = parsePort(env, 'PORT', 5000);
  return {
    mode,
    debug,
    debugHosts: parseDebugHosts(env),
    host,
    port,
    secretKey: parseSecretKey(env.SECRET_KEY, 'SECRET_KEY'),
    secretKeyFallbacks: (env.SECRET_KEY_FALLBACKS ?? '').split(',').filter((key) => key.trim() !== '')
      .map((key) => parseSecretKey(key.trim(), 'SECRET_KEY_FALLBACKS') ?? ''),
    trustProxy: parseBoolean(env.TRUST_PROXY, 'TRUST_PROXY') ?? false,
    instanceDir: resolve(cwd, nonEmpty(env, 'INSTANCE_DIR') ?? 'instance'),
    database: parseDatabaseUrl(nonEmpty(env, 'DATABASE_URL') ?? 'sqlite:app.db', cwd),
    logDir: resolve(cwd, nonEmpty(env, 'LOG_DIR') ?? 'logs'),
    webConcurrency: parseCount(env, 'WEB_CONCURRENCY', 1),
    postsPerPage: parseCount(env, 'POSTS_PER_PAGE', 25, 200),
    baseUrl: parseBaseUrl(nonEmpty(env, 'BASE_URL'), host, port),
    passwordResetLinkMs: parseCount(env, 'PASSWORD_RESET_MINUTES', 10, 24 * 60) * 60_000,
    apiTokenLifetimeMs: parseCount(env, 'API_TOKEN_MINUTES', DEFAULT_ACCESS_TOKEN_LIFETIME_MS / 60_000, 30 * 24 * 60) * 60_000,
    mail: parseMail(env),
    tracker: parseTracker(env, mode),
  };
}

// Unset, NODE_ENV means production, so that starting the built app by hand (`node dist/src/main.js`)
// is as safe as `npm start`; development is what debug mode, asked for explicitly, implies.
function parseMode(raw: string | undefined, debug: boolean): Mode {
  const mode = raw?.trim() || (debug ? 'development' : 'production');
  if (mode === 'production' || mode === 'development' || mode === 'test') return mode;
  throw new ConfigError(`NODE_ENV must be production, development or test, not "${mode}"`);
}

// The original's debug mode runs an interactive debugger; ours shows a read-only error page with
// source lines, which is still too much for anyone but the developer: it is on only when asked for
// by name (`npm run dev` sets MICROBLOG_DEBUG=1), never because a variable was left unset, and never
// where NODE_ENV says production.
function parseDebug(env: Env): boolean {
  const debug = parseBoolean(env.MICROBLOG_DEBUG, 'MICROBLOG_DEBUG') ?? false;
  if (debug && env.NODE_ENV?.trim() === 'production') {
    throw new ConfigError('MICROBLOG_DEBUG must not be enabled when NODE_ENV=production (it shows error details to visitors)');
  }
  return debug;
}

function parseDebugHosts(env: Env): readonly string[] {
  const hosts = (env.MICROBLOG_DEBUG_HOSTS ?? '').split(',').map((host) => host.trim().toLowerCase()).filter(Boolean);
  const invalid = hosts.find((host) => !/^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/.test(host));
  if (invalid !== undefined) throw new ConfigError(`MICROBLOG_DEBUG_HOSTS must list host names (comma-separated, no port), not "${invalid}"`);
  return hosts;
}

function parseSecretKey(raw: string | undefined, name: string): string | null {
  if (raw === undefined || raw === '') return null;
  const weakness = secretKeyWeakness(raw);
  if (weakness) throw new ConfigError(`${name} ${weakness}; set a long random one or unset it to have one generated`);
  return raw;
}

/** Why a key is too weak to sign cookies (as a phrase: "is too short (8 characters)"), or null when it is strong enough. */
export function secretKeyWeakness(key: string): string | null {
  if (WELL_KNOWN_SECRET_KEYS.has(key.trim().toLowerCase())) return 'is a well-known example value';
  if (key.length < SECRET_KEY_MIN_LENGTH) return `is too short (${key.length} characters; at least ${SECRET_KEY_MIN_LENGTH} random ones are needed)`;
  return null;
}

function parseDatabaseUrl(raw: string, cwd: string): Config['database'] {
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      const url = new URL(raw);
      if (!url.hostname || url.pathname.length < 2) throw new Error('incomplete');
    } catch {
      throw new ConfigError('DATABASE_URL must look like postgresql://user:password@host:5432/database');
    }
    return { dialect: 'postgresql', url: raw };
  }
  const match = /^sqlite:(.+)$/.exec(raw);
  if (!match?.[1]) throw new ConfigError('DATABASE_URL must look like sqlite:<path> (for example sqlite:app.db) or postgresql://user:password@host/database');
  const path = match[1].replace(/^\/\/(?=\/)/, '');
  return { dialect: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
}

function parseBaseUrl(raw: string | null, host: string, port: number): string {
  if (raw === null) return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`BASE_URL must be the site's address, such as https://microblog.example/, not "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`BASE_URL must start with https:// or http://, not "${url.protocol}"`);
  if (url.username || url.password || url.search || url.hash) throw new ConfigError('BASE_URL must not carry credentials, a query or a fragment');
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function parseMail(env: Env): MailConfig | null {
  const transport = nonEmpty(env, 'MAIL_TRANSPORT') ?? 'smtp';
  if (transport !== 'smtp' && transport !== 'file') throw new ConfigError(`MAIL_TRANSPORT must be smtp or file, not "${transport}"`);
  const server = nonEmpty(env, 'MAIL_SERVER') ?? (transport === 'file' ? 'localhost' : null);
  if (!server) return null;
  // Without ADMINS, mail still carries password reset links; nobody gets alert emails.
  const admins = (env.ADMINS ?? '').split(',').map((address) => address.trim()).filter(Boolean);
  const invalid = admins.find((address) => !looksLikeEmail(address));
  if (invalid) throw new ConfigError(`ADMINS contains an invalid address: "${invalid}"`);
  const from = nonEmpty(env, 'MAIL_FROM') ?? `no-reply@${server}`;
  if (!looksLikeEmail(from)) throw new ConfigError(`MAIL_FROM is not a valid address: "${from}"`);
  const username = nonEmpty(env, 'MAIL_USERNAME');
  const password = nonEmpty(env, 'MAIL_PASSWORD');
  if (password && !username) throw new ConfigError('MAIL_PASSWORD is set but MAIL_USERNAME is not');
  return {
    transport,
    server,
    port: parsePort(env, 'MAIL_PORT', 25),
    useTls: parseBoolean(env.MAIL_USE_TLS, 'MAIL_USE_TLS') ?? false,
    username,
    password,
    from,
    admins,
  };
}

function parseTracker(env: Env, mode: Mode): TrackerConfig | null {
  const dsn = nonEmpty(env, 'SENTRY_DSN');
  if (dsn === null) return null;
  // The DSN carries the project's public key; it is not echoed, as some keep it private.
  const url = URL.parse(dsn);
  if (url === null || !/^https?:$/.test(url.protocol) || url.username === '' || !/\/\d+$/.test(url.pathname)) {
    throw new ConfigError('SENTRY_DSN must look like https://<public key>@<host>/<project id>');
  }
  const rate = nonEmpty(env, 'SENTRY_TRACES_SAMPLE_RATE');
  const tracesSampleRate = rate === null ? 0 : Number(rate);
  if (!/^\d*\.?\d+$/.test(rate ?? '0') || tracesSampleRate > 1) {
    throw new ConfigError(`SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1, not "${rate}"`);
  }
  return { dsn, environment: nonEmpty(env, 'SENTRY_ENVIRONMENT') ?? mode, release: nonEmpty(env, 'SENTRY_RELEASE'), tracesSampleRate };
}

function parsePort(env: Env, name: string, fallback: number): number {
  const raw = nonEmpty(env, name);
  if (raw === null) return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 0 || port > 65535) throw new ConfigError(`${name} must be a port number (0-65535), not "${raw}"`);
  return port;
}

function parseCount(env: Env, name: string, fallback: number, max = 64): number {
  const raw = nonEmpty(env, name);
  if (raw === null) return fallback;
  const count = Number(raw);
  if (!/^\d+$/.test(raw) || count < 1 || count > max) throw new ConfigError(`${name} must be a whole number from 1 to ${max}, not "${raw}"`);
  return count;
}

function parseBoolean(raw: string | undefined, name: string): boolean | null {
  if (raw === undefined || raw.trim() === '') return null;
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be true or false (1/0, yes/no), not "${raw}"`);
}

function nonEmpty(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function looksLikeEmail(address: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(address);
}
