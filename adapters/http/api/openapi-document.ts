import type { OpenAPIObject, OperationObject, ParameterObject, PathsObject, ResponsesObject } from 'openapi3-ts/oas31';
import { PROBLEM_JSON } from '../errors/problem-details.js';
import type { ApiOperation } from './api-operation.js';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from './pagination-query.js';
import { PROBLEM_TYPES } from './problem-types.js';
import { ref, SCHEMAS } from './schemas.js';

/** Problem statuses any operation can meet: a query holding control characters, a failure of ours, the database out of reach. */
const ALWAYS = [400, 500, 503];
const WITH_BODY = [413, 415];
const WITH_TOKEN = [401];
const WITH_PASSWORD = [401, 429];
const PAGINATED = [404];

const PAGINATION: ParameterObject[] = [
  { name: 'page', in: 'query', description: 'From 1; a page past the last is a 404.', schema: { type: 'integer', minimum: 1, default: 1 } },
  { name: 'per_page', in: 'query', description: `Items per page, at most ${MAX_PER_PAGE} (more is cut to ${MAX_PER_PAGE}).`, schema: { type: 'integer', minimum: 1, default: DEFAULT_PER_PAGE } },
];

/**
 * The OpenAPI 3.1 description of the API, made from the same operations the router is built from,
 * so a route without its description, or a description without its route, cannot exist.
 */
export function openApiDocument(operations: readonly ApiOperation[]): OpenAPIObject {
  const paths: PathsObject = {};
  for (const operation of operations) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: describe(operation) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Microblog API',
      version: '1.0.0',
      description: `JSON in and out. Errors are RFC 9457 problem details (\`${PROBLEM_JSON}\`) whatever the Accept header says; `
        + `each problem type has a page under /api/problems/: ${Object.keys(PROBLEM_TYPES).join(', ')}.`,
    },
    servers: [{ url: '/api' }],
    paths,
    components: {
      schemas: { ...SCHEMAS },
      securitySchemes: {
        basic: { type: 'http', scheme: 'basic', description: 'Your username and password, for POST /tokens only.' },
        bearer: { type: 'http', scheme: 'bearer', description: 'A token from POST /tokens.' },
      },
    },
  };
}

function describe(operation: ApiOperation): OperationObject {
  const parameters: ParameterObject[] = [
    ...[...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name = '']): ParameterObject => ({
      name, in: 'path', required: true, schema: name === 'id' ? { type: 'integer', minimum: 1 } : { type: 'string' },
    })),
    ...(operation.paginated ? PAGINATION : []),
  ];
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    security: operation.auth === 'none' ? [] : [{ [operation.auth]: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.requestBody ? { requestBody: { required: true, content: { 'application/json': { schema: operation.requestBody } } } } : {}),
    responses: responsesOf(operation),
  };
}

function responsesOf(operation: ApiOperation): ResponsesObject {
  const { success } = operation;
  const responses: ResponsesObject = {
    [success.status]: {
      description: success.description,
      ...(success.schema ? { content: { [success.mediaType ?? 'application/json']: { schema: success.schema } } } : {}),
      ...(success.headers ? { headers: Object.fromEntries(Object.entries(success.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])) } : {}),
    },
  };
  const statuses = new Set([
    ...ALWAYS,
    ...(operation.requestBody ? WITH_BODY : []),
    ...(operation.auth === 'bearer' ? WITH_TOKEN : []),
    ...(operation.auth === 'basic' ? WITH_PASSWORD : []),
    ...(operation.paginated ? PAGINATED : []),
    ...(operation.problems ?? []),
  ]);
  for (const status of [...statuses].sort()) {
    responses[status] = { description: 'A problem: see its `type`.', content: { [PROBLEM_JSON]: { schema: ref('Problem') } } };
  }
  return responses;
}
