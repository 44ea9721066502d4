import { EntitySchema } from '@mikro-orm/core';
import { User } from '../../../domain/user.js';

// Maps the domain's User without decorators. Uniqueness lives in the migrations: usernames are
// unique on lower(username), which no property option can express.
export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'users',
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    username: { type: 'string', length: 64 },
    email: { type: 'string', length: 120 },
    passwordHash: { type: 'string', fieldName: 'password_hash' },
    aboutMe: { type: 'string', length: 140, fieldName: 'about_me', default: '' },
    lastSeen: { type: 'Date', fieldName: 'last_seen', nullable: true },
  },
});
