// Deno smoke test: bills every worked example, a summary, a generated log and bad input under Node
// and under Deno, and checks stdout, stderr, exit code and --out files are byte-identical.
// Run: node --import tsx test/deno/smoke.ts   (exit 0 all pass, 1 any failure or no deno binary)
import {availableParallelism} from "node:os";
import {DENO_BIN, hasDeno, parityCases, runParity} from "./parity.ts";

if (!hasDeno()) {
  console.error(
    `deno smoke: FAIL: no deno binary at ${DENO_BIN} (npm install installs the deno devDependency)`,
  );
  process.exit(1);
}
const started = performance.now();
const cases = parityCases();
const results = await runParity(cases, availableParallelism(), (r) => {
  const mark = r.problems.length === 0 ? "pass" : "FAIL";
  const ms = `node ${Math.round(r.node.ms)} ms, deno ${Math.round(r.deno.ms)} ms`;
  console.log(`${mark}  ${r.case.name}  (exit ${r.deno.code}; ${ms})`);
  for (const problem of r.problems) console.log(`      ${problem}`);
});
const failed = results.filter((r) => r.problems.length > 0);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const meanMs = (pick: "node" | "deno") =>
  Math.round(results.reduce((s, r) => s + r[pick].ms, 0) / results.length);
console.log(
  `deno smoke: ${failed.length === 0 ? "PASS" : "FAIL"}: ${results.length - failed.length} of ${results.length} ` +
    `command lines byte-identical under Node and Deno in ${seconds} s ` +
    `(mean per run: node ${meanMs("node")} ms, deno ${meanMs("deno")} ms)`,
);
process.exit(failed.length === 0 ? 0 : 1);
