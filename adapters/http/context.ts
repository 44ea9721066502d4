import type Koa from 'koa';
import type { Router, RouterMiddleware } from '@koa/router';
import type { Language, MessageValues } from '../../domain/ports/translator.js';
import type { User } from '../../domain/user.js';
import type { ExportNotice } from './presenters/export-presenter.js';

/** What the middleware learns about a request and hands to the routes and templates. */
export type AppState = {
  requestId: string;
  /** The language this answer is written in: the user's profile's, the footer's choice, or the browser's. */
  language: Language;
  /** Every language the site speaks, the default first. */
  languages: readonly Language[];
  /** A message's key in this answer's language: every word a page or an error shows passes through it. */
  t: (key: string, values?: MessageValues) => string;
  /** Loaded by the `loadCurrentUser` middleware; `null` for visitors who are not logged in. */
  user: User | null;
  /** Loaded with the user: what the pages say about their latest export; `null` when nothing. */
  exportNotice: ExportNotice | null;
  /** Loaded with the user: the nav's count of their unread messages; 0 for visitors. */
  unreadMessages: number;
  /** Issues the session's CSRF token on first use, so pages without forms create no session. */
  csrfToken: () => string;
  /** Set by the error boundary: answers an expected outcome with its error page, as a thrown error of that status is answered. */
  showErrorPage: (page: ExpectedErrorPage) => Promise<void>;
};

/** An expected outcome a page answers with an error page: its status, the headers it needs (when to come back), its name for the log. */
export type ExpectedErrorPage = Readonly<{ status: number; headers?: Readonly<Record<string, string>>; outcome: string }>;

/** The signed cookie's content. Who is logged in lives on the server, under `token`. */
export type AppSession = {
  token?: string;
  csrfToken?: string;
  flashes?: Flash[];
};

/** A message for the next page: its key and values, put into words in the language of the page that shows it. */
export type Flash = Readonly<{ category: 'info' | 'success' | 'error'; message: string; values?: MessageValues }>;

export type AppContext = Koa.DefaultContext & {
  session: (AppSession & { maxAge?: number | 'session' }) | null;
  /** koa-session's options for this request's cookie. */
  sessionOptions: { secure?: boolean };
};

export type AppRouter = Router<AppState, AppContext>;
export type AppKoaContext = Koa.ParameterizedContext<AppState, AppContext>;
export type AppMiddleware = Koa.Middleware<AppState, AppContext>;
export type AppRoute = RouterMiddleware<AppState, AppContext>;
