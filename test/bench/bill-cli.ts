import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {compileBillingData} from "../../engine/index.ts";
import {readShippedData} from "../../io/index.ts";
import {writeNdjsonLog} from "./ndjson-log.ts";
import {createSyntheticTrace} from "./synthetic-trace.ts";

const CHILD = fileURLToPath(new URL("./bill-cli-child.ts", import.meta.url));
/** Runs a TypeScript file as `walab` runs its own: from the cached bundle (bin/bundle-cache.js). */
const RUN_TYPESCRIPT = fileURLToPath(new URL("../../bin/run-typescript.js", import.meta.url));

/**
 * `walab bill` end to end on an NDJSON log of `lines` lines, `runs` times, each in a fresh child
 * process: the best run (as the core's figure) and the median.
 * NOTE (perf): single runs of the same log spread over ±15 % on this VM (0.6-0.8 s for 1 M lines
 * within minutes), more than most changes measured; the best is the steadiest figure.
 */
export async function benchBillCli(
  lines = 1_000_000,
  users = 100_000,
  runs = 3,
): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "walab-bench-"));
  try {
    const {markets} = compileBillingData(readShippedData());
    const trace = createSyntheticTrace(markets, lines, users);
    const log = join(dir, "messages.ndjson");
    const accounts = join(dir, "accounts.json");
    await writeNdjsonLog(trace.batch, trace.accounts, log, accounts);
    const out = join(dir, "charges.ndjson");
    const reports = Array.from({length: runs}, (_, run) => {
      rmSync(out, {force: true});
      return billInChild(log, accounts, out, run > 0);
    });
    const times = reports.map((report) => report.ms).sort((a, b) => a - b);
    const bestMs = times[0]!;
    const medianMs = times[Math.floor(times.length / 2)]!;
    return {
      ndjsonLines: lines,
      ndjsonMiB: statSync(log).size / 2 ** 20,
      ndjsonRuns: runs,
      ndjsonMs: bestMs,
      ndjsonMedianMs: medianMs,
      // the bill command's modules, loaded before the timed run (main imports them on demand)
      ndjsonLoadMs: Math.min(...reports.map((report) => report.loadMs)),
      ndjsonLinesPerSec: lines / (bestMs / 1000),
      ndjsonMedianLinesPerSec: lines / (medianMs / 1000),
      peakRssMiB: Math.max(...reports.map((report) => report.maxRssKiB)) / 1024,
    };
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/**
 * One timed `walab bill` of the log in a child process (bill-cli-child.ts); with `quiet` its
 * warnings are shown only if it fails.
 */
function billInChild(
  log: string,
  accounts: string,
  out: string,
  quiet: boolean,
): {ms: number; loadMs: number; maxRssKiB: number} {
  const child = spawnSync(
    process.execPath,
    [RUN_TYPESCRIPT, CHILD, "bill", "--messages", log, "--accounts", accounts, "--out", out],
    {
      stdio: ["ignore", "inherit", quiet ? "pipe" : "inherit", "pipe"],
      maxBuffer: 1 << 20,
    },
  );
  const report = JSON.parse(String(child.output[3])) as {
    code: number;
    ms: number;
    loadMs: number;
    maxRssKiB: number;
  };
  if (report.code !== 0)
    throw new Error(`walab bill exited ${report.code}\n${String(child.output[2] ?? "")}`);
  return report;
}
