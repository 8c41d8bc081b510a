// Scenario files: defaults, strategies and sweeps resolved, and every kind of bad input reported
// at once with its file and JSON-pointer path. The committed JSON Schema equals a fresh one.
import {readFileSync, writeFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {headerQuestion, scenarioJsonSchema} from "../../models/scenario/index.ts";
import {problemsOf, scenarioOf, tinyScenario} from "./fixtures.ts";

const SCHEMA_FILE = new URL("../../schemas/scenario.schema.json", import.meta.url);

describe("parseScenarioFile()", () => {
  it("parseScenarioFile(tiny) fills the defaults: one strategy `base`, one sweep point, the header as question", () => {
    const text = tinyScenario().replace("seed: 42\nreplications: 3\n", "");
    const file = scenarioOf(text);
    expect(file.name).toBe("tiny");
    expect(file.question).toBe("What does a week of a small Indian shop cost?");
    expect(file.seed).toBe(1);
    expect(file.replications).toBe(5);
    expect(file.strategies.map((s) => s.name)).toEqual(["base"]);
    expect(file.points).toHaveLength(1);
    expect(file.points[0]!.values).toEqual({});
    expect(file.base.pricing).toBe("auto");
    expect(file.base.timezone).toBe("Asia/Kolkata");
  });

  it("parseScenarioFile resolves strategies, extends and a 2 x 3 sweep grid, first parameter outermost", () => {
    const file = scenarioOf(
      tinyScenario(`strategies:
  - {name: a, pricing: pmp-2025-07, rates: 2026-04-01}
  - {name: b, extends: a, rates: {IN: {marketing: +15%}, Rest of Africa: {utility: 0.01}}}
sweeps:
  - {lever: replyFaster, values: [1, 0.5]}
  - {path: /traffic/users, values: [500, 1000, 1500]}
`),
    );
    expect(file.strategies.map((s) => s.description)).toEqual([
      "pricing pmp-2025-07; rate card 2026-04-01",
      "pricing pmp-2025-07; rate card 2026-04-01; rates IN marketing +15%, Rest of Africa utility =0.01",
    ]);
    const b = file.strategies[1]!.whatIf(file.base);
    expect(b.pricing).toBe("pmp-2025-07");
    expect(b.rates).toBe("2026-04-01");
    expect(b.rateChanges.map((c) => [c.market, c.category, c.change])).toEqual([
      ["India", "marketing", {kind: "percent", ppm: 150000}],
      ["Rest of Africa", "utility", {kind: "set", micros: 10000}],
    ]);
    expect(file.sweepParameters).toEqual(["replyFaster", "/traffic/users"]);
    expect(file.points.map((p) => p.values)).toEqual([
      {replyFaster: 1, "/traffic/users": 500},
      {replyFaster: 1, "/traffic/users": 1000},
      {replyFaster: 1, "/traffic/users": 1500},
      {replyFaster: 0.5, "/traffic/users": 500},
      {replyFaster: 0.5, "/traffic/users": 1000},
      {replyFaster: 0.5, "/traffic/users": 1500},
    ]);
    const agents = (k: number) =>
      file.points[k]!.base.simulation.traffic[0]!.replies.agents.medianMs;
    expect(agents(3)).toBe(agents(0) / 2);
    expect(file.points[4]!.base.simulation.traffic[0]!.users).toBe(1000);
  });

  it("parseScenarioFile(bad) reports a typo, an unknown market, a negative rate, impossible sweeps and an unknown timezone at once", () => {
    const text = tinyScenario(`strategis: []
strategies:
  - {name: a, pricing: pmp-2025-07}
  - {name: b, pricing: pmp-2099-01}
  - name: c
    rates: {IN: {marketing: -0.01}, XX: {utility: +5%}, BR: {marketting: +1%}}
    replyFaster: -2
sweeps:
  - {lever: ctwaShares, values: [0, 1]}
  - {lever: ctwaShare, values: [0, 1.5]}
  - {path: /traffic/replies/botShare, values: []}
  - {path: /traffic/replies/botShare, values: [2]}
  - {path: /period/start, values: [2026-05-01]}
`).replace("timezone: Asia/Kolkata}", "timezone: Asia/Kolkatta}");
    expect(problemsOf(text)).toEqual([
      'scenarios/x.yaml#/strategis: unknown field; did you mean "strategies"?',
      "scenarios/x.yaml#/period/timezone: unknown IANA timezone",
      expect.stringMatching(
        /^scenarios\/x\.yaml#\/strategies\/1\/pricing: Invalid option: expected one of "auto"\|/,
      ),
      "scenarios/x.yaml#/strategies/2/rates/IN/marketing: negative rate",
      'scenarios/x.yaml#/strategies/2/rates/BR/marketting: unknown field; did you mean "marketing"?',
      "scenarios/x.yaml#/strategies/2/replyFaster: out of range (expected a factor above 0, e.g. 0.5 for twice as fast)",
      "scenarios/x.yaml#/strategies/2/rates/XX: unknown market",
      "scenarios/x.yaml#/sweeps/0/lever: impossible sweep: unknown lever",
      "scenarios/x.yaml#/sweeps/1/values/1: impossible sweep: out of range (expected a share from 0 to 1)",
      "scenarios/x.yaml#/sweeps/2/values: impossible sweep: no values",
      "scenarios/x.yaml#/sweeps/3/values/0: impossible sweep: Too big: expected number to be <=1",
      "scenarios/x.yaml#/sweeps/4/path: impossible sweep: only /traffic and /accounts can be swept",
    ]);
  });

  it("parseScenarioFile reports an unknown edition, an unknown campaign, a duplicate name and an extends cycle", () => {
    const text = tinyScenario(`strategies:
  - {name: a, rateCard: 2025-01-01}
  - {name: a, moveCampaigns: {by: -1d, campaigns: [promo, nope]}}
  - {name: c, extends: d}
  - {name: d, extends: c}
`);
    expect(problemsOf(text)).toEqual([
      "scenarios/x.yaml#/strategies/0/rateCard: no rate-card edition with that date",
      "scenarios/x.yaml#/strategies/1/moveCampaigns/campaigns/1: unknown campaign",
      "scenarios/x.yaml#/strategies/1/name: duplicate strategy name",
      "scenarios/x.yaml#/strategies/3/extends: strategies extend each other in a cycle",
    ]);
  });

  it("parseScenarioFile rejects a market the edition in force does not price, naming market, edition and month", () => {
    // Hong Kong is standalone from 2026-07-01 but missing from the 2026-04-01 card until 2026-10
    const text = tinyScenario(`strategies:
  - {name: auto}
  - {name: october-card, rateCard: 2026-10-01}
`)
      .replace("{start: 2026-05-04, end: 2026-05-11", "{start: 2026-07-06, end: 2026-07-13")
      .replace(
        "{id: id, market: ID, share: 0.2, waba: dukaan-id}",
        "{id: hk, market: HK, share: 0.2, waba: dukaan-id}",
      );
    expect(problemsOf(text)).toEqual([
      "scenarios/x.yaml#/strategies/0: market Hong Kong (population hk, HK) is not priced by rate card 2026-04-01, in force from 2026-07-01",
    ]);
  });

  it("parseScenarioFile checks a lever sweep's values like the field: an unknown market in rates/XX/marketing", () => {
    expect(
      problemsOf(tinyScenario(`sweeps:\n  - {lever: rates/XX/marketing, values: [+10%, -200%]}\n`)),
    ).toEqual([
      "scenarios/x.yaml#/sweeps/0/lever: unknown market",
      "scenarios/x.yaml#/sweeps/0/values/1: impossible sweep: the change makes the rate negative",
    ]);
  });

  it("parseScenarioFile reports a path sweep into an unknown field at the sweep's path", () => {
    expect(
      problemsOf(tinyScenario(`sweeps:\n  - {path: /traffic/replys/botShare, values: [0.5]}\n`)),
    ).toEqual([
      'scenarios/x.yaml#/sweeps/0/path: impossible sweep: /traffic/replys: unknown field; did you mean "replies"?',
    ]);
  });

  it("headerQuestion(text) takes the header comment's first paragraph, skipping the schema modeline", () => {
    const text =
      "# yaml-language-server: $schema=x.json\n#\n# Which model is\n# cheapest?\n#\n# More.\nname: x\n";
    expect(headerQuestion(text)).toBe("Which model is cheapest?");
    expect(headerQuestion("name: x\n")).toBeUndefined();
  });
});

describe("scenarioJsonSchema()", () => {
  it("schemas/scenario.schema.json equals a fresh generation (UPDATE_SCHEMA=1 rewrites it)", () => {
    // compared as JSON values, so reformatting the file (prettier) does not matter
    const fresh = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === "1") writeFileSync(SCHEMA_FILE, fresh);
    const committed: unknown = JSON.parse(readFileSync(SCHEMA_FILE, "utf8"));
    const changed = new URL("../../schemas/scenario.schema.json-changed", import.meta.url);
    if (JSON.stringify(committed) !== JSON.stringify(JSON.parse(fresh)))
      writeFileSync(changed, fresh);
    expect(committed).toEqual(JSON.parse(fresh));
  });

  it("scenarioJsonSchema() describes strategies with their what-if fields and forbids unknown ones", () => {
    const schema = scenarioJsonSchema() as {
      properties: Record<string, {items?: {properties: object; additionalProperties: boolean}}>;
    };
    const strategy = schema.properties.strategies!.items!;
    expect(Object.keys(strategy.properties)).toEqual(
      expect.arrayContaining([
        "name",
        "extends",
        "pricing",
        "rateCard",
        "rates",
        "markup",
        "ctwaShare",
        "utilityInWindow",
      ]),
    );
    expect(strategy.additionalProperties).toBe(false);
  });
});
