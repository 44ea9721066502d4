import type { Registration, RegistrationProblem } from '../../../domain/use-cases/register-user.js';
import { readForm, withRepeatedPassword, type FieldText, type FormDefinition } from './fields.js';
import type { FieldsOf } from './messages.js';

const FIELDS = ['username', 'email', 'password'] as const;
type RegistrationInput = (typeof FIELDS)[number];
export type RegistrationField = RegistrationInput | 'password2';

export const REGISTRATION_FIELDS: FieldsOf<RegistrationProblem['field'], RegistrationInput> = { username: 'username', email: 'email', password: 'password' };

/** What registering takes, from the API's JSON as from the website's form. */
export const REGISTRATION_FORM: FormDefinition<RegistrationInput, Registration> = { fields: FIELDS, required: FIELDS, value: registrationOf };

export const readRegistrationForm = (body: unknown) => readForm(body, withRepeatedPassword(REGISTRATION_FORM));

export function registrationOf(text: FieldText<RegistrationInput>): Registration {
  return { username: text.username, email: text.email, password: text.password };
}
