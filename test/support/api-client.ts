import type { OpenApiContract } from './openapi-contract.js';

export type ApiResponse = Readonly<{
  status: number;
  headers: Headers;
  /** The parsed JSON body, or null when there was none. */
  body: unknown;
  /** The body as a problem's or a resource's members, for reading fields in tests. */
  json: Record<string, unknown>;
}>;

export type ApiRequest = Readonly<{
  /** A bearer token; `basic` sends a username and password instead. */
  token?: string;
  basic?: Readonly<{ username: string; password: string }>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as it is, with the headers given. */
  body?: string | Buffer;
  headers?: Record<string, string>;
}>;

/**
 * An API client for tests that holds the server to its OpenAPI document: every response it
 * receives is checked against it, and one that departs from it fails the test on the spot.
 */
export class ApiClient {
  /** Every response received, so a test can say how many it checked. */
  checked = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly contract: OpenApiContract,
  ) {}

  get = (path: string, request: ApiRequest = {}) => this.send('GET', path, request);
  post = (path: string, request: ApiRequest = {}) => this.send('POST', path, request);
  put = (path: string, request: ApiRequest = {}) => this.send('PUT', path, request);
  delete = (path: string, request: ApiRequest = {}) => this.send('DELETE', path, request);

  async send(method: string, path: string, request: ApiRequest = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...request.headers };
    if (request.token !== undefined) headers.Authorization = `Bearer ${request.token}`;
    if (request.basic) headers.Authorization = `Basic ${Buffer.from(`${request.basic.username}:${request.basic.password}`).toString('base64')}`;
    if (request.json !== undefined) headers['Content-Type'] ??= 'application/json';
    const body = request.json !== undefined ? JSON.stringify(request.json) : request.body;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}), redirect: 'manual' });
    const rawBody = await response.text();
    const parsed: unknown = rawBody === '' ? null : parseJson(rawBody);
    const violations = this.contract.violations({ method, path, status: response.status, contentType: response.headers.get('content-type'), body: parsed, rawBody });
    if (violations.length > 0) throw new Error(`The response departs from /api/openapi.json:\n${violations.join('\n')}\n${rawBody.slice(0, 500)}`);
    this.checked += 1;
    return { status: response.status, headers: response.headers, body: parsed, json: (parsed ?? {}) as Record<string, unknown> };
  }

  /** Registers `username` through the API and returns a fresh token for them. */
  async signUp(username: string, password = 'password123'): Promise<Readonly<{ id: number; token: string }>> {
    const created = await this.post('/api/users', { json: { username, email: `${username.toLowerCase()}@example.com`, password } });
    if (created.status !== 201) throw new Error(`registering ${username} answered ${created.status}: ${JSON.stringify(created.body)}`);
    return { id: created.json.id as number, token: await this.tokenFor(username, password) };
  }

  async tokenFor(username: string, password = 'password123'): Promise<string> {
    const issued = await this.post('/api/tokens', { basic: { username, password } });
    if (issued.status !== 200) throw new Error(`a token for ${username} answered ${issued.status}: ${JSON.stringify(issued.body)}`);
    return issued.json.token as string;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
