// `npm test`: runs vitest, then prints the closing line CI reads ("N passed, N failed").
import {spawnSync} from "node:child_process";
import {mkdirSync, readFileSync} from "node:fs";

mkdirSync("test-output", {recursive: true});
const report = "test-output/vitest.json";
const result = spawnSync(
  "npx",
  [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile=${report}`,
    ...process.argv.slice(2),
  ],
  {stdio: "inherit"},
);
let passed = 0;
let failed = result.status === 0 ? 0 : 1;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed = json.numPassedTests;
  // a file that fails outside its tests (an import, a hook) counts once; a failed test counts
  // once, not again for each describe block and file around it
  const failedOutsideTests = json.testResults.filter(
    (file) => file.status === "failed" && !file.assertionResults.some((t) => t.status === "failed"),
  ).length;
  failed = json.numFailedTests + failedOutsideTests;
  skipped = json.numPendingTests + json.numTodoTests;
} catch {
  // no report: vitest itself failed before running; counted as one failure above
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
process.exit(result.status ?? 1);
