import { EntitySchema } from '@mikro-orm/core';

export type LoginFailureRow = { id: number; key: string; at: Date };

export const LoginFailureSchema = new EntitySchema<LoginFailureRow>({
  name: 'LoginFailureRow',
  tableName: 'login_failures',
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    key: { type: 'string' },
    at: { type: 'Date' },
  },
});
