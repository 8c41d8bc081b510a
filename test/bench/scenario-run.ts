import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";

const CHILD = fileURLToPath(new URL("./scenario-run-child.ts", import.meta.url));
/** Runs a TypeScript file as `walab` runs its own: from the cached bundle (bin/bundle-cache.js). */
const RUN_TYPESCRIPT = fileURLToPath(new URL("../../bin/run-typescript.js", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The shipped scenario that takes longest to run (measured: see the closing note of issue 4). */
export const LARGEST_SCENARIO = "scenarios/otp-auth-in-id.yaml";

/**
 * `walab run` end to end on the largest shipped scenario, in a child process started as `walab`
 * starts (from the bundle cache), once with 1 worker and once with 2: wall time, peak RSS (the process's, worker
 * threads included) and the speed-up. `quick` runs 2 replications instead of the file's.
 * @example await benchScenarioRun() // => {scenarioMs1: 20800, scenarioMs2: 11100, scenarioSpeedup: 1.87, ...}
 */
export async function benchScenarioRun(
  options: {quick?: boolean; file?: string} = {},
): Promise<Record<string, number>> {
  const file = options.file ?? LARGEST_SCENARIO;
  const dir = mkdtempSync(join(tmpdir(), "walab-bench-run-"));
  const figures: Record<string, number> = {};
  try {
    for (const workers of [1, 2]) {
      const args = [file, "--out", join(dir, `w${workers}`), "--workers", String(workers)];
      if (options.quick === true) args.push("--replications", "2");
      const child = spawnSync(process.execPath, [RUN_TYPESCRIPT, CHILD, ...args], {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "inherit", "pipe"],
        maxBuffer: 1 << 20,
      });
      const report = JSON.parse(String(child.output[3])) as {
        code: number;
        ms: number;
        maxRssKiB: number;
      };
      if (report.code !== 0) throw new Error(`walab run ${file} exited ${report.code}`);
      figures[`scenarioMs${workers}`] = report.ms;
      figures[`scenarioRssMiB${workers}`] = report.maxRssKiB / 1024;
    }
    figures.scenarioSpeedup = figures.scenarioMs1! / figures.scenarioMs2!;
    return figures;
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

// `node bin/run-typescript.js test/bench/scenario-run.ts [--quick] [--json] [scenario.yaml]`
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  const figures = await benchScenarioRun({
    quick: args.includes("--quick"),
    ...(file === undefined ? {} : {file}),
  });
  if (args.includes("--json")) process.stdout.write(`${JSON.stringify(figures)}\n`);
  else {
    process.stdout.write(`walab run ${file ?? LARGEST_SCENARIO}\n`);
    for (const [name, value] of Object.entries(figures))
      process.stdout.write(`${name.padEnd(22)} ${value.toFixed(2)}\n`);
  }
}
