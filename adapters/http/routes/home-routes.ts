import type { AppRoute, AppRouter } from '../context.js';
import { renderPage } from '../render.js';
import { currentUser, loginRequired } from './login-required.js';

export function homeRoutes(router: AppRouter): void {
  const index: AppRoute = async (ctx) => {
    await renderPage(ctx, 'index', { title: 'Home', greetingName: currentUser(ctx).username });
  };
  router.get('/', loginRequired, index);
  router.get('/index', loginRequired, index);
}
