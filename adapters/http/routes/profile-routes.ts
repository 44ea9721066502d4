import { assertNever } from '../../../domain/assert-never.js';
import type { FollowChangeError } from '../../../domain/use-cases/follow-change.js';
import { ABOUT_ME_MAX_LENGTH } from '../../../domain/user-rules.js';
import type { AppKoaContext, AppRouter } from '../context.js';
import { flash } from '../flash.js';
import { PROFILE_FIELDS, profileOf, readEditProfileForm, type EditProfileField } from '../forms/edit-profile-form.js';
import type { FieldErrors } from '../forms/fields.js';
import { fieldMessages, submitForm } from '../forms/submit-form.js';
import { pageNumber } from '../page-number.js';
import { presentPosts, profileUrl, type PostListing } from '../presenters/post-presenter.js';
import { presentProfile } from '../presenters/user-presenter.js';
import { renderPage } from '../render.js';
import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';
import { currentUser, loginRequired } from './login-required.js';

const drives = routeNames(import.meta.url);

export const PROFILE_SAVED_MESSAGE = 'Your changes have been saved.';

export function profileRoutes(router: AppRouter, useCases: UseCases, { postsPerPage, clock }: PostListing): void {
  const { getProfile, editProfile, userPosts, followUser, unfollowUser, startExport } = useCases;

  router.get(drives('getProfile', 'userPosts'), '/user/:username', loginRequired, async (ctx) => {
    const viewer = currentUser(ctx);
    const found = await getProfile.execute({ user: { username: ctx.params.username ?? '' }, viewerId: viewer.id });
    if (found.isErr()) {
      switch (found.error.type) {
        case 'UserNotFound': return ctx.throw(404);
        default: return assertNever(found.error.type);
      }
    }
    const number = pageNumber(ctx.query.page);
    const page = number === null ? null : await userPosts.execute(found.value.user.id, { number, size: postsPerPage });
    if (!page || page.isErr()) return ctx.throw(404);
    const profile = presentProfile(found.value, viewer);
    await renderPage(ctx, 'user', {
      title: profile.username,
      profile,
      exportAvailable: startExport !== null,
      ...presentPosts(page.value, profileUrl(profile.username), clock.now()),
    });
  });

  router.post(drives('followUser'), '/follow/:username', loginRequired, async (ctx) => {
    const username = ctx.params.username ?? '';
    const result = await followUser.execute({ followerId: currentUser(ctx).id, user: { username } });
    if (result.isErr()) return followRefused(ctx, username, result.error);
    flash(ctx, `You are following ${result.value.username}!`, 'success');
    ctx.redirect(profileUrl(result.value.username));
  });

  router.post(drives('unfollowUser'), '/unfollow/:username', loginRequired, async (ctx) => {
    const username = ctx.params.username ?? '';
    const result = await unfollowUser.execute({ followerId: currentUser(ctx).id, user: { username } });
    if (result.isErr()) return followRefused(ctx, username, result.error);
    flash(ctx, `You are not following ${result.value.username}.`);
    ctx.redirect(profileUrl(result.value.username));
  });

  router.get(drives(), '/edit_profile', loginRequired, async (ctx) => {
    const user = currentUser(ctx);
    await renderEditProfile(ctx, { username: user.username, aboutMe: user.aboutMe }, {}, 200);
  });

  router.post(drives('editProfile'), '/edit_profile', loginRequired, async (ctx) => {
    const userId = currentUser(ctx).id;
    const form = readEditProfileForm(ctx.request.body);
    const result = await submitForm(form, PROFILE_FIELDS, {
      act: (edit) => editProfile.execute({ userId, signedInWith: { session: ctx.session?.token ?? '' }, ...edit }),
      check: (text) => editProfile.check({ userId, ...profileOf(text) }),
    });
    if (result.isErr()) {
      switch (result.error.type) {
        case 'FormRejected': return renderEditProfile(ctx, profileOf(form.text), fieldMessages(result.error.problems), 422);
        // The account was deleted while its owner was editing it.
        case 'UserNotFound': return ctx.throw(404);
        default: return assertNever(result.error);
      }
    }
    flash(ctx, PROFILE_SAVED_MESSAGE, 'success');
    ctx.redirect('/edit_profile');
  });
}

/** A follow or unfollow that cannot be: a flash and back to where it makes sense, never an error page. */
function followRefused(ctx: AppKoaContext, username: string, error: FollowChangeError): void {
  switch (error.type) {
    case 'UserNotFound':
      flash(ctx, `User ${username} not found.`, 'error');
      return ctx.redirect('/index');
    case 'CannotFollowYourself':
      flash(ctx, 'You cannot follow yourself!', 'error');
      return ctx.redirect(profileUrl(username));
    default:
      return assertNever(error);
  }
}

function renderEditProfile(ctx: AppKoaContext, values: { username: string; aboutMe: string }, errors: FieldErrors<EditProfileField>, status: number) {
  return renderPage(ctx, 'edit_profile', { title: 'Edit Profile', values, errors, aboutMeMaxLength: ABOUT_ME_MAX_LENGTH }, status);
}
