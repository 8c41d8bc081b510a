// Runs `walab bill` in this process and reports its wall time and peak RSS as JSON on fd 3.
import {writeSync} from "node:fs";
import {Writable} from "node:stream";
import {importTypeScript} from "../../bin/bundle-cache.js";

// main as `walab` runs it: from the CLI's cached bundle (bin/walab.js)
const {main} = await importTypeScript<typeof import("../../cli/main.ts")>(
  new URL("../../cli/main.ts", import.meta.url),
);

// `walab bill --help` first loads the bill command's modules (main imports a command when it
// runs), so the timed run measures billing, as it did when main imported every command up front
const loadStart = performance.now();
const discard = new Writable({write: (_chunk, _encoding, done) => done()});
await main(["bill", "--help"], {stdin: process.stdin, stdout: discard, stderr: process.stderr});
const loadMs = performance.now() - loadStart;

const t0 = performance.now();
const code = await main(process.argv.slice(2));
const ms = performance.now() - t0;
writeSync(3, JSON.stringify({code, ms, loadMs, maxRssKiB: process.resourceUsage().maxRSS}));
