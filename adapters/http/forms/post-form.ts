import { readTextFields, requireFilled, type FieldErrors } from './fields.js';

const FIELDS = ['post'] as const;
export type PostField = (typeof FIELDS)[number];

export type PostFormResult = Readonly<{ values: Readonly<{ post: string }>; errors: FieldErrors<PostField>; body: string | null }>;

export function readPostForm(body: unknown): PostFormResult {
  const { values, errors } = readTextFields(body, FIELDS);
  requireFilled(values, errors, FIELDS);
  return { values, errors, body: errors.post ? null : values.post };
}
