import type { Registration } from '../../../domain/use-cases/register-user.js';
import { hasErrors, readTextFields, requireFilled, type FieldErrors } from './fields.js';
import { PASSWORDS_DIFFER } from './messages.js';

const FIELDS = ['username', 'email', 'password', 'password2'] as const;
export type RegistrationField = (typeof FIELDS)[number];

export type RegistrationFormResult = Readonly<{
  /** What to put back in the form; passwords are never sent back. */
  values: Readonly<{ username: string; email: string }>;
  errors: FieldErrors<RegistrationField>;
  registration: Registration | null;
}>;

export function readRegistrationForm(body: unknown): RegistrationFormResult {
  const { values, errors } = readTextFields(body, FIELDS);
  requireFilled(values, errors, FIELDS);
  if (!errors.password && !errors.password2 && values.password !== values.password2) errors.password2 = PASSWORDS_DIFFER;
  const shown = { username: values.username, email: values.email };
  if (hasErrors(errors)) return { values: shown, errors, registration: null };
  return { values: shown, errors, registration: { username: values.username, email: values.email, password: values.password } };
}
