import type { AccessToken, NewAccessToken } from '../tokens/access-token.js';
import type { UserId } from '../user.js';

/** The token itself, as its bearer holds it. */
export type BearerToken = string;

export interface AccessTokenRepository {
  /** Stores a new token under a fresh random value, which is returned; only its hash is kept. */
  create(token: NewAccessToken): Promise<BearerToken>;
  find(token: BearerToken): Promise<AccessToken | null>;
  revoke(token: BearerToken, at: Date): Promise<void>;
  /** Revokes every live token of the user but `keep` (the one making the request, if it is a token). */
  revokeAllOf(userId: UserId, at: Date, keep?: BearerToken): Promise<void>;
  /** Forgets every token that expired or was revoked before `before`. */
  deleteSpentBefore(before: Date): Promise<void>;
}
