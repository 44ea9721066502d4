// The page cases every page measurement loads (`npm run bench`, `npm run bench:compare`): one request
// each, and the targets the full run checks them against.
import type { LoadRequest } from './load.js';
import type { CaseSpec } from './report.js';
import type { Site } from './site.js';

export type Case = CaseSpec & Readonly<{ request: (site: Site) => LoadRequest }>;

// The logged-in pages may take longer than the anonymous ones: each reads the session, the viewer and a page of posts.
const LOGGED_IN_P99_MS = 35;
const ANONYMOUS_P99_MS = 25;
export const PAGE_CASES: readonly Case[] = [
  { id: 'index', title: 'GET /index (logged in)', kind: 'page', expect: 200, minRatio: 0.15, maxP99Ms: LOGGED_IN_P99_MS, request: (site) => site.requests.index },
  { id: 'profile', title: 'GET /user/<name> (logged in)', kind: 'page', expect: 200, minRatio: 0.1, maxP99Ms: LOGGED_IN_P99_MS, request: (site) => site.requests.profile },
  { id: 'edit-profile-invalid', title: 'POST /edit_profile, validation error (logged in)', kind: 'page', expect: 422, maxP99Ms: LOGGED_IN_P99_MS, request: (site) => site.requests.editProfileInvalid },
  { id: 'login-page', title: 'GET /login (anonymous)', kind: 'page', expect: 200, minRatio: 0.2, maxP99Ms: ANONYMOUS_P99_MS, request: (site) => site.requests.loginPage },
  { id: 'not-found', title: 'GET /<missing> (404)', kind: 'page', expect: 404, minRatio: 0.2, maxP99Ms: ANONYMOUS_P99_MS, request: (site) => site.requests.notFound },
];
