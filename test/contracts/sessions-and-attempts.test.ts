import { InMemoryLoginAttemptLog } from '../../adapters/persistence/in-memory/in-memory-login-attempt-log.js';
import { InMemorySessionRepository } from '../../adapters/persistence/in-memory/in-memory-session-repository.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { aNewUser } from '../support/builders.js';
import { postgresDatabase, sqliteDatabase, withTwoUsers, type MigratedDatabase } from '../support/user-store.js';
import { loginAttemptLogContract, type AttemptStore } from './login-attempt-log.contract.js';
import { sessionRepositoryContract, type SessionStore } from './session-repository.contract.js';

const direct = <T>(work: () => Promise<T>) => work();

function sessionStoreOf(open: () => Promise<MigratedDatabase>): () => Promise<SessionStore> {
  return async () => {
    const { database, close, userIds } = await withTwoUsers(open);
    const findUser = (id: number) => database.inUnitOfWork(() => database.users.findById(id));
    return { sessions: database.sessions, userIds, findUser, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
  };
}

function attemptStoreOf(open: () => Promise<MigratedDatabase>): () => Promise<AttemptStore> {
  return async () => {
    const { database, close } = await open();
    return { attempts: database.loginAttempts, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
  };
}

sessionRepositoryContract('InMemorySessionRepository', async () => {
  const users = new InMemoryUserRepository();
  const userIds: [number, number] = [(await users.add(aNewUser()))._unsafeUnwrap().id, (await users.add(aNewUser()))._unsafeUnwrap().id];
  return { sessions: new InMemorySessionRepository(users), userIds, findUser: (id) => users.findById(id), inUnitOfWork: direct, close: async () => {} };
});
sessionRepositoryContract('MikroOrmSessionRepository on SQLite', sessionStoreOf(sqliteDatabase));
if (postgresDatabase) sessionRepositoryContract('MikroOrmSessionRepository on PostgreSQL', sessionStoreOf(postgresDatabase));

loginAttemptLogContract('InMemoryLoginAttemptLog', async () =>
  ({ attempts: new InMemoryLoginAttemptLog(), inUnitOfWork: direct, close: async () => {} }));
loginAttemptLogContract('MikroOrmLoginAttemptLog on SQLite', attemptStoreOf(sqliteDatabase));
if (postgresDatabase) loginAttemptLogContract('MikroOrmLoginAttemptLog on PostgreSQL', attemptStoreOf(postgresDatabase));
