import { REFUSED_TEXT } from '../unsafe-text.js';

/** Field name → the message shown next to it. */
export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

export const REQUIRED = 'This field is required.';
// koa-body turns `a=1&a=2` into an array and `a[b]=1` into an object; neither is a text field.
export const NOT_TEXT = 'Invalid value.';
export const UNSAFE_TEXT = 'This field holds characters that are not allowed.';

/**
 * Reads text fields from a parsed body, whatever the client sent: absent fields read as '', and a
 * field that is not text, or whose text was refused at the edge, reads as '' with an error, so no
 * route ever sees an array, an object or a control character.
 */
export function readTextFields<Field extends string>(body: unknown, names: readonly Field[]):
    { values: Record<Field, string>; errors: FieldErrors<Field> } {
  const source: Record<string, unknown> = isRecord(body) ? body : {};
  const values = {} as Record<Field, string>;
  const errors: FieldErrors<Field> = {};
  for (const name of names) {
    const raw = Object.hasOwn(source, name) ? source[name] : undefined;
    if (raw === undefined || raw === null) {
      values[name] = '';
    } else if (typeof raw === 'string') {
      values[name] = raw;
    } else if (raw === REFUSED_TEXT) {
      values[name] = '';
      errors[name] = UNSAFE_TEXT;
    } else {
      values[name] = '';
      errors[name] = NOT_TEXT;
    }
  }
  return { values, errors };
}

export function requireFilled<Field extends string>(values: Record<Field, string>, errors: FieldErrors<Field>, names: readonly Field[]): void {
  for (const name of names) {
    if (!errors[name] && values[name].trim() === '') errors[name] = REQUIRED;
  }
}

export function hasErrors(errors: FieldErrors<string>): boolean {
  return Object.keys(errors).length > 0;
}

/** An HTML checkbox sends its value when ticked and nothing at all when not. */
export function isTicked(value: string): boolean {
  return value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
