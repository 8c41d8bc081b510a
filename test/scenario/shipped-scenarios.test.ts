// Every scenario shipped in scenarios/ loads (schema, strategies, sweeps, every market priced by
// the editions in force), states its question, and bills one replication without an error.
import {readdirSync, readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {runScenario, withOverrides, planScenario} from "../../engine/scenario/index.ts";
import {data, numbering, scenarioOf} from "./fixtures.ts";

const DIR = new URL("../../scenarios/", import.meta.url);
const FILES = readdirSync(DIR)
  .filter((name) => name.endsWith(".yaml"))
  .sort();

describe("shipped scenarios", () => {
  it("scenarios/ ships at least six scenarios with strategies", () => {
    const withStrategies = FILES.filter((name) =>
      /^strategies:/m.test(readFileSync(new URL(name, DIR), "utf8")),
    );
    expect(withStrategies.length).toBeGreaterThanOrEqual(6);
  });

  for (const name of FILES) {
    it(`scenarios/${name} loads, asks its question and runs one replication`, () => {
      const text = readFileSync(new URL(name, DIR), "utf8");
      const file = scenarioOf(text, `scenarios/${name}`);
      expect(file.question.length).toBeGreaterThan(20);
      expect(text.startsWith("#")).toBe(true);
      const plan = planScenario(withOverrides(file, {replications: 1}), data, numbering);
      const result = runScenario(plan);
      expect(result.runs).toHaveLength(file.strategies.length * file.points.length);
      for (const run of result.runs) expect(run.total.mean).toBeGreaterThan(0);
    });
  }
});
