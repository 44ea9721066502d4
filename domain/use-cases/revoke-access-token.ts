import type { AccessTokenRepository, BearerToken } from '../ports/access-token-repository.js';
import type { Clock } from '../ports/clock.js';

/** Ends an API token before its time, the API's logout; it is then refused as revoked. */
export class RevokeAccessToken {
  constructor(
    private readonly tokens: AccessTokenRepository,
    private readonly clock: Clock,
  ) {}

  execute(token: BearerToken): Promise<void> {
    return this.tokens.revoke(token, this.clock.now());
  }
}
