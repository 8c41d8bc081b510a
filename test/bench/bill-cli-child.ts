// Runs `walab bill` in this process and reports its wall time and peak RSS as JSON on fd 3.
import {writeSync} from "node:fs";
import {importTypeScript} from "../../bin/bundle-cache.js";

// main as `walab` runs it: from the CLI's cached bundle (bin/walab.js)
const {main} = await importTypeScript<typeof import("../../cli/main.ts")>(
  new URL("../../cli/main.ts", import.meta.url),
);

const t0 = performance.now();
const code = await main(process.argv.slice(2));
const ms = performance.now() - t0;
writeSync(3, JSON.stringify({code, ms, maxRssKiB: process.resourceUsage().maxRSS}));
