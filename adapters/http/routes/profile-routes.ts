import { assertNever } from '../../../domain/assert-never.js';
import type { EditProfileError } from '../../../domain/use-cases/edit-profile.js';
import type { AppKoaContext, AppRouter } from '../context.js';
import { flash } from '../flash.js';
import { readEditProfileForm, type EditProfileField } from '../forms/edit-profile-form.js';
import type { FieldErrors } from '../forms/fields.js';
import { USERNAME_TAKEN, aboutMeTooLongMessage, usernameInvalidMessage } from '../forms/messages.js';
import { presentProfile } from '../presenters/user-presenter.js';
import { renderPage } from '../render.js';
import type { UseCases } from '../use-cases.js';
import { currentUser, loginRequired } from './login-required.js';
import { ABOUT_ME_MAX_LENGTH } from '../../../domain/user-rules.js';

export const PROFILE_SAVED_MESSAGE = 'Your changes have been saved.';

export function profileRoutes(router: AppRouter, { getProfile, editProfile }: UseCases): void {
  router.get('/user/:username', loginRequired, async (ctx) => {
    const result = await getProfile.execute(ctx.params.username ?? '');
    if (result.isErr()) {
      switch (result.error.type) {
        case 'UserNotFound': return ctx.throw(404, 'No user has that name.');
        default: return assertNever(result.error.type);
      }
    }
    const profile = presentProfile(result.value, ctx.state.user);
    await renderPage(ctx, 'user', { title: profile.username, profile });
  });

  router.get('/edit_profile', loginRequired, async (ctx) => {
    const user = currentUser(ctx);
    await renderEditProfile(ctx, { username: user.username, aboutMe: user.aboutMe }, {}, 200);
  });

  router.post('/edit_profile', loginRequired, async (ctx) => {
    const form = readEditProfileForm(ctx.request.body);
    if (!form.edit) return renderEditProfile(ctx, form.values, form.errors, 422);

    const result = await editProfile.execute({ userId: currentUser(ctx).id, session: ctx.session?.token ?? '', ...form.edit });
    if (result.isErr()) {
      const errors = editProfileErrors(result.error);
      if (!errors) return ctx.throw(404, 'Your account no longer exists.');
      return renderEditProfile(ctx, form.values, errors, 422);
    }
    flash(ctx, PROFILE_SAVED_MESSAGE, 'success');
    ctx.redirect('/edit_profile');
  });
}

/** The field messages for an edit that was refused; null when there is no profile left to edit. */
function editProfileErrors(error: EditProfileError): FieldErrors<EditProfileField> | null {
  switch (error.type) {
    case 'UsernameInvalid': return { username: usernameInvalidMessage(error) };
    case 'UsernameTaken': return { username: USERNAME_TAKEN };
    case 'AboutMeTooLong': return { about_me: aboutMeTooLongMessage(error) };
    case 'UserNotFound': return null;
    default: return assertNever(error);
  }
}

function renderEditProfile(ctx: AppKoaContext, values: { username: string; aboutMe: string }, errors: object, status: number) {
  return renderPage(ctx, 'edit_profile', { title: 'Edit Profile', values, errors, aboutMeMaxLength: ABOUT_ME_MAX_LENGTH }, status);
}
