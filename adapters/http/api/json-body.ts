import compose from 'koa-compose';
import type { AppMiddleware } from '../context.js';
import { requestBody } from '../middleware/form-body.js';
import { refuseUnsafeText } from '../middleware/refuse-unsafe-text.js';
import { sendProblem } from './api-answer.js';
import { ApiProblem } from './api-problem.js';

const parseJson = requestBody(['json'], 'Send the request body as application/json.');

const requireObject: AppMiddleware = async (ctx, next) => {
  const body: unknown = ctx.request.body;
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    sendProblem(ctx, ApiProblem.plain(400, 'The request body must be a JSON object.'));
    return;
  }
  await next();
};

/**
 * The API's bodies: JSON objects only, their text checked as the website's forms are (a field
 * holding control characters gets the form's message for it).
 */
export const jsonBody = compose([parseJson, requireObject, refuseUnsafeText]) as AppMiddleware;
