import { EntitySchema } from '@mikro-orm/core';
import { ABOUT_ME_MAX_LENGTH, EMAIL_MAX_LENGTH, USERNAME_MAX_LENGTH } from '../../../domain/user-rules.js';

/** A users row as the ORM writes it; reads go through plain queries and come back as the domain's readonly User. */
export type UserRecord = { id: number; username: string; email: string; passwordHash: string; aboutMe: string; lastSeen: Date | null; language: string | null };

// Uniqueness lives in the migrations: usernames are unique on lower(username), which no property
// option can express.
export const UserSchema = new EntitySchema<UserRecord>({
  name: 'UserRecord',
  tableName: 'users',
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    username: { type: 'string', length: USERNAME_MAX_LENGTH },
    email: { type: 'string', length: EMAIL_MAX_LENGTH },
    passwordHash: { type: 'string', fieldName: 'password_hash' },
    aboutMe: { type: 'string', length: ABOUT_ME_MAX_LENGTH, fieldName: 'about_me', default: '' },
    lastSeen: { type: 'Date', fieldName: 'last_seen', nullable: true },
    language: { type: 'string', length: 35, nullable: true },
  },
});
