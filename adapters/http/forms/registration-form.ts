import type { Registration, RegistrationProblem } from '../../../domain/use-cases/register-user.js';
import { readForm, type FieldText } from './fields.js';
import { PASSWORDS_DIFFER, type FieldsOf } from './messages.js';

const FIELDS = ['username', 'email', 'password', 'password2'] as const;
export type RegistrationField = (typeof FIELDS)[number];

export const REGISTRATION_FIELDS: FieldsOf<RegistrationProblem['field'], RegistrationField> = { username: 'username', email: 'email', password: 'password' };

export const readRegistrationForm = (body: unknown) => readForm(body, {
  fields: FIELDS,
  required: FIELDS,
  agreement: (text) => (text.password === text.password2 ? {} : { password2: PASSWORDS_DIFFER }),
  value: registrationOf,
});

export function registrationOf(text: FieldText<RegistrationField>): Registration {
  return { username: text.username, email: text.email, password: text.password };
}
