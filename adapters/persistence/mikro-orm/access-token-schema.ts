import { EntitySchema } from '@mikro-orm/core';

export type AccessTokenRow = {
  tokenHash: string;
  userId: number;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
};

export const AccessTokenSchema = new EntitySchema<AccessTokenRow>({
  name: 'AccessTokenRow',
  tableName: 'access_tokens',
  properties: {
    tokenHash: { type: 'string', primary: true, fieldName: 'token_hash' },
    userId: { type: 'number', fieldName: 'user_id' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    expiresAt: { type: 'Date', fieldName: 'expires_at' },
    revokedAt: { type: 'Date', fieldName: 'revoked_at', nullable: true },
  },
});
