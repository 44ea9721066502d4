import type { FieldErrors, FormDefinition } from './fields.js';
import { PASSWORDS_DIFFER } from './messages.js';

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
