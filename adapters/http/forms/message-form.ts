import { readForm } from './fields.js';
import { postFields, postForm } from './post-form.js';

export type MessageField = 'message';

/** A private message follows a post's rules, in the field the tutorial calls `message` (the API's `body`). */
export const MESSAGE_FIELDS = postFields<MessageField>('message');

export const readMessageForm = (body: unknown) => readForm(body, postForm<MessageField>('message'));
