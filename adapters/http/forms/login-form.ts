import { hasErrors, isTicked, readTextFields, requireFilled, type FieldErrors } from './fields.js';

const FIELDS = ['username', 'password', 'remember_me'] as const;
export type LoginField = (typeof FIELDS)[number];

export type Credentials = Readonly<{ username: string; password: string; rememberMe: boolean }>;

export type LoginFormResult = Readonly<{
  values: Readonly<{ username: string; rememberMe: boolean }>;
  errors: FieldErrors<LoginField>;
  credentials: Credentials | null;
}>;

export function readLoginForm(body: unknown): LoginFormResult {
  const { values, errors } = readTextFields(body, FIELDS);
  requireFilled(values, errors, ['username', 'password']);
  const rememberMe = isTicked(values.remember_me);
  const shown = { username: values.username, rememberMe };
  if (hasErrors(errors)) return { values: shown, errors, credentials: null };
  return { values: shown, errors, credentials: { username: values.username, password: values.password, rememberMe } };
}
