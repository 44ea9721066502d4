import type { UserRepository } from '../ports/user-repository.js';
import type { User, UserId } from '../user.js';

/** Resolves the user a session names; a session may outlive its user, hence `null`. */
export class IdentifyUser {
  constructor(private readonly users: UserRepository) {}

  execute(id: UserId): Promise<User | null> {
    return this.users.findById(id);
  }
}
