import { ABOUT_ME_MAX_LENGTH } from '../../../domain/user-rules.js';
import type { FollowChangeError } from '../../../domain/use-cases/follow-change.js';
import type { AppKoaContext, AppRouter } from '../context.js';
import { flash } from '../flash.js';
import { PROFILE_FIELDS, profileOf, readEditProfileForm, type EditProfileField } from '../forms/edit-profile-form.js';
import type { FieldErrors } from '../forms/fields.js';
import { fieldMessages, submitForm } from '../forms/submit-form.js';
import { answerPage, type OwnAnswers } from '../page-answer.js';
import { pageRequest } from '../page-number.js';
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
    const shown = getProfile.execute({ user: { username: ctx.params.username ?? '' }, viewerId: viewer.id })
      .andThen((found) => pageRequest(ctx.query.page, postsPerPage)
        .asyncAndThen((page) => userPosts.execute(found.user.id, page))
        .map((posts) => ({ profile: presentProfile(found, viewer, ctx.state.language), posts })));
    await answerPage(ctx, shown, ({ profile, posts }) => renderPage(ctx, 'user', {
      title: 'User: {username}', titleValues: { username: profile.username },
      profile,
      exportAvailable: startExport !== null,
      ...presentPosts(posts, profileUrl(profile.username), clock.now(), ctx.state),
    }));
  });

  router.post(drives('followUser'), '/follow/:username', loginRequired, async (ctx) => {
    const username = ctx.params.username ?? '';
    await answerPage(ctx, followUser.execute({ followerId: currentUser(ctx).id, user: { username } }), (followed) => {
      flash(ctx, 'You are following {username}!', 'success', { username: followed.username });
      ctx.redirect(profileUrl(followed.username));
    }, followRefusals(ctx, username));
  });

  router.post(drives('unfollowUser'), '/unfollow/:username', loginRequired, async (ctx) => {
    const username = ctx.params.username ?? '';
    await answerPage(ctx, unfollowUser.execute({ followerId: currentUser(ctx).id, user: { username } }), (unfollowed) => {
      flash(ctx, 'You are not following {username}.', 'info', { username: unfollowed.username });
      ctx.redirect(profileUrl(unfollowed.username));
    }, followRefusals(ctx, username));
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
    // An account deleted while its owner was editing it is not found: the error page says so.
    await answerPage(ctx, result, () => {
      flash(ctx, PROFILE_SAVED_MESSAGE, 'success');
      ctx.redirect('/edit_profile');
    }, {
      FormRejected: (rejected) => renderEditProfile(ctx, profileOf(form.text), fieldMessages(rejected.problems, ctx.state.t), 422),
    });
  });
}

/** A follow or unfollow that cannot be: a flash and back to where it makes sense, never an error page. */
function followRefusals(ctx: AppKoaContext, username: string): OwnAnswers<FollowChangeError> {
  return {
    UserNotFound: () => {
      flash(ctx, 'User {username} not found.', 'error', { username });
      ctx.redirect('/index');
    },
    CannotFollowYourself: () => {
      flash(ctx, 'You cannot follow yourself!', 'error');
      ctx.redirect(profileUrl(username));
    },
  };
}

function renderEditProfile(ctx: AppKoaContext, values: { username: string; aboutMe: string }, errors: FieldErrors<EditProfileField>, status: number) {
  return renderPage(ctx, 'edit_profile', { title: 'Edit Profile', values, errors, aboutMeMaxLength: ABOUT_ME_MAX_LENGTH }, status);
}
