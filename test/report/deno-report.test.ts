import {describe, expect, it} from "vitest";
import {hasDeno} from "../deno/parity.ts";
import {runDenoScript} from "../support/deno-script.ts";
import {reportHash} from "./deno-report.ts";

describe("the scenario report under Deno", () => {
  it.skipIf(!hasDeno())(
    "renderScenarioReport(fixture) under Deno gives the bytes Node gives",
    () => {
      const run = runDenoScript("test/report/deno-report.ts");
      expect(run.stderr).toBe("");
      expect(run.stdout.trim()).toBe(reportHash());
    },
  );
});
