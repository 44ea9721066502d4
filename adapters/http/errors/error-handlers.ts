/** How one error is shown: its status, the words for it, and any headers it needs (Allow, Retry-After). */
export type ErrorResponse = Readonly<{
  status: number;
  title: string;
  detail: string;
  headers?: Readonly<Record<string, string>>;
}>;

export type ErrorHandler = (error: unknown, status: number) => ErrorResponse;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any constructor of an Error subclass
type ErrorClass = abstract new (...args: any[]) => Error;

/**
 * The error-page registry, in the spirit of Flask's `errorhandler`: handlers by error class and by
 * status, the most specific winning — the nearest class in the error's prototype chain, then the
 * status, then the fallback.
 */
export class ErrorHandlers {
  private readonly byClass = new Map<ErrorClass, ErrorHandler>();
  private readonly byStatus = new Map<number, ErrorHandler>();

  constructor(private readonly fallback: ErrorHandler) {}

  onError(errorClass: ErrorClass, handler: ErrorHandler): this {
    this.byClass.set(errorClass, handler);
    return this;
  }

  onStatus(status: number, handler: ErrorHandler): this {
    this.byStatus.set(status, handler);
    return this;
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
