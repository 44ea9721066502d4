import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PASSWORDS_DIFFER, readForm, REQUIRED } from '../../../adapters/http/forms/fields.js';
import { REGISTRATION_FORM, readRegistrationForm } from '../../../adapters/http/forms/registration-form.js';

const susan = { username: 'susan', email: 'susan@example.com', password: 'cat-on-keyboard' };

test('when the API sends a registration, then the one definition needs no repeated password', () => {
  assert.equal(readForm(susan, REGISTRATION_FORM).value._unsafeUnwrap(), susan);
});

test('when the website sends it, then the same definition asks for the password twice', () => {
  assert.equal(readRegistrationForm({ ...susan, password2: susan.password }).value._unsafeUnwrap(), susan);
  assert.equal(readRegistrationForm({ ...susan, password2: 'cat-on-keybaord' }).value._unsafeUnwrapErr(), { password2: PASSWORDS_DIFFER });
  assert.equal(readRegistrationForm(susan).value._unsafeUnwrapErr(), { password2: REQUIRED });
});

test.run();
