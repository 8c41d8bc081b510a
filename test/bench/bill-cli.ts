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

/** `walab bill` end to end on an NDJSON log of `lines` lines, in a child process. */
export async function benchBillCli(
  lines = 1_000_000,
  users = 100_000,
): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "walab-bench-"));
  try {
    const {markets} = compileBillingData(readShippedData());
    const trace = createSyntheticTrace(markets, lines, users);
    const log = join(dir, "messages.ndjson");
    const accounts = join(dir, "accounts.json");
    await writeNdjsonLog(trace.batch, trace.accounts, log, accounts);
    const out = join(dir, "charges.ndjson");
    const child = spawnSync(
      process.execPath,
      [RUN_TYPESCRIPT, CHILD, "bill", "--messages", log, "--accounts", accounts, "--out", out],
      {
        stdio: ["ignore", "inherit", "inherit", "pipe"],
        maxBuffer: 1 << 20,
      },
    );
    const report = JSON.parse(String(child.output[3])) as {
      code: number;
      ms: number;
      loadMs: number;
      maxRssKiB: number;
    };
    if (report.code !== 0) throw new Error(`walab bill exited ${report.code}`);
    return {
      ndjsonLines: lines,
      ndjsonMiB: statSync(log).size / 2 ** 20,
      ndjsonMs: report.ms,
      // the bill command's modules, loaded before the timed run (main imports them on demand)
      ndjsonLoadMs: report.loadMs,
      ndjsonLinesPerSec: lines / (report.ms / 1000),
      peakRssMiB: report.maxRssKiB / 1024,
    };
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}
