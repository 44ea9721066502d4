import type { AccessTokenRepository, BearerToken } from '../../../domain/ports/access-token-repository.js';
import type { AccessToken, NewAccessToken } from '../../../domain/tokens/access-token.js';
import type { UserId } from '../../../domain/user.js';
import { newRandomToken, tokenHash } from '../random-token.js';
import { snapshotOf, type Restorable } from './in-memory-transactions.js';

/** API tokens of one process, for domain tests. */
export class InMemoryAccessTokenRepository implements AccessTokenRepository, Restorable {
  private readonly tokens = new Map<string, AccessToken>();

  async create(token: NewAccessToken): Promise<BearerToken> {
    const bearer = newRandomToken();
    this.tokens.set(tokenHash(bearer), { ...token, revokedAt: null });
    return bearer;
  }

  async find(bearer: BearerToken): Promise<AccessToken | null> {
    return this.tokens.get(tokenHash(bearer)) ?? null;
  }

  async revoke(bearer: BearerToken, at: Date): Promise<void> {
    const hash = tokenHash(bearer);
    const token = this.tokens.get(hash);
    if (token && !token.revokedAt) this.tokens.set(hash, { ...token, revokedAt: at });
  }

  async revokeAllOf(userId: UserId, at: Date, keep?: BearerToken): Promise<void> {
    const kept = keep === undefined ? null : tokenHash(keep);
    for (const [hash, token] of this.tokens) {
      if (token.userId === userId && !token.revokedAt && hash !== kept) this.tokens.set(hash, { ...token, revokedAt: at });
    }
  }

  snapshot(): () => void {
    return snapshotOf(this.tokens);
  }

  async deleteSpentBefore(before: Date): Promise<void> {
    for (const [hash, token] of this.tokens) {
      if (token.expiresAt < before || (token.revokedAt && token.revokedAt < before)) this.tokens.delete(hash);
    }
  }
}
