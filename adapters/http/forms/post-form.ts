import type { PublishPostError } from '../../../domain/use-cases/publish-post.js';
import { readForm } from './fields.js';
import type { FieldsOf } from './messages.js';

const FIELDS = ['post'] as const;
export type PostField = (typeof FIELDS)[number];

export const POST_FIELDS: FieldsOf<PublishPostError['problems'][number]['field'], PostField> = { body: 'post' };

export const readPostForm = (body: unknown) => readForm(body, { fields: FIELDS, required: FIELDS, multiline: FIELDS, value: (text) => text.post });
