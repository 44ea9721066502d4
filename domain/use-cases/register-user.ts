import { err, ok, okAsync, ResultAsync, safeTry } from 'neverthrow';
import {
  emailTaken, fieldsRejected, usernameTaken,
  type EmailInvalid, type EmailTaken, type FieldsRejected, type PasswordTooShort, type ServiceBusy, type UsernameInvalid, type UsernameTaken,
} from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { User } from '../user.js';
import { parseEmail, parsePassword, parseUsername } from '../user-rules.js';

export type RegistrationProblem = UsernameInvalid | EmailInvalid | PasswordTooShort | UsernameTaken | EmailTaken;
export type RegisterUserError = FieldsRejected<RegistrationProblem> | ServiceBusy;

export type Registration = Readonly<{ username: string; email: string; password: string }>;

export class RegisterUser {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  /**
   * Every problem with `input` (each field's rules, a taken username, a taken email) without
   * registering anyone. A form whose own checks failed asks this, so it can still show them all.
   */
  check(input: Registration): ResultAsync<Registration, FieldsRejected<RegistrationProblem>> {
    // Looked up together, and only for values that could be stored at all.
    return ResultAsync.combineWithAllErrors([
      parseUsername(input.username).asyncAndThen((name) => this.unclaimed(name, this.users.findByUsername(name), usernameTaken)),
      parseEmail(input.email).asyncAndThen((address) => this.unclaimed(address, this.users.findByEmail(address), emailTaken)),
      parsePassword(input.password).asyncAndThen((password) => okAsync(password)),
    ])
      .map(([username, email, password]) => ({ username, email, password }))
      .mapErr(fieldsRejected);
  }

  /** Checked before hashing so the common mistakes cost no password hash; the store still decides a race. */
  execute(input: Registration): ResultAsync<User, RegisterUserError> {
    return safeTry(() => this.register(input));
  }

  private async *register(input: Registration) {
    const { username, email, password } = yield* this.check(input);
    const passwordHash = yield* this.hasher.hash(password);
    return this.users.add({ username, email, passwordHash, lastSeen: this.clock.now() }).mapErr((taken) => fieldsRejected([taken]));
  }

  private unclaimed<Taken>(value: string, holder: Promise<User | null>, taken: (value: string) => Taken): ResultAsync<string, Taken> {
    return ResultAsync.fromSafePromise(holder).andThen((user) => (user ? err(taken(value)) : ok(value)));
  }
}
