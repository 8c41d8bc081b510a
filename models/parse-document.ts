import {parse as parseYaml} from "yaml";
import {InputError} from "./input-error.ts";

/**
 * Parses a YAML or JSON document (accounts, simulation and scenario files) and checks that it is
 * a mapping.
 * NOTE (perf): JSON is YAML, but JSON.parse reads a large generated file ~40x faster, so text that
 * opens with `{` tries it first; the YAML parser words the error when both fail.
 * @throws InputError naming the file for bad syntax, `file#/` for a document that is no mapping.
 * @example parseMapping("a: 1", "x.yaml", "a test file", "a") // => {a: 1}
 */
export function parseMapping(
  text: string,
  file: string,
  what: string,
  expected: string,
): Record<string, unknown> {
  let document: unknown;
  try {
    document = /^\s*\{/.test(text) ? parseJsonOrYaml(text) : parseYaml(text);
  } catch (error) {
    throw new InputError({path: file, message: `invalid YAML/JSON: ${(error as Error).message}`});
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new InputError({path: `${file}#/`, message: `${what} must be a mapping`, expected});
  }
  return document as Record<string, unknown>;
}

function parseJsonOrYaml(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return parseYaml(text);
  }
}
