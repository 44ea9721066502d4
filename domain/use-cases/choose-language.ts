import { ResultAsync } from 'neverthrow';
import type { Language } from '../ports/translator.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { User } from '../user.js';

/**
 * Keeps the language a logged-in user chose with their profile, so it follows them to every browser
 * and to the emails written for them. Which languages there are is the adapters' knowledge: they
 * hand over only one the site speaks.
 */
export class ChooseLanguage {
  constructor(private readonly users: UserRepository) {}

  /** The user as now stored, so the request that chose goes on in the new language. */
  execute(user: User, language: Language): ResultAsync<User, never> {
    if (user.language === language) return ResultAsync.fromSafePromise(Promise.resolve(user));
    return ResultAsync.fromSafePromise(this.users.updateLanguage(user.id, language)).map(() => ({ ...user, language }));
  }
}
