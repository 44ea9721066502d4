import { ApiClient } from './api-client.js';
import { OpenApiContract } from './openapi-contract.js';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';

export type ApiTestApp = Readonly<{ app: TestApp; api: ApiClient }>;

/** The whole app on a loopback port, with an API client that holds every response to /api/openapi.json. */
export async function startApiTestApp(options: TestAppOptions = {}): Promise<ApiTestApp> {
  const app = await startTestApp(options);
  return { app, api: new ApiClient(app.baseUrl, await OpenApiContract.load(app.baseUrl)) };
}
