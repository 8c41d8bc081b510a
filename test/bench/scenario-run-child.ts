// Runs `walab run` in this process and reports its wall time and peak RSS as JSON on fd 3
// (worker threads share the process, so the peak covers them too).
import {writeSync} from "node:fs";
import {runScenarioCommand} from "../../cli/run.ts";

const t0 = performance.now();
const code = await runScenarioCommand(process.argv.slice(2), process);
const ms = performance.now() - t0;
writeSync(3, JSON.stringify({code, ms, maxRssKiB: process.resourceUsage().maxRSS}));
