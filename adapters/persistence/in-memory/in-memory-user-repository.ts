import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { emailTaken, userNotFound, usernameTaken, type EmailTaken, type UsernameTaken, type UserNotFound } from '../../../domain/errors.js';
import type { UserRepository } from '../../../domain/ports/user-repository.js';
import type { Language } from '../../../domain/ports/translator.js';
import type { NewUser, ProfileChanges, User, UserId } from '../../../domain/user.js';
import { usernameKey } from '../../../domain/user-rules.js';
import type { Restorable } from './in-memory-transactions.js';

/**
 * A single-process store for domain tests and quick experiments. It hands out copies, as a
 * database would, so a caller mutating a user cannot change what is stored.
 */
export class InMemoryUserRepository implements UserRepository, Restorable {
  private readonly users = new Map<UserId, User>();
  private nextId = 1;

  add(user: NewUser): ResultAsync<User, UsernameTaken | EmailTaken> {
    if (this.holderOf(user.username)) return errAsync(usernameTaken(user.username));
    if (this.withEmail(user.email)) return errAsync(emailTaken(user.email));
    const stored: User = { id: this.nextId++, username: user.username, email: user.email, passwordHash: user.passwordHash, aboutMe: '', lastSeen: user.lastSeen, language: null };
    this.users.set(stored.id, stored);
    return okAsync(copy(stored));
  }

  async findById(id: UserId): Promise<User | null> {
    const user = this.users.get(id);
    return user ? copy(user) : null;
  }

  async findByUsername(username: string): Promise<User | null> {
    const user = this.holderOf(username);
    return user ? copy(user) : null;
  }

  async findByEmail(email: string): Promise<User | null> {
    const user = this.withEmail(email);
    return user ? copy(user) : null;
  }

  async list(offset: number, limit: number): Promise<User[]> {
    return [...this.users.values()].sort((a, b) => a.id - b.id).slice(offset, offset + limit).map(copy);
  }

  async count(): Promise<number> {
    return this.users.size;
  }

  updateProfile(id: UserId, changes: ProfileChanges): ResultAsync<User, UsernameTaken | UserNotFound> {
    const user = this.users.get(id);
    if (!user) return errAsync(userNotFound());
    const holder = this.holderOf(changes.username);
    if (holder && holder.id !== id) return errAsync(usernameTaken(changes.username));
    const changed = { ...user, username: changes.username, aboutMe: changes.aboutMe };
    this.users.set(id, changed);
    return okAsync(copy(changed));
  }

  async recordLastSeen(id: UserId, at: Date): Promise<void> {
    const user = this.users.get(id);
    if (user) this.users.set(id, { ...user, lastSeen: new Date(at) });
  }

  async updatePasswordHash(id: UserId, passwordHash: string): Promise<void> {
    const user = this.users.get(id);
    if (user) this.users.set(id, { ...user, passwordHash });
  }

  async updateLanguage(id: UserId, language: Language): Promise<void> {
    const user = this.users.get(id);
    if (user) this.users.set(id, { ...user, language });
  }

  snapshot(): () => void {
    const saved = [...this.users.values()].map(copy);
    return () => {
      this.users.clear();
      for (const user of saved) this.users.set(user.id, user);
    };
  }

  private holderOf(username: string): User | undefined {
    const key = usernameKey(username);
    return [...this.users.values()].find((user) => usernameKey(user.username) === key);
  }

  private withEmail(email: string): User | undefined {
    return [...this.users.values()].find((user) => user.email === email);
  }
}

function copy(user: User): User {
  const lastSeen = user.lastSeen ? new Date(user.lastSeen) : null;
  return { ...user, lastSeen };
}
