import type { ProfileProblem } from '../../../domain/use-cases/edit-profile.js';
import { readForm, type FieldText } from './fields.js';
import type { FieldsOf } from './messages.js';

const FIELDS = ['username', 'about_me'] as const;
export type EditProfileField = (typeof FIELDS)[number];

export type ProfileFormValue = Readonly<{ username: string; aboutMe: string }>;

export const PROFILE_FIELDS: FieldsOf<ProfileProblem['field'], EditProfileField> = { username: 'username', aboutMe: 'about_me' };

export const readEditProfileForm = (body: unknown) => readForm(body, {
  fields: FIELDS,
  required: ['username'],
  multiline: ['about_me'],
  value: profileOf,
});

export function profileOf(text: FieldText<EditProfileField>): ProfileFormValue {
  return { username: text.username, aboutMe: text.about_me };
}
