import { hasErrors, readTextFields, requireFilled, type FieldErrors } from './fields.js';

const FIELDS = ['username', 'about_me'] as const;
export type EditProfileField = (typeof FIELDS)[number];

export type ProfileEdit = Readonly<{ username: string; aboutMe: string }>;

export type EditProfileFormResult = Readonly<{
  values: Readonly<{ username: string; aboutMe: string }>;
  errors: FieldErrors<EditProfileField>;
  edit: ProfileEdit | null;
}>;

export function readEditProfileForm(body: unknown): EditProfileFormResult {
  const { values, errors } = readTextFields(body, FIELDS);
  requireFilled(values, errors, ['username']);
  // Browsers send textarea line breaks as CRLF; counted as one character each, as the user sees them.
  const shown = { username: values.username, aboutMe: values.about_me.replace(/\r\n?/g, '\n') };
  if (hasErrors(errors)) return { values: shown, errors, edit: null };
  return { values: shown, errors, edit: shown };
}
