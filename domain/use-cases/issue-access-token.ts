import type { AccessTokenRepository, BearerToken } from '../ports/access-token-repository.js';
import type { Clock } from '../ports/clock.js';
import { SPENT_TOKEN_RETENTION_MS } from '../tokens/access-token.js';
import type { UserId } from '../user.js';

export type IssuedAccessToken = Readonly<{ token: BearerToken; expiresAt: Date }>;

/** Hands a user who has just proven who they are a new API token, valid for `lifetimeMs`. */
export class IssueAccessToken {
  constructor(
    private readonly tokens: AccessTokenRepository,
    private readonly clock: Clock,
    private readonly lifetimeMs: number,
  ) {}

  async execute(userId: UserId): Promise<IssuedAccessToken> {
    const now = this.clock.now();
    // Issuing is rare next to using, so it is where long-spent tokens are cleared away.
    await this.tokens.deleteSpentBefore(new Date(now.getTime() - SPENT_TOKEN_RETENTION_MS));
    const expiresAt = new Date(now.getTime() + this.lifetimeMs);
    const token = await this.tokens.create({ userId, createdAt: now, expiresAt });
    return { token, expiresAt };
  }
}
