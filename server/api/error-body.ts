import {formatProblem, InputError} from "../../models/input-error.ts";
import {HttpError} from "./http-error.ts";
import type {FieldProblem} from "./http-error.ts";

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: string;
  status: number;
  problems?: FieldProblem[];
}

/**
 * The status, headers and JSON body answering an error: an HttpError as it says, the engine's
 * InputError (bad scenario, overrides the scenario cannot take, a month no card prices) as 422
 * with its problems, anything else as 500 without internals.
 * @example errorAnswer(new NotFoundError("no scenario x")).status // => 404
 */
export function errorAnswer(error: unknown): {
  status: number;
  headers: Record<string, string>;
  body: ErrorBody;
} {
  if (error instanceof HttpError) {
    const body: ErrorBody = {error: error.message, status: error.status};
    if (error.problems.length > 0) body.problems = [...error.problems];
    return {status: error.status, headers: error.headers, body};
  }
  if (error instanceof InputError) {
    return {
      status: 422,
      headers: {},
      body: {
        error: error.message,
        status: 422,
        problems: error.problems.map((p) => ({path: p.path, message: formatProblem(p)})),
      },
    };
  }
  return {status: 500, headers: {}, body: {error: "internal error", status: 500}};
}
