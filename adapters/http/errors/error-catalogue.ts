import { STATUS_CODES } from 'node:http';

/** What a person reads on an error page: what happened, then where to go next. */
export type ErrorCopy = Readonly<{ title: string; detail: string }>;

const CATALOGUE: Readonly<Record<number, ErrorCopy>> = {
  400: { title: 'Bad Request', detail: 'Your browser sent a request this site could not understand. Go back, reload the page and try again.' },
  403: { title: 'Forbidden', detail: 'You are not allowed to do that. If you think you should be, start again from the home page.' },
  404: { title: 'Page Not Found', detail: 'There is nothing at this address. Check the link, or start again from the home page.' },
  405: { title: 'Method Not Allowed', detail: 'This page exists, but cannot be used the way your browser just tried to.' },
  408: { title: 'Request Timeout', detail: 'Your browser took too long to send the request. Please try again.' },
  413: { title: 'Request Too Large', detail: 'What you sent is larger than this site accepts. Shorten it and try again.' },
  415: { title: 'Unsupported Format', detail: 'What you sent is in a format this site does not accept. Please use the forms on the site.' },
  422: { title: 'Unprocessable Request', detail: 'What you sent could not be processed. Check the form and try again.' },
  429: { title: 'Too Many Requests', detail: 'You have tried that too often. Wait a little, then try again.' },
  431: { title: 'Headers Too Large', detail: "Your browser sent more headers or cookies than this site accepts. Clear this site's cookies, then try again." },
  500: { title: 'An unexpected error has occurred', detail: 'The administrator has been notified. Sorry for the inconvenience! Please try again in a moment.' },
  503: { title: 'Service Unavailable', detail: 'The site is busy or down for maintenance. Please try again in a moment.' },
  507: { title: 'Insufficient Storage', detail: 'The site has no room to store this right now. Please try again later.' },
};

export function errorCopy(status: number): ErrorCopy {
  return CATALOGUE[status] ?? { title: STATUS_CODES[status] ?? 'Error', detail: 'Something went wrong with this request. Start again from the home page.' };
}
