import type { UserRepository } from '../../domain/ports/user-repository.js';
import { resultOf } from './result-of.js';

type Method = keyof UserRepository;

/**
 * The real repository with a switch: while `failing` names a method, that method throws what a
 * broken database would (a driver error whose message carries SQL with values), or what `failure` makes.
 */
export class FaultyUserRepository implements UserRepository {
  failing: Method | null = null;
  failure: () => unknown = () => new DatabaseLost();

  constructor(private readonly real: UserRepository) {}

  add: UserRepository['add'] = (user) => resultOf(this.guard('add', async () => this.real.add(user)));
  findById: UserRepository['findById'] = (id) => this.guard('findById', () => this.real.findById(id));
  findByUsername: UserRepository['findByUsername'] = (name) => this.guard('findByUsername', () => this.real.findByUsername(name));
  findByEmail: UserRepository['findByEmail'] = (email) => this.guard('findByEmail', () => this.real.findByEmail(email));
  list: UserRepository['list'] = (offset, limit) => this.guard('list', () => this.real.list(offset, limit));
  count: UserRepository['count'] = () => this.guard('count', () => this.real.count());
  updateProfile: UserRepository['updateProfile'] = (id, changes) => resultOf(this.guard('updateProfile', async () => this.real.updateProfile(id, changes)));
  recordLastSeen: UserRepository['recordLastSeen'] = (id, at) => this.guard('recordLastSeen', () => this.real.recordLastSeen(id, at));
  updatePasswordHash: UserRepository['updatePasswordHash'] = (id, hash) => this.guard('updatePasswordHash', () => this.real.updatePasswordHash(id, hash));
  updateLanguage: UserRepository['updateLanguage'] = (id, language) => this.guard('updateLanguage', () => this.real.updateLanguage(id, language));

  private async guard<T>(method: Method, call: () => Promise<T>): Promise<T> {
    if (this.failing === method) throw this.failure();
    return call();
  }
}

export const LEAKY_SQL = "update `users` set `password_hash` = 'scrypt$16384$8$1$c2FsdA$aGFzaA' where `id` = 1";

export class DatabaseLost extends Error {
  override readonly name = 'DatabaseLost';
  constructor() {
    super(`${LEAKY_SQL} - SQLITE_IOERR: disk I/O error`);
  }
}
