import type { MessageValues } from '../../../domain/ports/translator.js';

/**
 * How one error is shown: its status, the words for it (message keys, put into the request's
 * language as the answer is written), and any headers it needs (Allow, Retry-After).
 */
export type ErrorResponse = Readonly<{
  status: number;
  title: string;
  detail: string;
  /** The values the detail's message names. */
  detailValues?: MessageValues;
  headers?: Readonly<Record<string, string>>;
  /** The problem type's URI (RFC 9457); absent for a plain status, which is `about:blank`. */
  type?: string;
  /** Further members of the problem details object, such as the list of invalid fields. */
  extensions?: Readonly<Record<string, unknown>>;
  /**
   * A failure of ours whatever its status (an outage answered 503 so that clients retry): logged
   * with a reference and reported like a 500. Without it only a 500 is.
   */
  unexpected?: boolean;
}>;

export type ErrorHandler = (error: unknown, status: number) => ErrorResponse;

/** How a scope's errors are sent: as the client negotiates (a page or problem+json), or problem+json always. */
export type ErrorFormat = 'negotiated' | 'problem+json';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any constructor of an Error subclass
type ErrorClass = abstract new (...args: any[]) => Error;

/**
 * The error-page registry, in the spirit of Flask's `errorhandler`: handlers by error class and by
 * status, the most specific winning — the nearest class in the error's prototype chain, then the
 * status, then the fallback. Like a Flask blueprint's handlers, a registry scoped to a path prefix
 * answers for every request under it, with its own handlers and format.
 */
export class ErrorHandlers {
  private readonly byClass = new Map<ErrorClass, ErrorHandler>();
  private readonly byStatus = new Map<number, ErrorHandler>();
  private readonly scopes: [prefix: string, handlers: ErrorHandlers][] = [];

  constructor(
    private readonly fallback: ErrorHandler,
    readonly format: ErrorFormat = 'negotiated',
  ) {}

  onError(errorClass: ErrorClass, handler: ErrorHandler): this {
    this.byClass.set(errorClass, handler);
    return this;
  }

  onStatus(status: number, handler: ErrorHandler): this {
    this.byStatus.set(status, handler);
    return this;
  }

  /** Hands the errors of every request under `prefix` (the prefix itself included) to `handlers`. */
  scope(prefix: string, handlers: ErrorHandlers): this {
    this.scopes.push([prefix, handlers]);
    return this;
  }

  /** The registry that answers for a request path: the scope it falls under, or this one. */
  forPath(path: string): ErrorHandlers {
    const scoped = this.scopes.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`));
    return scoped ? scoped[1].forPath(path) : this;
  }

  respond(error: unknown, status: number): ErrorResponse {
    return (this.forClassOf(error) ?? this.byStatus.get(status) ?? this.fallback)(error, status);
  }

  private forClassOf(error: unknown): ErrorHandler | undefined {
    if (!(error instanceof Error)) return undefined;
    for (let proto: unknown = Object.getPrototypeOf(error); proto; proto = Object.getPrototypeOf(proto)) {
      const handler = this.byClass.get((proto as { constructor: ErrorClass }).constructor);
      if (handler) return handler;
    }
    return undefined;
  }
}
