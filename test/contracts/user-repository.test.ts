import { inMemoryUserStore, sqliteUserStore } from '../support/user-store.js';
import { userRepositoryContract } from './user-repository.contract.js';

userRepositoryContract('InMemoryUserRepository', inMemoryUserStore);
userRepositoryContract('MikroOrmUserRepository on SQLite', sqliteUserStore);
