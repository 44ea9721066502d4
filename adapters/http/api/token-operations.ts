import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';
import type { ApiOperation } from './api-operation.js';
import { callerTokenOf } from './bearer-auth.js';
import { basicCredentialsOf } from './credentials.js';
import { answerApi } from './api-answer.js';
import { ref } from './schemas.js';

const drives = routeNames(import.meta.url);

export function tokenOperations({ logIn, issueAccessToken, revokeAccessToken }: UseCases): ApiOperation[] {
  return [
    {
      method: 'post',
      path: '/tokens',
      operationId: 'createToken',
      drives: drives('logIn', 'issueAccessToken'),
      tag: 'Tokens',
      summary: 'Get a token',
      description: 'Get a token with your username and password (HTTP Basic); it expires at `expires_at`.',
      auth: 'basic',
      success: { status: 200, description: 'A new token.', schema: ref('Token') },
      handle: async (ctx) => {
        // The login form's own use case: one throttle counts failures from the form and the API alike.
        const loggedIn = await basicCredentialsOf(ctx.get('Authorization'))
          .asyncAndThen(({ username, password }) => logIn.execute({ username, password, clientAddress: ctx.ip }));
        await answerApi(ctx, loggedIn, async (user) => {
          const issued = await issueAccessToken.execute(user.id);
          ctx.body = { token: issued.token, expires_at: issued.expiresAt.toISOString() };
        });
      },
    },
    {
      method: 'delete',
      path: '/tokens',
      operationId: 'revokeToken',
      drives: drives('revokeAccessToken'),
      tag: 'Tokens',
      summary: 'Revoke your token',
      description: 'Revoke the token this request is sent with.',
      auth: 'bearer',
      success: { status: 204, description: 'The token is revoked.' },
      handle: async (ctx) => {
        await revokeAccessToken.execute(callerTokenOf(ctx));
        ctx.status = 204;
      },
    },
  ];
}
