import type { PasswordTooShort } from '../../../domain/errors.js';
import { readForm, withRepeatedPassword, type FormDefinition } from './fields.js';
import type { FieldsOf } from './messages.js';

export type ResetPasswordField = 'password' | 'password2';

export const RESET_PASSWORD_FIELDS: FieldsOf<PasswordTooShort['field'], 'password'> = { password: 'password' };

/** The new password, from the API's JSON as from the website's form; passwords are never sent back to the browser. */
export const NEW_PASSWORD_FORM: FormDefinition<'password', string> = { fields: ['password'], required: ['password'], value: (text) => text.password };

export const readResetPasswordForm = (body: unknown) => readForm(body, withRepeatedPassword(NEW_PASSWORD_FORM));
