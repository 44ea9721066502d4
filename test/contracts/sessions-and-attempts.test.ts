import { InMemoryLoginAttemptLog } from '../../adapters/persistence/in-memory/in-memory-login-attempt-log.js';
import { InMemorySessionRepository } from '../../adapters/persistence/in-memory/in-memory-session-repository.js';
import { aNewUser } from '../support/builders.js';
import { sqliteDatabase } from '../support/user-store.js';
import { loginAttemptLogContract } from './login-attempt-log.contract.js';
import { sessionRepositoryContract } from './session-repository.contract.js';

const direct = <T>(work: () => Promise<T>) => work();

sessionRepositoryContract('InMemorySessionRepository', async () =>
  ({ sessions: new InMemorySessionRepository(), userIds: [1, 2], inUnitOfWork: direct, close: async () => {} }));

sessionRepositoryContract('MikroOrmSessionRepository on SQLite', async () => {
  const { database, close } = await sqliteDatabase();
  const userIds = await database.inUnitOfWork(async () => {
    const ids = [];
    for (let i = 0; i < 2; i++) ids.push((await database.users.add(aNewUser()))._unsafeUnwrap().id);
    return ids as [number, number];
  });
  return { sessions: database.sessions, userIds, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
});

loginAttemptLogContract('InMemoryLoginAttemptLog', async () =>
  ({ attempts: new InMemoryLoginAttemptLog(), inUnitOfWork: direct, close: async () => {} }));

loginAttemptLogContract('MikroOrmLoginAttemptLog on SQLite', async () => {
  const { database, close } = await sqliteDatabase();
  return { attempts: database.loginAttempts, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
});
