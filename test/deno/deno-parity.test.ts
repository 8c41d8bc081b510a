// `walab` under Deno (`deno task walab`, the binary of the `deno` devDependency) against `walab`
// under Node (`node bin/walab.js`): every worked example, a summary, a generated 40,000-line log,
// stdin, --out, bad input, `walab simulate` and `walab run` give byte-identical stdout, stderr,
// exit code and output files (the cases are in parity.ts).
import {availableParallelism} from "node:os";
import {beforeAll, describe, expect, it} from "vitest";
import {DENO_BIN, hasDeno, parityCases, runParity} from "./parity.ts";
import type {ParityResult} from "./parity.ts";

const DENO = hasDeno();

describe.runIf(DENO)("walab under Deno and under Node", () => {
  const cases = DENO ? parityCases() : [];
  let results = new Map<string, ParityResult>();

  beforeAll(async () => {
    const list = await runParity(cases, availableParallelism());
    results = new Map(list.map((r) => [r.case.name, r]));
  }, 120_000);

  for (const c of cases) {
    it(`walab ${c.args[0]} (${c.name}) writes the same bytes and exits ${c.code} under both`, () => {
      const result = results.get(c.name);
      expect(result, "not run").toBeDefined();
      expect(result!.problems).toEqual([]);
    });
  }
});

if (!DENO) {
  describe("walab under Deno", () => {
    it.skip(`SKIPPED: no deno binary at ${DENO_BIN}; run npm install (devDependency deno) to test Deno parity`, () => {});
  });
}
