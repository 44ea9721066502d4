import { err, ok } from 'neverthrow';
import type { CountedUser } from '../../../domain/user-counts.js';
import type { User } from '../../../domain/user.js';
import type { FollowDirection } from '../../../domain/use-cases/list-follows.js';
import { readForm } from '../forms/fields.js';
import { profileOf, readEditProfileForm } from '../forms/edit-profile-form.js';
import { PROFILE_FIELDS } from '../forms/edit-profile-form.js';
import { REGISTRATION_FIELDS, REGISTRATION_FORM } from '../forms/registration-form.js';
import { submitForm } from '../forms/submit-form.js';
import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';
import { answerApi } from './api-answer.js';
import { ApiProblem } from './api-problem.js';
import type { ApiContext, ApiOperation } from './api-operation.js';
import { callerOf, callerTokenOf } from './bearer-auth.js';
import { pagedList } from './pagination-query.js';
import { presentUser, userUrl } from './representations.js';
import { userIdOf } from './api-fields.js';
import { ref } from './schemas.js';

const drives = routeNames(import.meta.url);

export function userOperations(useCases: UseCases): ApiOperation[] {
  const { getProfile, listUsers, listFollows, registerUser, editProfile } = useCases;

  const showUser = async (ctx: ApiContext, id: number, viewer: User, shown: () => void = () => {}) => {
    await answerApi(ctx, await getProfile.execute({ user: { id }, viewerId: viewer.id }), (profile) => {
      ctx.body = presentUser(profile, viewer);
      shown();
    });
  };

  const shownTo = (user: CountedUser, ctx: ApiContext) => presentUser(user, callerOf(ctx));
  const follows = (direction: FollowDirection) => pagedList((ctx, page) => userIdOf(ctx).asyncAndThen((id) => listFollows.execute({ user: { id }, direction, page })), shownTo);

  return [
    {
      method: 'get',
      path: '/users',
      operationId: 'listUsers',
      drives: drives('listUsers'),
      tag: 'Users',
      summary: 'List users',
      description: 'Every user, oldest account first.',
      auth: 'bearer',
      paginated: true,
      success: { status: 200, description: 'One page of users.', schema: ref('UserList') },
      handle: pagedList((_ctx, page) => listUsers.execute(page), shownTo),
    },
    {
      method: 'post',
      path: '/users',
      operationId: 'registerUser',
      drives: drives('registerUser', 'getProfile'),
      tag: 'Users',
      summary: 'Register',
      description: 'Register a new user: the same rules and messages as the registration form.',
      auth: 'none',
      requestBody: ref('NewUser'),
      success: { status: 201, description: 'The new user.', schema: ref('User'), headers: { Location: 'The new user\'s URL.' } },
      problems: [422],
      handle: async (ctx) => {
        const registered = await submitForm(readForm(ctx.request.body, REGISTRATION_FORM), REGISTRATION_FIELDS, {
          act: (registration) => registerUser.execute(registration),
          check: (registration) => registerUser.check(registration),
        });
        await answerApi(ctx, registered, (user) => showUser(ctx, user.id, user, () => {
          ctx.status = 201;
          ctx.set('Location', userUrl(user.id));
        }));
      },
    },
    {
      method: 'get',
      path: '/users/{id}',
      operationId: 'getUser',
      drives: drives('getProfile'),
      tag: 'Users',
      summary: 'Get a user',
      description: 'One user; the email only in your own account.',
      auth: 'bearer',
      success: { status: 200, description: 'The user.', schema: ref('User') },
      problems: [404],
      handle: async (ctx) => {
        await answerApi(ctx, userIdOf(ctx), (id) => showUser(ctx, id, callerOf(ctx)));
      },
    },
    {
      method: 'put',
      path: '/users/{id}',
      operationId: 'updateUser',
      drives: drives('editProfile', 'getProfile'),
      tag: 'Users',
      summary: 'Change your account',
      description: 'Change your username or about-me: the same rules and messages as the profile form.',
      auth: 'bearer',
      requestBody: ref('UserChanges'),
      success: { status: 200, description: 'Your account as it now is.', schema: ref('User') },
      problems: [403, 404, 422],
      handle: async (ctx) => {
        const me = callerOf(ctx);
        const mine = userIdOf(ctx).andThen((id) => (id === me.id ? ok(id) : err(ApiProblem.of('not-your-account', 'You can change only your own account.'))));
        await answerApi(ctx, mine, async () => {
          // Fields left out keep their value.
          const current = { username: me.username, about_me: me.aboutMe };
          const body = typeof ctx.request.body === 'object' && ctx.request.body !== null ? ctx.request.body : {};
          const edited = await submitForm(readEditProfileForm({ ...current, ...body }), PROFILE_FIELDS, {
            // A new name ends every browser session and every other token; the one in use stays.
            act: (changes) => editProfile.execute({ userId: me.id, signedInWith: { accessToken: callerTokenOf(ctx) }, ...changes }),
            check: (changes) => editProfile.check({ userId: me.id, ...profileOf(changes) }),
          });
          await answerApi(ctx, edited, () => showUser(ctx, me.id, me));
        });
      },
    },
    {
      method: 'get',
      path: '/users/{id}/followers',
      operationId: 'listFollowers',
      drives: drives('listFollows'),
      tag: 'Follows',
      summary: 'List a user\'s followers',
      description: 'The users who follow this user.',
      auth: 'bearer',
      paginated: true,
      success: { status: 200, description: 'One page of users.', schema: ref('UserList') },
      problems: [404],
      handle: follows('followers'),
    },
    {
      method: 'get',
      path: '/users/{id}/following',
      operationId: 'listFollowing',
      drives: drives('listFollows'),
      tag: 'Follows',
      summary: 'List whom a user follows',
      description: 'The users this user follows.',
      auth: 'bearer',
      paginated: true,
      success: { status: 200, description: 'One page of users.', schema: ref('UserList') },
      problems: [404],
      handle: follows('following'),
    },
  ];
}
