import type { NewUser } from '../../domain/user.js';

let sequence = 0;

/** A new user nobody else in the test has, with any field overridden. */
export function aNewUser(overrides: Partial<NewUser> = {}): NewUser {
  sequence += 1;
  return {
    username: `user${sequence}`,
    email: `user${sequence}@example.com`,
    passwordHash: `hash-${sequence}`,
    lastSeen: null,
    ...overrides,
  };
}
