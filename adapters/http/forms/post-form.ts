import type { PublishPostError } from '../../../domain/use-cases/publish-post.js';
import { readForm, type FormDefinition } from './fields.js';
import type { FieldsOf } from './messages.js';

export type PostField = 'post';

/** A new post's text, in the field the website calls `post` and the API `body`. */
export function postForm<Field extends string>(field: Field): FormDefinition<Field, string> {
  return { fields: [field], required: [field], multiline: [field], value: (text) => text[field] };
}

/** Which field shows the domain's problems with a post's body. */
export function postFields<Field extends string>(field: Field): FieldsOf<PublishPostError['problems'][number]['field'], Field> {
  return { body: field };
}

export const POST_FIELDS = postFields<PostField>('post');

export const readPostForm = (body: unknown) => readForm(body, postForm('post'));
