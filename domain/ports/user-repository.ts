import type { ResultAsync } from 'neverthrow';
import type { EmailTaken, UsernameTaken, UserNotFound } from '../errors.js';
import type { Language } from './translator.js';
import type { NewUser, ProfileChanges, User, UserId } from '../user.js';

/**
 * Where users live. Uniqueness of usernames (ignoring case) and emails is the store's job, so that
 * two requests racing for one name still yield exactly one winner and a `UsernameTaken` for the rest.
 */
export interface UserRepository {
  add(user: NewUser): ResultAsync<User, UsernameTaken | EmailTaken>;
  findById(id: UserId): Promise<User | null>;
  /** Looks a username up without regard to case. */
  findByUsername(username: string): Promise<User | null>;
  findByEmail(email: string): Promise<User | null>;
  /** Users by id, oldest account first. */
  list(offset: number, limit: number): Promise<User[]>;
  count(): Promise<number>;
  updateProfile(id: UserId, changes: ProfileChanges): ResultAsync<User, UsernameTaken | UserNotFound>;
  recordLastSeen(id: UserId, at: Date): Promise<void>;
  updatePasswordHash(id: UserId, passwordHash: string): Promise<void>;
  updateLanguage(id: UserId, language: Language): Promise<void>;
}
