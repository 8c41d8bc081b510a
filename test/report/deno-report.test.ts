import {spawnSync} from "node:child_process";
import {existsSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {reportHash} from "./deno-report.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DENO = `${ROOT}node_modules/.bin/deno`;

describe("the scenario report under Deno", () => {
  it.skipIf(!existsSync(DENO))(
    "renderScenarioReport(fixture) under Deno gives the bytes Node gives",
    () => {
      const run = spawnSync(
        DENO,
        [
          "run",
          "--quiet",
          "--no-prompt",
          "--allow-read",
          "--allow-env",
          "--allow-sys",
          "--config",
          "deno.json",
          "test/report/deno-report.ts",
        ],
        {cwd: ROOT, encoding: "utf8", timeout: 120_000},
      );
      expect(run.stderr).toBe("");
      expect(run.stdout.trim()).toBe(reportHash());
    },
  );
});
