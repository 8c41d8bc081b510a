import {spawnSync} from "node:child_process";
import type {SpawnSyncReturns} from "node:child_process";
import {DENO_BIN, ROOT} from "../deno/parity.ts";

/**
 * Runs a TypeScript file of the project under Deno (read, env and sys allowed, the project's
 * deno.json) from the project root, with its output as text.
 * @example runDenoScript("test/sim/deno-simulate.ts", ["loja-br-ecommerce.yaml", "42", "2"]).stdout
 */
export function runDenoScript(script: string, args: string[] = []): SpawnSyncReturns<string> {
  return spawnSync(
    DENO_BIN,
    [
      "run",
      "--quiet",
      "--no-prompt",
      "--allow-read",
      "--allow-env",
      "--allow-sys",
      "--config",
      "deno.json",
      script,
      ...args,
    ],
    {cwd: ROOT, encoding: "utf8", timeout: 120_000},
  );
}
