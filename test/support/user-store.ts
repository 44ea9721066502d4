import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { Database } from '../../adapters/persistence/mikro-orm/database.js';
import type { UserRepository } from '../../domain/ports/user-repository.js';

/** A user store as a test sees it: the repository, the unit of work each "request" runs in, cleanup. */
export type UserStore = Readonly<{
  users: UserRepository;
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}>;

export async function inMemoryUserStore(): Promise<UserStore> {
  return { users: new InMemoryUserRepository(), inUnitOfWork: (work) => work(), close: async () => {} };
}

/** A migrated SQLite database in a fresh temporary folder, removed on close. */
export async function sqliteDatabase(): Promise<{ database: Database; path: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'microblog-db-'));
  const path = join(dir, 'test.db');
  const database = await Database.open({ dialect: 'sqlite', path });
  await database.migrate();
  return {
    database,
    path,
    close: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function sqliteUserStore(): Promise<UserStore> {
  const { database, close } = await sqliteDatabase();
  return { users: database.users, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
}
