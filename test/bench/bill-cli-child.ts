// Runs `walab bill` in this process and reports its wall time and peak RSS as JSON on fd 3.
import {writeSync} from "node:fs";
import {main} from "../../cli/main.ts";

const t0 = performance.now();
const code = await main(process.argv.slice(2));
const ms = performance.now() - t0;
writeSync(3, JSON.stringify({code, ms, maxRssKiB: process.resourceUsage().maxRSS}));
