import { err, ok } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fieldsRejected, postTooLong, usernameTaken } from '../../../domain/errors.js';
import { PASSWORDS_DIFFER, REQUIRED, readForm } from '../../../adapters/http/forms/fields.js';
import { USERNAME_TAKEN } from '../../../adapters/http/forms/messages.js';
import { REGISTRATION_FIELDS, readRegistrationForm } from '../../../adapters/http/forms/registration-form.js';
import { fieldMessages, submitForm } from '../../../adapters/http/forms/submit-form.js';
import { postFields, postForm } from '../../../adapters/http/forms/post-form.js';

const taken = async () => err(fieldsRejected([usernameTaken('susan')]));

test('when the form and the domain both refuse, then every field comes back once, in the form\'s order, with a code and its words', async () => {
  const form = readRegistrationForm({ username: 'susan', email: '', password: 'cat-on-keyboard', password2: 'dog' });
  const submitted = await submitForm(form, REGISTRATION_FIELDS, { act: taken, check: taken });
  assert.equal(submitted._unsafeUnwrapErr(), {
    type: 'FormRejected',
    problems: [
      { field: 'username', code: 'taken', messageKey: USERNAME_TAKEN },
      { field: 'email', code: 'required', messageKey: REQUIRED },
      { field: 'password2', code: 'invalid', messageKey: PASSWORDS_DIFFER },
    ],
  });
});

test('when the domain refuses what the form let through, then its problems name the form\'s own fields', async () => {
  const refused = async () => err(fieldsRejected([postTooLong(140)]));
  const page = await submitForm(readForm({ post: 'x' }, postForm('post')), postFields('post'), { act: refused });
  const api = await submitForm(readForm({ body: 'x' }, postForm('body')), postFields('body'), { act: refused });
  assert.is(page._unsafeUnwrapErr().problems[0]?.field, 'post');
  assert.is(api._unsafeUnwrapErr().problems[0]?.field, 'body');
});

test('when a page shows the problems, then each field gets its first one', () => {
  assert.equal(fieldMessages([
    { field: 'username', code: 'too-long', messageKey: 'first' },
    { field: 'username', code: 'bad-characters', messageKey: 'second' },
  ], (key) => key.toUpperCase()), { username: 'FIRST' });
});

test('when everything passes, then the use case\'s value comes back', async () => {
  const done = await submitForm(readForm({ body: 'hello' }, postForm('body')), postFields('body'), { act: async (body) => ok(body.length) });
  assert.is(done._unsafeUnwrap(), 5);
});

test.run();
