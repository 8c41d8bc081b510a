/** Where a problem is, what was found there and what was expected. */
export interface InputProblem {
  /** File, line and field path, e.g. `markets.csv:14#valid_from` or `scenario.yaml#/strategies/2`. */
  path: string;
  message: string;
  value?: unknown;
  expected?: string;
}

/** Formats one problem as `message at path: value (expected ...)`. */
export function formatProblem(problem: InputProblem): string {
  let text = `${problem.message} at ${problem.path}`;
  if (problem.value !== undefined) text += `: ${JSON.stringify(problem.value)}`;
  if (problem.expected !== undefined) text += ` (expected ${problem.expected})`;
  return text;
}

/**
 * Bad input (a file, a line, a field, or shipped data): carries every problem found, so a loader
 * can report them all at once. The CLI turns it into exit code 2.
 */
export class InputError extends Error {
  readonly problems: readonly InputProblem[];
  constructor(problems: InputProblem | readonly InputProblem[], options?: {cause?: unknown}) {
    const list = Array.isArray(problems) ? problems : [problems as InputProblem];
    super(list.map(formatProblem).join("\n"), options);
    this.name = "InputError";
    this.problems = list;
  }
}

/** Collects problems and throws them together. */
export function createProblemList(): {add(problem: InputProblem): void; throwIfAny(): void} {
  const problems: InputProblem[] = [];
  return {
    add(problem) {
      problems.push(problem);
    },
    throwIfAny() {
      if (problems.length > 0) throw new InputError(problems);
    },
  };
}
