import { err, ok, ResultAsync, type Result } from 'neverthrow';
import { tokenExpired, tokenInvalid, tokenRevoked, type TokenExpired, type TokenInvalid, type TokenRevoked } from '../errors.js';
import type { AccessTokenRepository, BearerToken } from '../ports/access-token-repository.js';
import type { Clock } from '../ports/clock.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { AccessToken } from '../tokens/access-token.js';
import type { User } from '../user.js';

export type AuthenticateAccessTokenError = TokenInvalid | TokenExpired | TokenRevoked;

/** Finds whose API token this is, telling a token that ended (and how) from one never issued. */
export class AuthenticateAccessToken {
  constructor(
    private readonly tokens: AccessTokenRepository,
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  execute(bearer: BearerToken): ResultAsync<User, AuthenticateAccessTokenError> {
    return ResultAsync.fromSafePromise(this.tokens.find(bearer))
      .andThen((token) => this.usable(token))
      .andThen((token) => ResultAsync.fromSafePromise(this.users.findById(token.userId)))
      .andThen((user) => (user ? ok(user) : err(tokenInvalid())));
  }

  private usable(token: AccessToken | null): Result<AccessToken, AuthenticateAccessTokenError> {
    if (!token) return err(tokenInvalid());
    if (token.revokedAt) return err(tokenRevoked());
    if (token.expiresAt.getTime() <= this.clock.now().getTime()) return err(tokenExpired());
    return ok(token);
  }
}
