// `npm run test:pg`: runs the given command with TEST_DATABASE_URL pointing at a PostgreSQL server —
// the one already set in the environment, or a throwaway cluster started here and removed after.
import { spawn } from 'node:child_process';
import { startPostgresServer } from './postgres-server.js';

const [command, ...args] = process.argv.slice(2);
if (!command) throw new Error('usage: run-with-postgres <command> [args...]');

const server = process.env.TEST_DATABASE_URL ? null : await startPostgresServer();
const url = process.env.TEST_DATABASE_URL ?? server?.url() ?? '';
console.log(`PostgreSQL tests against ${new URL(url).host}${server ? ' (a throwaway cluster)' : ''}`);
try {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: url } });
  process.exitCode = await new Promise<number>((done) => child.once('exit', (code) => done(code ?? 1)));
} finally {
  await server?.close();
}
