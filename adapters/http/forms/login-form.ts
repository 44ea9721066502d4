import { isTicked, readForm } from './fields.js';
import type { FieldsOf } from './messages.js';

const FIELDS = ['username', 'password', 'remember_me'] as const;
export type LoginField = (typeof FIELDS)[number];

// Credentials are only right or wrong as a pair: the domain checks no field of them on its own.
export const LOGIN_FIELDS: FieldsOf<never, LoginField> = {};

export type Credentials = Readonly<{ username: string; password: string; rememberMe: boolean }>;

export const readLoginForm = (body: unknown) => readForm(body, {
  fields: FIELDS,
  required: ['username', 'password'],
  value: (text): Credentials => ({ username: text.username, password: text.password, rememberMe: isTicked(text.remember_me) }),
});
