import {spawnSync} from "node:child_process";
import {existsSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {scenarioLogHash} from "./deno-simulate.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DENO = `${ROOT}node_modules/.bin/deno`;

describe("determinism under Deno", () => {
  it.skipIf(!existsSync(DENO))("Deno writes the byte-identical message log Node writes", () => {
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
        "test/sim/deno-simulate.ts",
        "loja-br-ecommerce.yaml",
        "42",
        "2",
      ],
      {cwd: ROOT, encoding: "utf8", timeout: 120_000},
    );
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe(scenarioLogHash("loja-br-ecommerce.yaml", 42, 2));
  });
});
