// `walab run` end to end, in-process with fake streams: the files written, the same bytes with 1
// and 2 workers, overrides, an accounts file beside the scenario, and bad input: exit 2, every
// problem on stderr as `walab run: file#/path: message`, no output folder and no temporary one.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {runScenarioCommand} from "../../cli/run.ts";
import type {ScenarioResult} from "../../engine/scenario/index.ts";
import {runInProcess} from "../support/run-in-process.ts";
import {tinyScenario} from "./fixtures.ts";

const WORK = mkdtempSync(join(tmpdir(), "walab-run-cli-"));
afterAll(() => rmSync(WORK, {recursive: true, force: true}));

const OUTPUTS = [
  "by-category.csv",
  "by-market.csv",
  "daily.csv",
  "replications.csv",
  "report.html",
  "runs.csv",
  "summary.json",
];

/** Runs `walab run ...args` in-process. */
const walabRun = (args: string[]) => runInProcess(runScenarioCommand, args);

let cases = 0;
/** A fresh folder holding the given files. */
function folder(files: Record<string, string>): (name: string) => string {
  const dir = join(WORK, `case-${++cases}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return (name) => join(dir, name);
}

const STRATEGIES = `strategies:
  - {name: pmp-2025-07, pricing: pmp-2025-07, rateCard: 2026-04-01}
  - {name: pmp-2026-10, pricing: pmp-2026-10, rateCard: 2026-10-01, markup: {percent: 10}}
`;
const TINY = tinyScenario(STRATEGIES, 600);

describe("walab run", () => {
  it("walab run tiny.yaml --out DIR writes summary.json, the CSV tables and the report, and prints the totals", async () => {
    const path = folder({"tiny.yaml": TINY});
    const {code, stdout, stderr} = await walabRun([
      path("tiny.yaml"),
      "--out",
      path("out"),
      "--workers",
      "1",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(readdirSync(path("out")).sort()).toEqual(OUTPUTS);
    const result = JSON.parse(readFileSync(path("out/summary.json"), "utf8")) as ScenarioResult;
    expect(result.scenario).toBe("tiny");
    expect(result.runs.map((r) => r.strategy)).toEqual(["pmp-2025-07", "pmp-2026-10"]);
    expect(result.runs[1]!.markup!.mean).toBeGreaterThan(0);
    expect(readFileSync(path("out/runs.csv"), "utf8").split("\n")[0]).toMatch(
      /^strategy,total_mean,total_low,total_high,/,
    );
    expect(readFileSync(path("out/replications.csv"), "utf8").split("\n")).toHaveLength(2 * 3 + 2);
    expect(readFileSync(path("out/report.html"), "utf8")).toMatch(/^<!DOCTYPE html>/);
    expect(stdout).toContain("pmp-2026-10");
    expect(stdout).toContain(`wrote ${path("out")}`);
  });

  it("walab run --workers 2 writes the same bytes as --workers 1", async () => {
    const path = folder({
      "tiny.yaml": tinyScenario(
        `${STRATEGIES}sweeps:\n  - {path: /traffic/users, values: [300, 600]}\n`,
        600,
      ),
    });
    expect((await walabRun([path("tiny.yaml"), "--out", path("one"), "--workers", "1"])).code).toBe(
      0,
    );
    expect((await walabRun([path("tiny.yaml"), "--out", path("two"), "--workers", "2"])).code).toBe(
      0,
    );
    for (const name of OUTPUTS)
      expect(readFileSync(path(`two/${name}`), "utf8")).toBe(
        readFileSync(path(`one/${name}`), "utf8"),
      );
  });

  it("walab run --seed S --replications N overrides the file and reads an accounts file named relative to it", async () => {
    const accounts = TINY.slice(
      TINY.indexOf("accounts:\n") + "accounts:\n".length,
      TINY.indexOf("traffic:"),
    )
      .split("\n")
      .map((line) => line.replace(/^ {2}/, ""))
      .join("\n");
    const text = TINY.replace(/accounts:\n[\s\S]*?traffic:/, "accounts: accounts.yaml\ntraffic:");
    const path = folder({"tiny.yaml": text, "accounts.yaml": accounts});
    const {code, stderr} = await walabRun([
      path("tiny.yaml"),
      "--out",
      path("out"),
      "--seed",
      "7",
      "--replications",
      "2",
      "--workers",
      "2",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(path("out/summary.json"), "utf8")) as ScenarioResult;
    expect(result.seed).toBe(7);
    expect(result.replications).toBe(2);
    expect(result.runs[0]!.replicationTotals).toHaveLength(2);
  });

  it("walab run on bad input exits 2, lists every problem with file and path, and writes nothing", async () => {
    const bad = tinyScenario(`strategies:
  - {name: a, pricing: pmp-2025-07}
  - {name: b, rates: {XX: {marketing: +5%}, IN: {marketing: -0.5}}}
sweeps:
  - {lever: ctwaShare, values: []}
`)
      .replace("timezone: Asia/Kolkata}", "timezone: Mars/Olympus}")
      .replace("  sessions:", "  sesions:");
    const path = folder({"x.yaml": bad});
    const {code, stdout, stderr} = await walabRun([path("x.yaml"), "--out", path("out")]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const file = path("x.yaml");
    expect(stderr.trimEnd().split("\n")).toEqual([
      `walab run: ${file}#/period/timezone: unknown IANA timezone`,
      `walab run: ${file}#/traffic/sesions: unknown field; did you mean "sessions"?`,
      `walab run: ${file}#/strategies/1/rates/IN/marketing: negative rate`,
      `walab run: ${file}#/strategies/1/rates/XX: unknown market: "XX" (expected an ISO 3166 alpha-2 country (IN) or a market name of markets.csv (Rest of Africa))`,
      `walab run: ${file}#/sweeps/0/values: impossible sweep: no values`,
    ]);
    expect(readdirSync(path("."))).toEqual(["x.yaml"]);
  });

  it("walab run exits 2 and writes nothing when billing fails mid-run, naming strategy and replication", async () => {
    // cbp-2022-02 needs the two-category card; the 2026-04-01 card has no user_initiated or business_initiated rates
    const broken = tinyScenario(
      `strategies:
  - {name: ok}
  - {name: broken, pricing: cbp-2022-02, rateCard: 2026-04-01}
`,
      3000,
    );
    const path = folder({"x.yaml": broken});
    const {code, stderr} = await walabRun([path("x.yaml"), "--out", path("out"), "--workers", "2"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^walab run: .*x\.yaml#\/strategies\/1 \(broken, replication 1\): message m\d+ \(rate card 2026-04-01\): no (user|business)_initiated rate for India/m,
    );
    expect(readdirSync(path("."))).toEqual(["x.yaml"]);
  });

  it("walab run replaces an existing output folder only when the run succeeds", async () => {
    const path = folder({
      "tiny.yaml": TINY,
      "bad.yaml": TINY.replace("pricing: pmp-2025-07", "pricing: pmp-1999"),
    });
    mkdirSync(path("out"));
    writeFileSync(path("out/keep.txt"), "old");
    expect((await walabRun([path("bad.yaml"), "--out", path("out")])).code).toBe(2);
    expect(readdirSync(path("out"))).toEqual(["keep.txt"]);
    expect((await walabRun([path("tiny.yaml"), "--out", path("out"), "--workers", "1"])).code).toBe(
      0,
    );
    expect(readdirSync(path("out")).sort()).toEqual(OUTPUTS);
    expect(readdirSync(path(".")).filter((name) => name.startsWith(".walab-"))).toEqual([]);
  });

  it("walab run without a file, with a bad option value or a missing file exits 2 with a usage message", async () => {
    expect(await walabRun([])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("walab run: missing scenario file"),
    });
    const path = folder({"tiny.yaml": TINY});
    expect(await walabRun([path("tiny.yaml"), "--workers", "0"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("invalid --workers 0"),
    });
    expect(await walabRun([path("tiny.yaml"), "--replications", "x"])).toMatchObject({code: 2});
    expect(await walabRun([path("nope.yaml")])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("cannot read"),
    });
    expect(existsSync(path("out"))).toBe(false);
    const help = await walabRun(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: walab run");
  });
});
