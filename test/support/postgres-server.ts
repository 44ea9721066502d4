// A throwaway PostgreSQL server for tests: a fresh cluster in a temporary folder, on a free loopback
// port, with durability switched off (it is thrown away anyway). It can be stopped and started again
// to take the database away from a running app. Needs Debian's `postgresql` package.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unusedPort } from './smtp-test-server.js';

const run = promisify(execFile);
const POSTGRES_ROOT = '/usr/lib/postgresql';

export type PostgresServer = Readonly<{
  /** A URL for `database` on this server (the `postgres` database by default). */
  url: (database?: string) => string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  close: () => Promise<void>;
}>;

/** The newest installed server's bin folder, or null when PostgreSQL is not installed. */
export function postgresBinaries(): string | null {
  if (!existsSync(POSTGRES_ROOT)) return null;
  const versions = readdirSync(POSTGRES_ROOT).filter((name) => existsSync(join(POSTGRES_ROOT, name, 'bin', 'initdb')));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(POSTGRES_ROOT, newest, 'bin') : null;
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'microblog-pg-'));
  // initdb refuses to run as root, so as root the cluster belongs to the postgres user.
  const asRoot = userInfo().uid === 0;
  if (asRoot) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
  const asOwner = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args);

  const data = join(dir, 'data');
  await asOwner('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await unusedPort();
  const options = `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = async () => { await asOwner('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']); };
  const stop = async () => { await asOwner('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']); };
  await start();
  return {
    url: (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop,
    start,
    close: async () => {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
