import { isTicked, readForm } from './fields.js';

const FIELDS = ['username', 'password', 'remember_me'] as const;
export type LoginField = (typeof FIELDS)[number];

export type Credentials = Readonly<{ username: string; password: string; rememberMe: boolean }>;

export const readLoginForm = (body: unknown) => readForm(body, {
  fields: FIELDS,
  required: ['username', 'password'],
  value: (text): Credentials => ({ username: text.username, password: text.password, rememberMe: isTicked(text.remember_me) }),
});
