import { err, ok, type Result } from 'neverthrow';
import { postEmpty, postTooLong, type PostEmpty, type PostTooLong } from '../errors.js';

export const POST_MAX_LENGTH = 140;

/** A post is 1 to 140 characters (as people count them) once the surrounding space is trimmed. */
export function parsePostBody(raw: string): Result<string, PostEmpty | PostTooLong> {
  const body = raw.trim();
  if (body === '') return err(postEmpty());
  if ([...body].length > POST_MAX_LENGTH) return err(postTooLong(POST_MAX_LENGTH));
  return ok(body);
}
