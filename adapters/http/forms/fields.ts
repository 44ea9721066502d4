import { err, ok, type Result } from 'neverthrow';
import { REFUSED_TEXT } from '../unsafe-text.js';

/** Field name → the message shown next to it. */
export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/** Field name → its text as submitted (absent or non-text fields read as ''). */
export type FieldText<Field extends string> = Readonly<Record<Field, string>>;

/**
 * A submitted form, read: the text of every field (to fill the form again, and for the domain to
 * check), and either the value the form stands for or the message for each field that is wrong.
 */
export type SubmittedForm<Field extends string, Value> = Readonly<{
  text: FieldText<Field>;
  value: Result<Value, FieldErrors<Field>>;
}>;

/** What a form holds, and the checks only a form knows about; real rules live in the domain. */
export type FormDefinition<Field extends string, Value> = Readonly<{
  fields: readonly Field[];
  required: readonly Field[];
  /** Textareas: browsers send their line breaks as CRLF, read here as one character, as the user sees them. */
  multiline?: readonly Field[];
  /** How fields must agree (a repeated password); a field's own message comes before these. */
  agreement?: (text: FieldText<Field>) => FieldErrors<Field>;
  value: (text: FieldText<Field>) => Value;
}>;

export const REQUIRED = 'This field is required.';
// koa-body turns `a=1&a=2` into an array and `a[b]=1` into an object; neither is a text field.
export const NOT_TEXT = 'Invalid value.';
export const UNSAFE_TEXT = 'This field holds characters that are not allowed.';
export const PASSWORDS_DIFFER = 'Field must be equal to password.';

/** Reads any parsed body as `form`, checking every field, so all of the form's messages come at once. */
export function readForm<Field extends string, Value>(body: unknown, form: FormDefinition<Field, Value>): SubmittedForm<Field, Value> {
  const { text, errors } = readTextFields(body, form.fields);
  for (const name of form.multiline ?? []) text[name] = text[name].replace(/\r\n?/g, '\n');
  for (const name of form.required) {
    if (!errors[name] && text[name].trim() === '') errors[name] = REQUIRED;
  }
  const allErrors: FieldErrors<Field> = { ...form.agreement?.(text), ...errors };
  return { text, value: hasErrors(allErrors) ? err(allErrors) : ok(form.value(text)) };
}

/**
 * A form's password asked for twice, as the website asks for it: a person typing into a masked
 * field can mistype it, while a client sending JSON has nothing to repeat.
 */
export function withRepeatedPassword<Field extends string, Value>(
  form: FormDefinition<Field | 'password', Value>,
): FormDefinition<Field | 'password' | 'password2', Value> {
  return {
    ...form,
    fields: [...form.fields, 'password2'],
    required: [...form.required, 'password2'],
    agreement: (text) => {
      const errors: FieldErrors<Field | 'password' | 'password2'> = {};
      Object.assign(errors, form.agreement?.(text));
      if (text.password !== text.password2) errors.password2 = PASSWORDS_DIFFER;
      return errors;
    },
  };
}

export function hasErrors(errors: FieldErrors<string>): boolean {
  return Object.keys(errors).length > 0;
}

/** An HTML checkbox sends its value when ticked and nothing at all when not. */
export function isTicked(value: string): boolean {
  return value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * Absent fields read as '', and a field that is not text (JSON's null included: it is no value, not
 * an empty one), or whose text was refused at the edge, as '' with an error: no route ever sees an
 * array, an object or a control character.
 */
function readTextFields<Field extends string>(body: unknown, names: readonly Field[]): { text: Record<Field, string>; errors: FieldErrors<Field> } {
  const source: Record<string, unknown> = isRecord(body) ? body : {};
  const text = {} as Record<Field, string>;
  const errors: FieldErrors<Field> = {};
  for (const name of names) {
    const raw = Object.hasOwn(source, name) ? source[name] : undefined;
    if (typeof raw === 'string') {
      text[name] = raw;
    } else {
      text[name] = '';
      if (raw === REFUSED_TEXT) errors[name] = UNSAFE_TEXT;
      else if (raw !== undefined) errors[name] = NOT_TEXT;
    }
  }
  return { text, errors };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
