import type { PasswordTooShort } from '../../../domain/errors.js';
import { readForm } from './fields.js';
import { PASSWORDS_DIFFER, type FieldsOf } from './messages.js';

const FIELDS = ['password', 'password2'] as const;
export type ResetPasswordField = (typeof FIELDS)[number];

export const RESET_PASSWORD_FIELDS: FieldsOf<PasswordTooShort['field'], ResetPasswordField> = { password: 'password' };

/** The new password, twice; passwords are never sent back to the browser. */
export const readResetPasswordForm = (body: unknown) => readForm(body, {
  fields: FIELDS,
  required: FIELDS,
  agreement: (text) => (text.password === text.password2 ? {} : { password2: PASSWORDS_DIFFER }),
  value: (text) => text.password,
});
