// What text from outside may hold. A NUL cuts SQLite's statement short and PostgreSQL refuses it in
// text outright; the other C0 and C1 controls and lone surrogates (which no UTF-8 encoder can
// write) are nothing a person types into a form. Tabs and line breaks are what a textarea sends.
const UNSAFE_IN_TEXTAREA = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSAFE_ON_ONE_LINE = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a form field may hold `text`: anything but control characters and lone surrogates. */
export function isSafeFieldText(text: string): boolean {
  return !UNSAFE_IN_TEXTAREA.test(text);
}

/** Whether an address part (a path segment, a query name or value) may hold `text`: no line breaks either. */
export function isSafeAddressText(text: string): boolean {
  return !UNSAFE_ON_ONE_LINE.test(text);
}

/**
 * What a body value becomes when its text is unsafe. It is not a string, so nothing that reads
 * strings can pass it on, and a form can still tell it apart from a missing or mistyped field.
 */
export const REFUSED_TEXT: unique symbol = Symbol('refused text');
