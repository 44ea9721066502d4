import { err, ok, type Result } from 'neverthrow';
import { userNotFound, type UserNotFound } from '../errors.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { User } from '../user.js';

export type GetProfileError = UserNotFound;

export class GetProfile {
  constructor(private readonly users: UserRepository) {}

  async execute(username: string): Promise<Result<User, GetProfileError>> {
    const user = await this.users.findByUsername(username);
    return user ? ok(user) : err(userNotFound());
  }
}
