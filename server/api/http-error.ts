/**
 * Errors the server turns into JSON responses. Each carries its HTTP status and the data a client
 * needs (the field paths of a bad request, when to retry), plus the usual `cause`.
 */

/** One problem of a request: where (a dotted field path, or "" for the whole body) and what. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** Options every server error takes. */
export interface HttpErrorOptions {
  cause?: unknown;
  problems?: readonly FieldProblem[];
  headers?: Record<string, string>;
}

/** An error with an HTTP status; `onError` answers `{error, status, problems?}` as JSON. */
export class HttpError extends Error {
  readonly status: number;
  readonly problems: readonly FieldProblem[];
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, options: HttpErrorOptions = {}) {
    super(message, {cause: options.cause});
    this.name = "HttpError";
    this.status = status;
    this.problems = options.problems ?? [];
    this.headers = options.headers ?? {};
  }
}

/** 400: the body is not JSON, or a path parameter is malformed. */
export class BadRequestError extends HttpError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(400, message, options);
    this.name = "BadRequestError";
  }
}

/** 404: no such scenario, result, table or asset. */
export class NotFoundError extends HttpError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(404, message, options);
    this.name = "NotFoundError";
  }
}

/** 422: well-formed JSON that fails validation; `problems` name every field path. */
export class ValidationError extends HttpError {
  constructor(problems: readonly FieldProblem[], options: Omit<HttpErrorOptions, "problems"> = {}) {
    super(422, `invalid request: ${problems.map(formatFieldProblem).join("; ")}`, {
      ...options,
      problems,
    });
    this.name = "ValidationError";
  }
}

/** 429: the run queue is full; `Retry-After` says when to come back, in seconds. */
export class QueueFullError extends HttpError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, options: HttpErrorOptions = {}) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(429, `too many runs queued; retry after ${seconds} s`, {
      ...options,
      headers: {...options.headers, "Retry-After": String(seconds)},
    });
    this.name = "QueueFullError";
    this.retryAfterSeconds = seconds;
  }
}

/** 504: a run took longer than the queue's timeout. */
export class RunTimeoutError extends HttpError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number, options: HttpErrorOptions = {}) {
    super(504, `run timed out after ${timeoutMs} ms`, options);
    this.name = "RunTimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A problem as one line.
 * @example formatFieldProblem({path: "overrides.volumeScale", message: "too big"}) // => "overrides.volumeScale: too big"
 */
export function formatFieldProblem(problem: FieldProblem): string {
  return problem.path === "" ? problem.message : `${problem.path}: ${problem.message}`;
}
