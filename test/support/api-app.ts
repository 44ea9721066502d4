import { suite } from 'uvu';
import { ApiClient } from './api-client.js';
import { OpenApiContract } from './openapi-contract.js';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';

export type ApiTestApp = Readonly<{ app: TestApp; api: ApiClient }>;

/** The whole app on a loopback port, with an API client that holds every response to /api/openapi.json. */
export async function startApiTestApp(options: TestAppOptions = {}): Promise<ApiTestApp> {
  const app = await startTestApp(options);
  return { app, api: new ApiClient(app.baseUrl, await OpenApiContract.load(app.baseUrl)) };
}

export type ApiUser = Readonly<{ id: number; token: string }>;
export type SusanAndJohn = { app: TestApp; api: ApiClient; susan: ApiUser; john: ApiUser };

/** A suite whose every test gets an app of its own, with Susan and John registered and each holding a token. */
export function apiSuiteWithSusanAndJohn(title: string) {
  const test = suite<SusanAndJohn>(title, {} as SusanAndJohn);
  test.before.each(async (context) => {
    Object.assign(context, await startApiTestApp());
    context.susan = await context.api.signUp('susan');
    context.john = await context.api.signUp('john');
  });
  test.after.each(async ({ app }) => { await app.close(); });
  return test;
}
