import type { FollowChangeUseCase } from '../../../domain/use-cases/follow-change.js';
import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';
import type { ApiContext, ApiOperation } from './api-operation.js';
import { callerOf } from './bearer-auth.js';
import { answerApi } from './api-answer.js';
import { userIdOf } from './api-fields.js';

const drives = routeNames(import.meta.url);

export function followOperations({ followUser, unfollowUser }: UseCases): ApiOperation[] {
  const change = (useCase: FollowChangeUseCase) => async (ctx: ApiContext) => {
    const changed = await userIdOf(ctx).asyncAndThen((id) => useCase.execute({ followerId: callerOf(ctx).id, user: { id } }));
    await answerApi(ctx, changed, () => {
      ctx.status = 204;
    });
  };
  return [
    {
      method: 'post',
      path: '/users/{id}/follow',
      operationId: 'followUser',
      drives: drives('followUser'),
      tag: 'Follows',
      summary: 'Follow a user',
      description: 'Follow a user; following again changes nothing.',
      auth: 'bearer',
      success: { status: 204, description: 'You follow the user.' },
      problems: [404, 422],
      handle: change(followUser),
    },
    {
      method: 'delete',
      path: '/users/{id}/follow',
      operationId: 'unfollowUser',
      drives: drives('unfollowUser'),
      tag: 'Follows',
      summary: 'Unfollow a user',
      description: 'Stop following a user; unfollowing again changes nothing.',
      auth: 'bearer',
      success: { status: 204, description: 'You do not follow the user.' },
      problems: [404, 422],
      handle: change(unfollowUser),
    },
  ];
}
