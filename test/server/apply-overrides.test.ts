import {parse} from "yaml";
import {describe, expect, it} from "vitest";
import {applyOverrides, changesDocument} from "../../server/api/apply-overrides.ts";
import {canonicalJson, sha256Hex} from "../../server/api/content-key.ts";

const SCENARIO = `# What does the shop pay?
#
#   npx walab run scenarios/shop.yaml
name: shop
traffic:
  users: 20000
  populations:
    - {id: br, market: BR, share: 1}
  sessions:
    organic: {perUserPerMonth: 0.3}
    ctwaAd: {budgetPerDay: 40, cpm: 3.5}
    pageCta: {visitsPerDay: 100}
strategies:
  - name: cbp
    pricing: cbp-2023-06
    rateCard: 2023-06-01
  - name: fast
    extends: cbp
    replyFaster: 0.5
    ctwaShare: {share: 0.1, cpm: 4}
`;

describe("applyOverrides", () => {
  it("applyOverrides(text, file, {}) returns the text unchanged", () => {
    expect(applyOverrides(SCENARIO, "shop.yaml", {replications: 3, seed: 1})).toBe(SCENARIO);
    expect(changesDocument({replications: 3})).toBe(false);
    expect(changesDocument({volumeScale: 2})).toBe(true);
  });

  it("applyOverrides writes the levers into every strategy in the file's own terms", () => {
    const out = applyOverrides(SCENARIO, "shop.yaml", {
      pricing: "pmp-2025-07",
      adEntryShare: 0.4,
      replyLatencyScale: 0.5,
      marketingCapPerWeek: 2,
    });
    const doc = parse(out);
    expect(doc.strategies).toEqual([
      {
        name: "cbp",
        pricing: "pmp-2025-07",
        ctwaShare: 0.4,
        replyFaster: 0.5,
        capMarketing: {max: 2, per: "7d"},
      },
      {
        name: "fast",
        extends: "cbp",
        pricing: "pmp-2025-07",
        ctwaShare: {share: 0.4, cpm: 4},
        replyFaster: 0.25,
        capMarketing: {max: 2, per: "7d"},
      },
    ]);
    expect(
      out.startsWith("# What does the shop pay?\n#\n#   npx walab run scenarios/shop.yaml\n"),
    ).toBe(true);
  });

  it("applyOverrides({marketingCapPerWeek: null}) lifts the cap with capMarketing: false", () => {
    const doc = parse(applyOverrides(SCENARIO, "shop.yaml", {marketingCapPerWeek: null}));
    expect(doc.strategies[0].capMarketing).toBe(false);
  });

  it("applyOverrides({volumeScale}) scales users, ad budgets and page visits of every traffic block", () => {
    const doc = parse(applyOverrides(SCENARIO, "shop.yaml", {volumeScale: 1.5}));
    expect(doc.traffic.users).toBe(30000);
    expect(doc.traffic.sessions.ctwaAd.budgetPerDay).toBe(60);
    expect(doc.traffic.sessions.pageCta.visitsPerDay).toBe(150);
    expect(doc.traffic.sessions.organic).toEqual({perUserPerMonth: 0.3});
    const blocks = parse(
      applyOverrides(
        "traffic:\n  - users: 10\n    populations: [{market: BR, users: 4}]\n  - users: 3\n",
        "x.yaml",
        {volumeScale: 0.5},
      ),
    );
    expect(blocks.traffic).toEqual([
      {users: 5, populations: [{market: "BR", users: 2}]},
      {users: 2},
    ]);
  });

  it("applyOverrides throws InputError for a file that is not a YAML mapping", () => {
    expect(() => applyOverrides("- a\n- b\n", "x.yaml", {volumeScale: 2})).toThrow(
      "not a scenario (expected a YAML mapping) at x.yaml",
    );
  });
});

describe("content keys", () => {
  it("canonicalJson sorts keys at every level and drops undefined members", () => {
    expect(canonicalJson({b: 1, a: [2, {d: 3, c: undefined}]})).toBe('{"a":[2,{"d":3}],"b":1}');
    expect(() => canonicalJson({x: NaN})).toThrow(TypeError);
  });

  it("sha256Hex hashes UTF-8 text with Web Crypto", async () => {
    expect(await sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});
