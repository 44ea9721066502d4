import { EntitySchema } from '@mikro-orm/core';
import { POST_MAX_LENGTH } from '../../../domain/posts/post-rules.js';

export type PostRow = { id: number; authorId: number; body: string; createdAt: Date };

export const PostSchema = new EntitySchema<PostRow>({
  name: 'PostRow',
  tableName: 'posts',
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    authorId: { type: 'number', fieldName: 'author_id' },
    body: { type: 'string', length: POST_MAX_LENGTH },
    createdAt: { type: 'Date', fieldName: 'created_at' },
  },
});
