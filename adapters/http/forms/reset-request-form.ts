import type { EmailInvalid } from '../../../domain/errors.js';
import { readForm } from './fields.js';
import type { FieldsOf } from './messages.js';

const FIELDS = ['email'] as const;
export type ResetRequestField = (typeof FIELDS)[number];

export const RESET_REQUEST_FIELDS: FieldsOf<EmailInvalid['field'], ResetRequestField> = { email: 'email' };

export const readResetRequestForm = (body: unknown) => readForm(body, {
  fields: FIELDS,
  required: FIELDS,
  value: (text) => text.email,
});
