import { err, ok, type Result } from 'neverthrow';
import { invalidCredentials, type InvalidCredentials } from '../errors.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { User } from '../user.js';

export type LogInError = InvalidCredentials;

export class LogIn {
  /** Hashed once, lazily: verifying against it makes an unknown username cost as much as a known one. */
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(input: Readonly<{ username: string; password: string }>): Promise<Result<User, LogInError>> {
    const user = await this.users.findByUsername(input.username.trim());
    if (!user) {
      this.decoyHash ??= this.hasher.hash('decoy password that matches nothing');
      await this.hasher.verify(await this.decoyHash, input.password);
      return err(invalidCredentials());
    }
    const matches = await this.hasher.verify(user.passwordHash, input.password);
    return matches ? ok(user) : err(invalidCredentials());
  }
}
