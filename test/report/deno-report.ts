// Prints the SHA-256 of the fixture's HTML report; run by deno-report.test.ts under Deno to check
// that the report and its server-side charts are runtime-agnostic and byte-identical to Node's.
import {createHash} from "node:crypto";
import {renderScenarioReport} from "../../server/report/index.ts";
import {scenarioResultFixture} from "./scenario-result-fixture.ts";

/** SHA-256 of the report of the fixture (with sweeps). */
export function reportHash(): string {
  return createHash("sha256").update(renderScenarioReport(scenarioResultFixture())).digest("hex");
}

// `import.meta.main` is Deno's (and Node 24's); under vitest the module is only imported
if ((import.meta as ImportMeta & {main?: boolean}).main === true) console.log(reportHash());
