import type {z} from "zod";
import type {InputProblem} from "../input-error.ts";

type Issue = z.core.$ZodIssue;
type Key = PropertyKey;

/**
 * Turns zod issues into problems with JSON-pointer paths inside `file` (`x.yaml#/a/0/b`), so a
 * reader finds each at once: an unknown field is reported at its own path with the closest known
 * field name; a failed union reports the branch the value was written for (its deepest issues)
 * rather than zod's bare "Invalid input".
 * @example issueProblems("x.yaml", issues, ["strategies", 2], names)[0].path // => "x.yaml#/strategies/2/rates/IN"
 */
export function issueProblems(
  file: string,
  issues: readonly Issue[],
  prefix: readonly Key[] = [],
  knownFields: readonly string[] = [],
): InputProblem[] {
  const problems: InputProblem[] = [];
  const visit = (issue: Issue, base: readonly Key[]) => {
    const path = [...base, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const branch = bestBranch(issue.errors);
      if (branch !== undefined) {
        for (const inner of branch) visit(inner, path);
        return;
      }
      const expected = [
        ...new Set(
          issue.errors.flatMap((errors) =>
            errors
              .filter((e) => e.code === "invalid_type")
              .map((e) => (e as {expected: string}).expected),
          ),
        ),
      ];
      problems.push({
        path: pointer(file, path),
        message: "invalid value",
        ...(expected.length > 0 ? {expected: expected.join(" or ")} : {}),
      });
      return;
    }
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        problems.push(unknownField(file, [...path, key], key, knownFields));
      return;
    }
    problems.push({path: pointer(file, path), message: issue.message});
  };
  for (const issue of issues) visit(issue, prefix);
  return problems;
}

/**
 * Rewrites problems whose message is zod's `Unrecognized key(s): "a", "b"` (e.g. from the
 * simulation-file loader) into one `unknown field` problem per key at the key's own path.
 */
export function expandUnknownFields(
  problems: readonly InputProblem[],
  knownFields: readonly string[],
): InputProblem[] {
  return problems.flatMap((problem) => {
    const match = /^Unrecognized keys?: (.+)$/.exec(problem.message);
    if (match === null) return [problem];
    const keys = [...match[1]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
    const base = problem.path.endsWith("/") ? problem.path.slice(0, -1) : problem.path;
    return keys.map((key) => ({
      ...unknownField("", [], key, knownFields),
      path: `${base}/${escapePointer(key)}`,
    }));
  });
}

/** A JSON pointer into the file: `file#/a/0/b` (`file#/` for the root). */
export function pointer(file: string, path: readonly Key[]): string {
  return `${file}#/${path.map((p) => escapePointer(String(p))).join("/")}`;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function unknownField(
  file: string,
  path: readonly Key[],
  key: string,
  known: readonly string[],
): InputProblem {
  const suggestion = closest(key, known);
  return {
    path: pointer(file, path),
    message:
      suggestion === undefined ? "unknown field" : `unknown field; did you mean "${suggestion}"?`,
  };
}

/** The union branch the value was meant for: the one whose issues are not a type mismatch at its root. */
function bestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  let best: readonly Issue[] | undefined;
  let bestDepth = -1;
  for (const errors of branches) {
    if (errors.length === 0) continue;
    if (errors.some((e) => e.code === "invalid_type" && e.path.length === 0)) continue;
    const depth = Math.max(...errors.map((e) => e.path.length)) + 1;
    if (depth > bestDepth) {
      best = errors;
      bestDepth = depth;
    }
  }
  return best;
}

/** The known name closest to `name` by edit distance (at most 1 for short names, else 2). */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = (name.length <= 4 ? 1 : 2) + 1;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance with one rolling row; O(|a| x |b|). */
function editDistance(a: string, b: string): number {
  const row = Array.from({length: b.length + 1}, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
