import { ScryptPasswordHasher } from '../../adapters/security/scrypt-password-hasher.js';
import { Database, type DatabaseLocation } from '../../adapters/persistence/mikro-orm/database.js';
import { startAppProcess, type AppProcess, type AppProcessOptions } from './app-process.js';

export const CLUSTER_PASSWORD = 'password123';

export function databaseUrlOf(location: DatabaseLocation): string {
  return location.dialect === 'sqlite' ? `sqlite:${location.path}` : location.url;
}

/** The real app with `workers` cluster workers on `location`, once every worker listens. */
export async function startClusterApp(location: DatabaseLocation, workers: number, options: AppProcessOptions = {}): Promise<AppProcess> {
  const app = await startAppProcess({ ...options, env: { DATABASE_URL: databaseUrlOf(location), WEB_CONCURRENCY: String(workers), ...options.env } });
  const deadline = Date.now() + 60_000;
  while ((app.output().match(/Worker \d+ listening/g) ?? []).length < workers) {
    if (Date.now() > deadline) {
      await app.stop();
      throw new Error(`not every worker started:\n${app.output()}`);
    }
    await new Promise((settle) => setTimeout(settle, 100));
  }
  return app;
}

/**
 * Stores `count` users straight into the app's database (the app migrated it), all with one real
 * scrypt hash of CLUSTER_PASSWORD at the app's own cost, so logging them in is the app's real work.
 */
export async function seedUsers(location: DatabaseLocation, prefix: string, count: number): Promise<string[]> {
  const passwordHash = (await new ScryptPasswordHasher().hash(CLUSTER_PASSWORD))._unsafeUnwrap();
  const database = await Database.open(location);
  try {
    return await database.inUnitOfWork(async () => {
      const names: string[] = [];
      for (let i = 0; i < count; i++) {
        const username = `${prefix}${i}`;
        (await database.users.add({ username, email: `${username}@example.com`, passwordHash, lastSeen: null }))._unsafeUnwrap();
        names.push(username);
      }
      return names;
    });
  } finally {
    await database.close();
  }
}
