import { EXPORTS_UNAVAILABLE_MESSAGE } from '../routes/export-routes.js';
import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';
import { exportIdOf } from './api-fields.js';
import { answerApi, sendProblem } from './api-answer.js';
import type { ApiOperation } from './api-operation.js';
import { ApiProblem } from './api-problem.js';
import { callerOf } from './bearer-auth.js';
import { exportUrl, presentExport } from './representations.js';
import { ref } from './schemas.js';

const drives = routeNames(import.meta.url);

/** "Export your posts" for API clients, with the website's use cases: one export in progress per user, whichever way it was started. */
export function exportOperations({ startExport, getExport }: UseCases): ApiOperation[] {
  return [
    {
      method: 'post',
      path: '/exports',
      operationId: 'startExport',
      drives: drives('startExport'),
      tag: 'Exports',
      summary: 'Export your posts',
      description: 'Every one of your posts, oldest first, emailed to your address as `posts.json` by a background job. One export at a time: while one is queued or running, another is refused with `export-in-progress`. A server that sends no email refuses with `export-unavailable` (403: a setting, not an outage).',
      auth: 'bearer',
      success: {
        status: 202,
        description: 'The export is queued; its `Location` says how far it is.',
        schema: ref('Export'),
        headers: { Location: 'The export, to follow its progress.' },
      },
      problems: [403, 409],
      handle: async (ctx) => {
        if (!startExport) return sendProblem(ctx, ApiProblem.of('export-unavailable', EXPORTS_UNAVAILABLE_MESSAGE));
        await answerApi(ctx, await startExport.execute(callerOf(ctx).id, ctx.state.language), (started) => {
          ctx.status = 202;
          ctx.set('Location', exportUrl(started.id));
          ctx.body = presentExport(started, ctx.state.t);
        });
      },
    },
    {
      method: 'get',
      path: '/exports/{id}',
      operationId: 'getExport',
      drives: drives('getExport'),
      tag: 'Exports',
      summary: 'Follow an export',
      description: 'One of your exports: queued, running (with its progress in percent), done, or failed (with a short reason). Another user\'s export is not found, as one that does not exist.',
      auth: 'bearer',
      success: { status: 200, description: 'The export.', schema: ref('Export') },
      problems: [404],
      handle: async (ctx) => {
        const found = await exportIdOf(ctx).asyncAndThen((exportId) => getExport.execute({ exportId, userId: callerOf(ctx).id }));
        await answerApi(ctx, found, (shown) => {
          ctx.body = presentExport(shown, ctx.state.t);
        });
      },
    },
  ];
}
