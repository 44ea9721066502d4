import type { HeadersObject, OpenAPIObject, OperationObject, ParameterObject, PathsObject, ResponsesObject } from 'openapi3-ts/oas31';
import { PROBLEM_JSON } from '../errors/problem-details.js';
import { API_TAGS, type ApiOperation } from './api-operation.js';
import { DEFAULT_PER_PAGE, MAX_PAGE_PARAMETER, MAX_PER_PAGE } from './pagination-query.js';
import { PROBLEM_TYPES } from './problem-types.js';
import { ref, SCHEMAS } from './schemas.js';

/** Problem statuses any operation can meet: a query holding control characters, a failure of ours, the database out of reach. */
const ALWAYS = [400, 500, 503];
const WITH_BODY = [413, 415];
const WITH_TOKEN = [401];
const WITH_PASSWORD = [401, 429];
const PAGINATED = [404];

const PAGINATION: ParameterObject[] = [
  { name: 'page', in: 'query', description: 'From 1; a page past the last is a 404.', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_PARAMETER, default: 1 } },
  {
    name: 'per_page',
    in: 'query',
    description: `Items per page: more than ${MAX_PER_PAGE} is cut to ${MAX_PER_PAGE}, as the answer's \`_meta.per_page\` and links then say.`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_PARAMETER, default: DEFAULT_PER_PAGE },
  },
];

const TEXT_HEADER = { schema: { type: 'string' } } as const;

// Every problem is written in the language `Accept-Language` asks for, when the site speaks it.
const CONTENT_LANGUAGE = { 'Content-Language': 'The language of the `title`, `detail` and `errors[].message`: `en` or `es`.' };

// The headers problems of a status carry, besides their language.
const PROBLEM_HEADERS: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  401: { 'WWW-Authenticate': 'The challenge (RFC 9110 §11.6.1): `Basic` for POST /tokens, `Bearer` elsewhere, with `error="invalid_token"` for a token that is not valid.' },
  429: { 'Retry-After': 'Seconds to wait before trying again.' },
  503: { 'Retry-After': 'Seconds to wait before sending the request again.' },
};

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
        + `each problem type has a page under /api/problems/: ${Object.keys(PROBLEM_TYPES).join(', ')}. `
        + 'A problem\'s `title`, `detail` and `errors[].message` are in the language `Accept-Language` prefers (English or Spanish, '
        + 'English by default), which `Content-Language` names; its `type`, `code` and field names are the same in every language. '
        + 'A method a path does not take is a 405 whose `Allow` header lists those it does; an address no path here names is a 404.',
      // Whoever runs this server answers for it; their address is theirs to publish, not this document's.
      contact: { name: 'The administrators of this server' },
      // The project is private and grants no licence: SPDX names such terms with a LicenseRef.
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/api' }],
    tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
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
    ...(operation.query ?? []),
    ...(operation.paginated ? PAGINATION : []),
  ];
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    description: operation.description,
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
      ...(success.headers ? { headers: headersOf(success.headers) } : {}),
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
    responses[status] = {
      description: 'A problem: see its `type`.',
      headers: headersOf({ ...PROBLEM_HEADERS[status], ...CONTENT_LANGUAGE }),
      content: { [PROBLEM_JSON]: { schema: ref('Problem') } },
    };
  }
  return responses;
}

function headersOf(headers: Readonly<Record<string, string>>): HeadersObject {
  return Object.fromEntries(Object.entries(headers).map(([name, description]) => [name, { description, ...TEXT_HEADER }]));
}
