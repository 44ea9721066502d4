import type { AppKoaContext, AppRoute, AppRouter } from '../context.js';
import { flash } from '../flash.js';
import { isTicked, type FieldErrors } from '../forms/fields.js';
import { LOGIN_FIELDS, readLoginForm, type LoginField } from '../forms/login-form.js';
import { REGISTRATION_FIELDS, readRegistrationForm, registrationOf, type RegistrationField } from '../forms/registration-form.js';
import { fieldMessages, submitForm } from '../forms/submit-form.js';
import { answerPage } from '../page-answer.js';
import { renderPage } from '../render.js';
import { safeNextPath } from '../safe-next.js';
import { endLoggedInSession, startLoggedInSession } from '../session-login.js';
import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';

const drives = routeNames(import.meta.url);

export const INVALID_LOGIN_MESSAGE = 'Invalid username or password';
export const REGISTERED_MESSAGE = 'Congratulations, you are now a registered user!';

/** People who are logged in have no business on the login and registration forms. */
export const anonymousOnly: AppRoute = async (ctx, next) => {
  if (ctx.state.user) ctx.redirect('/index');
  else await next();
};

export function authRoutes(router: AppRouter, useCases: UseCases): void {
  const { logIn, registerUser } = useCases;
  router.get(drives(), '/login', anonymousOnly, async (ctx) => {
    await renderLogin(ctx, { username: '', rememberMe: false }, {}, 200);
  });

  router.post(drives('logIn', 'startSession'), '/login', anonymousOnly, async (ctx) => {
    const form = readLoginForm(ctx.request.body);
    const result = await submitForm(form, LOGIN_FIELDS, {
      act: ({ username, password, rememberMe }) => logIn.execute({ username, password, clientAddress: ctx.ip }).map((user) => ({ user, rememberMe })),
    });
    await answerPage(ctx, result, async ({ user, rememberMe }) => {
      await startLoggedInSession(ctx, useCases, user, rememberMe);
      ctx.redirect(safeNextPath(ctx.query.next) ?? '/index');
    }, {
      // The password is never sent back.
      FormRejected: (rejected) => renderLogin(ctx, { username: form.text.username, rememberMe: isTicked(form.text.remember_me) }, fieldMessages(rejected.problems, ctx.state.t), 422),
      InvalidCredentials: () => {
        // One message for an unknown user and a wrong password alike: no hint which names exist.
        flash(ctx, INVALID_LOGIN_MESSAGE, 'error');
        ctx.redirect(loginUrl(ctx.query.next));
      },
    });
  });

  // Logging out changes state, so it is a POST carrying the CSRF token; the GET page only asks.
  router.get(drives(), '/logout', async (ctx) => {
    if (!ctx.state.user) return ctx.redirect('/index');
    await renderPage(ctx, 'logout', { title: 'Log out' });
  });

  router.post(drives('endSession'), '/logout', async (ctx) => {
    await endLoggedInSession(ctx, useCases);
    ctx.redirect('/index');
  });

  router.get(drives(), '/register', anonymousOnly, async (ctx) => {
    await renderRegister(ctx, { username: '', email: '' }, {}, 200);
  });

  router.post(drives('registerUser'), '/register', anonymousOnly, async (ctx) => {
    const form = readRegistrationForm(ctx.request.body);
    const result = await submitForm(form, REGISTRATION_FIELDS, {
      act: (registration) => registerUser.execute(registration),
      check: (text) => registerUser.check(registrationOf(text)),
    });
    await answerPage(ctx, result, () => {
      flash(ctx, REGISTERED_MESSAGE, 'success');
      ctx.redirect('/login');
    }, {
      // Passwords are never sent back.
      FormRejected: (rejected) => renderRegister(ctx, { username: form.text.username, email: form.text.email }, fieldMessages(rejected.problems, ctx.state.t), 422),
    });
  });
}

function loginUrl(next: unknown): string {
  const safe = safeNextPath(next);
  return safe ? `/login?next=${encodeURIComponent(safe)}` : '/login';
}

function renderLogin(ctx: AppKoaContext, values: { username: string; rememberMe: boolean }, errors: FieldErrors<LoginField>, status: number) {
  return renderPage(ctx, 'login', { title: 'Sign In', values, errors, action: loginUrl(ctx.query.next) }, status);
}

function renderRegister(ctx: AppKoaContext, values: { username: string; email: string }, errors: FieldErrors<RegistrationField>, status: number) {
  return renderPage(ctx, 'register', { title: 'Register', values, errors }, status);
}
