// `npm run bench [-- --json] [-- --quick]`: the benchmarks of the issues, never part of `npm test`.
// NOTE (perf): it runs from the bundle cache (`bin/run-typescript.js`), as `bin/walab.js` and the
// worker threads do, and so do its child processes: no loader hooks, which cost start-up time (and
// the full `tsx`'s CommonJS hooks made the same kernel ~15 % slower).
import {benchBillCli} from "./bill-cli.ts";
import {benchBillingCore} from "./billing.ts";
import {benchScenarioRun} from "./scenario-run.ts";
import {benchServer} from "./server.ts";
import {benchSim} from "./sim.ts";

const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const figures: Record<string, number> = {};
Object.assign(
  figures,
  benchBillingCore(quick ? 1_000_000 : 10_000_000, quick ? 100_000 : 1_000_000),
);
Object.assign(figures, await benchBillCli(quick ? 100_000 : 1_000_000));
Object.assign(figures, await benchSim({quick}));
Object.assign(figures, await benchScenarioRun({quick}));
Object.assign(figures, await benchServer({quick}));

if (args.has("--json")) {
  process.stdout.write(JSON.stringify(figures) + "\n");
} else {
  const rows = Object.entries(figures).map(
    ([name, value]) => `${name.padEnd(22)} ${Number.isInteger(value) ? value : value.toFixed(2)}`,
  );
  process.stdout.write(`walab benchmarks (${quick ? "quick" : "full"})\n${rows.join("\n")}\n`);
}
