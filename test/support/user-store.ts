import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { Database } from '../../adapters/persistence/mikro-orm/database.js';
import type { UserRepository } from '../../domain/ports/user-repository.js';
import { aNewUser } from './builders.js';
import { createPostgresDatabase, createSqliteDatabase, TEST_DATABASE_URL, type TestDatabase } from './test-database.js';

/** A user store as a test sees it: the repository, the request context each "request" runs in, cleanup. */
export type UserStore = Readonly<{
  users: UserRepository;
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}>;

export type MigratedDatabase = Readonly<{ database: Database; close: () => Promise<void> }>;

export async function inMemoryUserStore(): Promise<UserStore> {
  return { users: new InMemoryUserRepository(), inUnitOfWork: (work) => work(), close: async () => {} };
}

/** A migrated, empty database of `where`, removed on close. */
export async function migratedDatabase(where: TestDatabase): Promise<MigratedDatabase> {
  const database = await Database.open(where.location);
  await database.migrate();
  return {
    database,
    close: async () => {
      await database.close();
      await where.drop();
    },
  };
}

/** SQLite, whatever TEST_DATABASE_URL says: the SQLite variants run in every test run. */
export async function sqliteDatabase(): Promise<MigratedDatabase> {
  return migratedDatabase(await createSqliteDatabase());
}

/** The PostgreSQL variants of the contract suites exist when TEST_DATABASE_URL names a server. */
export const postgresDatabase = TEST_DATABASE_URL
  ? async (): Promise<MigratedDatabase> => migratedDatabase(await createPostgresDatabase(TEST_DATABASE_URL as string))
  : null;

/**
 * PostgreSQL in a Turkish locale, where the locale's lower() turns `I` into a dotless `ı`: names
 * must still compare as the app compares them.
 */
export const turkishPostgresDatabase = TEST_DATABASE_URL
  ? async (): Promise<MigratedDatabase> => migratedDatabase(await createPostgresDatabase(TEST_DATABASE_URL as string,
    "template template0 locale_provider icu icu_locale 'tr-TR' locale 'C.UTF-8'"))
  : null;

export function userStoreOf(open: () => Promise<MigratedDatabase>): () => Promise<UserStore> {
  return async () => {
    const { database, close } = await open();
    return { users: database.users, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
  };
}

/** A migrated, empty database of `open` with two users in it, for stores whose rows belong to a user. */
export async function withTwoUsers(open: () => Promise<MigratedDatabase>): Promise<MigratedDatabase & Readonly<{ userIds: readonly [number, number] }>> {
  const migrated = await open();
  const { database } = migrated;
  const userIds = await database.inUnitOfWork(async () => {
    const ids = [];
    for (let i = 0; i < 2; i++) ids.push((await database.users.add(aNewUser()))._unsafeUnwrap().id);
    return ids as [number, number];
  });
  return { ...migrated, userIds };
}
