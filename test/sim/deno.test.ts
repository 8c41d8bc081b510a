import {describe, expect, it} from "vitest";
import {hasDeno} from "../deno/parity.ts";
import {runDenoScript} from "../support/deno-script.ts";
import {scenarioLogHash} from "./deno-simulate.ts";

describe("determinism under Deno", () => {
  it.skipIf(!hasDeno())("Deno writes the byte-identical message log Node writes", () => {
    const run = runDenoScript("test/sim/deno-simulate.ts", ["loja-br-ecommerce.yaml", "42", "2"]);
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe(scenarioLogHash("loja-br-ecommerce.yaml", 42, 2));
  });
});
