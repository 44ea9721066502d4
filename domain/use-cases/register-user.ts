import { err, type Result } from 'neverthrow';
import type { EmailInvalid, EmailTaken, PasswordTooShort, UsernameInvalid, UsernameTaken } from '../errors.js';
import { emailTaken, usernameTaken } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { User } from '../user.js';
import { parseEmail, parsePassword, parseUsername } from '../user-rules.js';

export type RegisterUserError = UsernameInvalid | EmailInvalid | PasswordTooShort | UsernameTaken | EmailTaken;

export type Registration = Readonly<{ username: string; email: string; password: string }>;

export class RegisterUser {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async execute(input: Registration): Promise<Result<User, RegisterUserError>> {
    const username = parseUsername(input.username);
    if (username.isErr()) return err(username.error);
    const email = parseEmail(input.email);
    if (email.isErr()) return err(email.error);
    const password = parsePassword(input.password);
    if (password.isErr()) return err(password.error);

    // Checked first so the common case costs no password hash; the store still decides a race.
    if (await this.users.findByUsername(username.value)) return err(usernameTaken(username.value));
    if (await this.users.findByEmail(email.value)) return err(emailTaken(email.value));

    const passwordHash = await this.hasher.hash(password.value);
    return this.users.add({ username: username.value, email: email.value, passwordHash, lastSeen: this.clock.now() });
  }
}
