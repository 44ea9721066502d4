import { ApiClient } from './api-client.js';
import { OpenApiContract } from './openapi-contract.js';
import { withApp, type TestApp, type TestAppOptions } from './test-app.js';

export type ApiTestApp = Readonly<{ app: TestApp; api: ApiClient }>;

/** `withApp` with an API client that holds every response to /api/openapi.json. */
export function withApiApp<T>(options: TestAppOptions, work: (world: ApiTestApp) => Promise<T>): Promise<T> {
  return withApp(options, async (app) => work({ app, api: new ApiClient(app.baseUrl, await OpenApiContract.load(app.baseUrl)) }));
}

export type ApiUser = Readonly<{ id: number; token: string }>;
export type SusanAndJohn = ApiTestApp & Readonly<{ susan: ApiUser; john: ApiUser }>;

/** `withApiApp` with Susan and John registered, each holding a token. */
export function withSusanAndJohn<T>(work: (world: SusanAndJohn) => Promise<T>): Promise<T> {
  return withApiApp({}, async ({ app, api }) => work({ app, api, susan: await api.signUp('susan'), john: await api.signUp('john') }));
}
