import { EntitySchema } from '@mikro-orm/core';

export type SessionRow = {
  tokenHash: string;
  userId: number;
  createdAt: Date;
  lastActiveAt: Date;
  rememberMe: boolean;
};

export const SessionSchema = new EntitySchema<SessionRow>({
  name: 'SessionRow',
  tableName: 'sessions',
  properties: {
    tokenHash: { type: 'string', primary: true, fieldName: 'token_hash' },
    userId: { type: 'number', fieldName: 'user_id' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    lastActiveAt: { type: 'Date', fieldName: 'last_active_at' },
    rememberMe: { type: 'boolean', fieldName: 'remember_me' },
  },
});
