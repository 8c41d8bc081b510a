import type {z} from "zod";
import {BadRequestError, ValidationError} from "./http-error.ts";
import type {FieldProblem} from "./http-error.ts";

/**
 * Turns zod issues into field problems with dotted paths; an unknown key gets its own path.
 * @example fieldProblems([{code: "too_big", path: ["overrides", "volumeScale"], message: "Too big"}]) // => [{path: "overrides.volumeScale", message: "Too big"}]
 * @example fieldProblems([{code: "unrecognized_keys", keys: ["bogus"], path: ["overrides"], message: "..."}]) // => [{path: "overrides.bogus", message: "unknown field"}]
 */
export function fieldProblems(
  issues: readonly {
    code?: string;
    keys?: readonly string[];
    path: readonly PropertyKey[];
    message: string;
  }[],
): FieldProblem[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys" && issue.keys !== undefined && issue.keys.length > 0) {
      return issue.keys.map((key) => ({path: [...path, key].join("."), message: "unknown field"}));
    }
    return [{path: path.join("."), message: issue.message}];
  });
}

/**
 * Parses a request body as JSON and validates it: an empty body counts as `{}`.
 * @throws BadRequestError (400) when the body is not JSON.
 * @throws ValidationError (422) naming every bad field's path.
 * @example await parseJsonBody(new Request("http://x", {method: "POST", body: "{}"}), runRequestSchema) // => {overrides: {}}
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.output<S>> {
  const type = request.headers.get("content-type");
  if (type !== null && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new BadRequestError(`unsupported content type: ${type} (expected application/json)`);
  }
  const text = await request.text();
  let raw: unknown = {};
  if (text.trim() !== "") {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new BadRequestError(`invalid JSON body: ${(error as Error).message}`, {cause: error});
    }
  }
  return parseValue(raw, schema);
}

/**
 * Validates a value already parsed (a query, a path parameter).
 * @throws ValidationError (422) naming every bad field's path.
 */
export function parseValue<S extends z.ZodType>(raw: unknown, schema: S): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw new ValidationError(fieldProblems(result.error.issues));
  return result.data;
}
