import { EntitySchema } from '@mikro-orm/core';

export type PasswordResetRow = { tokenHash: string; userId: number; expiresAt: Date };

export const PasswordResetSchema = new EntitySchema<PasswordResetRow>({
  name: 'PasswordResetRow',
  tableName: 'password_resets',
  properties: {
    tokenHash: { type: 'string', primary: true, fieldName: 'token_hash' },
    userId: { type: 'number', fieldName: 'user_id' },
    expiresAt: { type: 'Date', fieldName: 'expires_at' },
  },
});
