import { hasErrors, readTextFields, requireFilled, type FieldErrors } from './fields.js';
import { PASSWORDS_DIFFER } from './messages.js';

const FIELDS = ['password', 'password2'] as const;
export type ResetPasswordField = (typeof FIELDS)[number];

/** Passwords are never sent back to the browser, so there are no values to show again. */
export type ResetPasswordFormResult = Readonly<{ errors: FieldErrors<ResetPasswordField>; password: string | null }>;

export function readResetPasswordForm(body: unknown): ResetPasswordFormResult {
  const { values, errors } = readTextFields(body, FIELDS);
  requireFilled(values, errors, FIELDS);
  if (!errors.password && !errors.password2 && values.password !== values.password2) errors.password2 = PASSWORDS_DIFFER;
  return { errors, password: hasErrors(errors) ? null : values.password };
}
