// What the bench does to the app through its front door, as a browser would: registers the seed
// users, logs in, and builds the requests each case sends (with a real session cookie and CSRF
// token). Nothing here touches the database or knows how the app stores sessions.
import { Browser } from '../test/support/browser.js';
import type { LoadRequest } from './load.js';

export const SEED_PASSWORD = 'bench-password-1234';
const SEED_CONCURRENCY = 4;
/** More than one page of posts (25 by default): the logged-in pages render a full page, as a followed author's readers see it. */
const SEED_POSTS = 30;
const HTML = { Accept: 'text/html' } as const;

export function seedUsername(index: number): string {
  return `bench${String(index).padStart(2, '0')}`;
}

/** Registers `count` users through `POST /register`, a few at a time (each costs a password hash). */
export async function seedUsers(baseUrl: string, count: number): Promise<void> {
  const pending = Array.from({ length: count }, (_, index) => seedUsername(index));
  const worker = async () => {
    for (let username = pending.shift(); username !== undefined; username = pending.shift()) {
      const page = await new Browser(baseUrl).register(username, `${username}@example.com`, SEED_PASSWORD);
      if (page.status !== 302) throw new Error(`registering ${username} answered ${page.status}, expected 302:\n${page.text.slice(0, 500)}`);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
}

export type Site = Readonly<{
  /**
   * `POST /login` with the right password, one per login user: a burst of many people logging in.
   * One account takes at most five attempts at once, and one address twenty (each is counted
   * before its password is checked), so a burst at a single account or from a single address would
   * mostly measure the throttle's 429s: each person comes from an address of their own, as the
   * proxy in front of the app (TRUST_PROXY) says.
   */
  loginPosts: readonly LoadRequest[];
  requests: Readonly<Record<
    'index' | 'profile' | 'loginPage' | 'notFound' | 'editProfileInvalid' | 'loginPost',
    LoadRequest
  >>;
}>;

/**
 * Has `other` publish a page and more of posts and `viewer` follow them, so the index and the
 * profile each show a full page of posts; logs `viewer` in and prepares every case's request;
 * probes each once and checks its answer.
 */
export async function prepareSite(baseUrl: string, viewer: string, other: string, loginUsers: readonly string[]): Promise<Site> {
  await publishPosts(baseUrl, other, SEED_POSTS);
  const browser = new Browser(baseUrl);
  const login = await browser.logIn(viewer, SEED_PASSWORD);
  if (login.status !== 302) throw new Error(`logging in ${viewer} answered ${login.status}, expected 302`);
  // The first page after login may complete the session (its CSRF token): keep the cookie it settles on.
  await browser.get(`/user/${other}`);
  const followed = await browser.post(`/follow/${other}`);
  if (followed.status !== 302) throw new Error(`${viewer} following ${other} answered ${followed.status}, expected 302`);
  const index = await browser.get('/index');
  expectPage(index.status, 200, index.text, `Post ${SEED_POSTS} by ${other}`, 'GET /index');
  const editForm = await browser.get('/edit_profile');
  expectPage(editForm.status, 200, editForm.text, 'csrf_token', 'GET /edit_profile');
  const editToken = browser.lastToken ?? '';
  const settled = await browser.get('/index');
  expectPage(settled.status, 200, settled.text, `Hi, ${viewer}!`, 'GET /index');
  const cookie = cookieHeader(browser);

  // The POST /login case: an anonymous visitor's session and its form token, sent with the right password.
  const visitor = new Browser(baseUrl);
  await visitor.get('/login');
  const loginCookie = cookieHeader(visitor);
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const loginPosts = loginUsers.map((username, index): LoadRequest => ({
    method: 'POST',
    path: '/login',
    headers: { ...HTML, ...form, Cookie: loginCookie, 'X-Forwarded-For': `10.0.${Math.floor(index / 250)}.${(index % 250) + 1}` },
    body: new URLSearchParams({ username, password: SEED_PASSWORD, csrf_token: visitor.lastToken ?? '' }).toString(),
  }));
  const [loginPost] = loginPosts;
  if (!loginPost) throw new Error('the login case needs at least one user');
  return {
    loginPosts,
    requests: {
      index: { method: 'GET', path: '/index', headers: { ...HTML, Cookie: cookie } },
      profile: { method: 'GET', path: `/user/${other}`, headers: { ...HTML, Cookie: cookie } },
      // A first visit: no cookie, so every request gets a fresh anonymous session for the form's token.
      loginPage: { method: 'GET', path: '/login', headers: HTML },
      notFound: { method: 'GET', path: '/no-such-page', headers: HTML },
      editProfileInvalid: {
        method: 'POST',
        path: '/edit_profile',
        headers: { ...HTML, ...form, Cookie: cookie },
        body: new URLSearchParams({ csrf_token: editToken, username: '', about_me: 'Benchmarking.' }).toString(),
      },
      loginPost,
    },
  };
}

async function publishPosts(baseUrl: string, author: string, count: number): Promise<void> {
  const browser = new Browser(baseUrl);
  const login = await browser.logIn(author, SEED_PASSWORD);
  if (login.status !== 302) throw new Error(`logging in ${author} answered ${login.status}, expected 302`);
  await browser.get('/index');
  for (let number = 1; number <= count; number++) {
    const published = await browser.post('/index', { post: `Post ${number} by ${author}: what a page of a followed author's posts looks like.` });
    if (published.status !== 302) throw new Error(`publishing post ${number} answered ${published.status}, expected 302`);
  }
}

/** One request's answer as the app sends it: what the case's bare twin answers with. */
export async function answerOf(baseUrl: string, request: LoadRequest): Promise<Readonly<{ status: number; body: string }>> {
  const response = await fetch(new URL(request.path, baseUrl), {
    method: request.method,
    headers: { ...request.headers },
    redirect: 'manual',
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return { status: response.status, body: await response.text() };
}

/** The cookies `browser` holds, as the Cookie header of a load request. */
export function cookieHeader(browser: Browser): string {
  return [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** Fails the bench unless a page answered `expected` and contains `contains`. */
export function expectPage(status: number, expected: number, text: string, contains: string, what: string): void {
  if (status !== expected || !text.includes(contains)) {
    throw new Error(`${what} answered ${status} (expected ${expected} containing "${contains}"):\n${text.slice(0, 500)}`);
  }
}
