import type { SqlEntityManager } from '@mikro-orm/knex';
import type { AccessTokenRepository, BearerToken } from '../../../domain/ports/access-token-repository.js';
import type { AccessToken, NewAccessToken } from '../../../domain/tokens/access-token.js';
import type { UserId } from '../../../domain/user.js';
import { newRandomToken, tokenHash } from '../random-token.js';
import { AccessTokenSchema } from './access-token-schema.js';
import { toDate, toNullableDate } from './sql-values.js';

type TokenRow = { user_id: number; created_at: Date | number | string; expires_at: Date | number | string; revoked_at: Date | number | string | null };

const FIND_BY_TOKEN_HASH = 'select user_id, created_at, expires_at, revoked_at from access_tokens where token_hash = ?';

/** API tokens in the database, shared by every process; the table holds token hashes only. */
export class MikroOrmAccessTokenRepository implements AccessTokenRepository {
  constructor(private readonly em: SqlEntityManager) {}

  async create(token: NewAccessToken): Promise<BearerToken> {
    const bearer = newRandomToken();
    await this.em.insert(AccessTokenSchema, { tokenHash: tokenHash(bearer), ...token, revokedAt: null });
    return bearer;
  }

  // On every API request's path: one plain query, like the sessions' lookup.
  async find(bearer: BearerToken): Promise<AccessToken | null> {
    const [row] = await this.em.execute<TokenRow[]>(FIND_BY_TOKEN_HASH, [tokenHash(bearer)]);
    return row ? {
      userId: Number(row.user_id),
      createdAt: toDate(row.created_at),
      expiresAt: toDate(row.expires_at),
      revokedAt: toNullableDate(row.revoked_at),
    } : null;
  }

  async revoke(bearer: BearerToken, at: Date): Promise<void> {
    await this.em.nativeUpdate(AccessTokenSchema, { tokenHash: tokenHash(bearer), revokedAt: null }, { revokedAt: at });
  }

  async revokeAllOf(userId: UserId, at: Date, keep?: BearerToken): Promise<void> {
    const others = keep === undefined ? {} : { tokenHash: { $ne: tokenHash(keep) } };
    await this.em.nativeUpdate(AccessTokenSchema, { userId, revokedAt: null, ...others }, { revokedAt: at });
  }

  async deleteSpentBefore(before: Date): Promise<void> {
    await this.em.nativeDelete(AccessTokenSchema, { $or: [{ expiresAt: { $lt: before } }, { revokedAt: { $lt: before } }] });
  }
}
