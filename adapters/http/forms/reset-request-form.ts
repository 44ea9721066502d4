import { hasErrors, readTextFields, requireFilled, type FieldErrors } from './fields.js';

const FIELDS = ['email'] as const;
export type ResetRequestField = (typeof FIELDS)[number];

export type ResetRequestFormResult = Readonly<{
  values: Readonly<{ email: string }>;
  errors: FieldErrors<ResetRequestField>;
  email: string | null;
}>;

export function readResetRequestForm(body: unknown): ResetRequestFormResult {
  const { values, errors } = readTextFields(body, FIELDS);
  requireFilled(values, errors, FIELDS);
  return { values, errors, email: hasErrors(errors) ? null : values.email };
}
