// Node/Deno parity: the same `walab` command line run by Node (`node bin/walab.js`, what `npx walab`
// runs) and by Deno (`deno task -q walab`, what `npx deno task walab` runs), compared byte for byte:
// stdout, stderr, exit code and any --out file or every file of an --out folder. Shared by test/deno/smoke.ts and the vitest test.
import {spawn} from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The deno binary of the `deno` npm package (node_modules/.bin/deno). */
export const DENO_BIN = join(ROOT, "node_modules", ".bin", "deno");
/** Scratch folder for generated inputs and --out files (git-ignored). */
export const WORK_DIR = join(ROOT, "test-output", "deno-parity");

const EXAMPLES = "examples/worked-examples";

/** One command line to run under both runtimes; paths are relative to the project root. */
export interface ParityCase {
  name: string;
  args: string[];
  /** Text fed to stdin. */
  stdin?: string;
  /** `--out` target: each runtime writes its own file (the name gets `.node`/`.deno`). */
  out?: string;
  /**
   * `out` is a folder (`walab run --out DIR`): every file in it is compared, and the folder's
   * runtime-specific name in stdout and stderr reads `<out>` in both.
   */
  outDir?: boolean;
  /** Expected exit code (both runtimes must agree on it as well). */
  code: number;
  /**
   * Run Deno through the documented door, `npx deno task -q walab`, instead of the deno binary;
   * npm's own `npm warn` lines are then dropped from its stderr.
   */
  npx?: boolean;
}

export interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: Buffer;
  out?: Buffer;
  /** The files of an --out folder (`outDir`), by name in sorted order. */
  outFiles?: Map<string, Buffer>;
  ms: number;
}

export interface ParityResult {
  case: ParityCase;
  node: RunResult;
  deno: RunResult;
  /** What differs; empty when the runtimes agree and the exit code is the expected one. */
  problems: string[];
}

/** Whether the deno binary is installed (the `deno` devDependency). */
export function hasDeno(): boolean {
  return existsSync(DENO_BIN);
}

/**
 * The cases: every worked example, a summary, a generated multi-market log of `bigLines` lines
 * (crosses the 1 MiB read chunks and the pricing-model switches), stdin, --out, help, and bad input.
 */
export function parityCases(bigLines = 40_000): ParityCase[] {
  mkdirSync(WORK_DIR, {recursive: true});
  const cases: ParityCase[] = [];
  for (const id of readdirSync(join(ROOT, EXAMPLES)).sort()) {
    const dir = `${EXAMPLES}/${id}`;
    const pricing = readFileSync(join(ROOT, dir, "pricing"), "utf8").trim();
    cases.push({
      name: `bill ${id}`,
      args: [
        "bill",
        "--accounts",
        `${dir}/accounts.yaml`,
        "--messages",
        `${dir}/messages.ndjson`,
        "--pricing",
        pricing,
      ],
      code: 0,
    });
  }
  const pmp = `${EXAMPLES}/meta-pmp-charge-example`;
  cases.push({
    name: "bill through npx deno task walab",
    args: ["bill", "--accounts", `${pmp}/accounts.yaml`, "--messages", `${pmp}/messages.ndjson`],
    code: 0,
    npx: true,
  });
  cases.push({
    name: "bill --summary",
    args: [
      "bill",
      "--accounts",
      `${pmp}/accounts.yaml`,
      "--messages",
      `${pmp}/messages.ndjson`,
      "--summary",
    ],
    code: 0,
  });
  const big = writeBigLog(bigLines);
  cases.push({
    name: `bill a generated ${bigLines}-line log (auto pricing)`,
    args: ["bill", "--accounts", big.accounts, "--messages", big.messages],
    code: 0,
  });
  cases.push({
    name: `bill a generated ${bigLines}-line log on two threads (--threads 2)`,
    args: ["bill", "--accounts", big.accounts, "--messages", big.messages, "--threads", "2"],
    code: 0,
  });
  cases.push({
    name: `bill a generated ${bigLines}-line log --summary`,
    args: ["bill", "--accounts", big.accounts, "--messages", big.messages, "--summary"],
    code: 0,
  });
  cases.push({
    name: "bill --messages - (stdin)",
    args: ["bill", "--accounts", `${pmp}/accounts.yaml`, "--messages", "-"],
    stdin: readFileSync(join(ROOT, pmp, "messages.ndjson"), "utf8"),
    code: 0,
  });
  cases.push({
    name: "bill --out FILE",
    args: ["bill", "--accounts", `${pmp}/accounts.yaml`, "--messages", `${pmp}/messages.ndjson`],
    out: relative(join(WORK_DIR, "out.ndjson")),
    code: 0,
  });
  // scenarios: a small `walab run` (summary.json, the CSV tables and report.html, byte for byte)
  // and a shipped simulation file's billing summary
  cases.push({
    name: "run a shipped scenario (2 replications, 1 worker) --out DIR",
    args: [
      "run",
      "scenarios/ecommerce-br-pricing-models.yaml",
      "--replications",
      "2",
      "--workers",
      "1",
    ],
    out: relative(join(WORK_DIR, "run-ecommerce-br")),
    outDir: true,
    code: 0,
  });
  cases.push({
    name: "simulate a shipped simulation file --seed 3 --summary",
    args: ["simulate", "scenarios/loja-br-ecommerce.yaml", "--seed", "3", "--summary"],
    code: 0,
  });
  cases.push({name: "help", args: ["help"], code: 0});
  cases.push({name: "bill --help", args: ["bill", "--help"], code: 0});
  // bad input: exit 2, the same message, nothing on stdout
  cases.push({
    name: "bad input: missing messages file",
    args: ["bill", "--messages", `${EXAMPLES}/no-such-log.ndjson`],
    code: 2,
  });
  const badLog = relative(join(WORK_DIR, "bad-category.ndjson"));
  writeWhole(
    join(ROOT, badLog),
    readFileSync(join(ROOT, pmp, "messages.ndjson"), "utf8").replace(
      '"category":"utility"',
      '"category":"promo"',
    ),
  );
  cases.push({
    name: "bad input: unknown category on a line",
    args: ["bill", "--accounts", `${pmp}/accounts.yaml`, "--messages", badLog],
    code: 2,
  });
  cases.push({
    name: "bad input: bad line with --out leaves no file",
    args: ["bill", "--accounts", `${pmp}/accounts.yaml`, "--messages", badLog],
    out: relative(join(WORK_DIR, "bad-out.ndjson")),
    code: 2,
  });
  cases.push({
    name: "bad input: unknown --pricing",
    args: ["bill", "--messages", `${pmp}/messages.ndjson`, "--pricing", "pmp-2099-01"],
    code: 2,
  });
  cases.push({name: "bad input: missing --messages", args: ["bill"], code: 2});
  cases.push({name: "bad input: unknown command", args: ["nonsense"], code: 2});
  return cases;
}

/** Runs one case under Node and under Deno (concurrently) and compares the results. */
export async function runParityCase(c: ParityCase): Promise<ParityResult> {
  const [node, deno] = await Promise.all([
    runOnce(process.execPath, ["bin/walab.js"], c, "node"),
    c.npx === true
      ? runOnce("npx", ["--no-install", "deno", "task", "-q", "walab"], c, "deno")
      : runOnce(DENO_BIN, ["task", "-q", "walab"], c, "deno"),
  ]);
  if (c.npx === true)
    deno.stderr = Buffer.from(deno.stderr.toString().replace(/^npm warn .*\n/gm, ""));
  const problems: string[] = [];
  if (node.code !== c.code)
    problems.push(
      `node exit code ${node.code}, expected ${c.code}: ${node.stderr.toString().slice(0, 400)}`,
    );
  if (deno.code !== c.code)
    problems.push(
      `deno exit code ${deno.code}, expected ${c.code}: ${deno.stderr.toString().slice(0, 400)}`,
    );
  if (!node.stdout.equals(deno.stdout))
    problems.push(`stdout differs: ${firstDifference(node.stdout, deno.stdout)}`);
  if (!node.stderr.equals(deno.stderr))
    problems.push(`stderr differs: ${firstDifference(node.stderr, deno.stderr)}`);
  if (c.outDir === true) {
    problems.push(...compareOutDirs(c, node.outFiles, deno.outFiles));
  } else if (c.out !== undefined) {
    if (c.code === 0 && (node.out === undefined || deno.out === undefined))
      problems.push("an --out file is missing");
    else if (c.code !== 0 && (node.out !== undefined || deno.out !== undefined))
      problems.push("a failed run left an --out file");
    else if (node.out !== undefined && deno.out !== undefined && !node.out.equals(deno.out)) {
      problems.push(`--out file differs: ${firstDifference(node.out, deno.out)}`);
    }
  }
  if (c.code !== 0 && (node.stdout.length > 0 || deno.stdout.length > 0))
    problems.push("a failed run wrote to stdout");
  if (c.code === 0 && c.out === undefined && node.stdout.length === 0)
    problems.push("no output at all");
  return {case: c, node, deno, problems};
}

/** Runs the cases `concurrency` at a time, in order of the returned array. */
export async function runParity(
  cases: ParityCase[],
  concurrency = 4,
  onResult?: (r: ParityResult) => void,
): Promise<ParityResult[]> {
  const results: ParityResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const k = next++;
      results[k] = await runParityCase(cases[k]!);
      onResult?.(results[k]!);
    }
  };
  await Promise.all(Array.from({length: Math.min(concurrency, cases.length)}, worker));
  return results;
}

function runOnce(
  command: string,
  prefix: string[],
  c: ParityCase,
  runtime: string,
): Promise<RunResult> {
  const outPath = c.out === undefined ? undefined : `${c.out}.${runtime}`;
  if (outPath !== undefined)
    rmSync(join(ROOT, outPath), {force: true, recursive: c.outDir === true});
  const args = outPath === undefined ? c.args : [...c.args, "--out", outPath];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // INIT_CWD: `deno task` starts in the project folder and cli/deno.ts moves to INIT_CWD; an
    // INIT_CWD inherited from an outer `npm test` run elsewhere must not leak in.
    const child = spawn(command, [...prefix, ...args], {
      cwd: ROOT,
      env: {...process.env, INIT_CWD: ROOT, NO_COLOR: "1"},
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => stdout.push(b));
    child.stderr.on("data", (b: Buffer) => stderr.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      const outFile = outPath === undefined ? undefined : join(ROOT, outPath);
      const exists = outFile !== undefined && existsSync(outFile);
      // an --out folder's name differs by runtime; it reads <out> in what the command printed
      const printed = (chunks: Buffer[]) =>
        c.outDir === true && outPath !== undefined
          ? Buffer.from(Buffer.concat(chunks).toString().replaceAll(outPath, "<out>"))
          : Buffer.concat(chunks);
      resolve({
        code,
        stdout: printed(stdout),
        stderr: printed(stderr),
        out: exists && c.outDir !== true ? readFileSync(outFile) : undefined,
        outFiles: exists && c.outDir === true ? readFolder(outFile) : undefined,
        ms: performance.now() - started,
      });
    });
    child.stdin.on("error", () => {}); // a run that fails early may close stdin first
    child.stdin.end(c.stdin ?? "");
  });
}

/** The files of a folder by name, sorted (an --out folder holds no subfolders). */
function readFolder(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name))]),
  );
}

/** What differs between the --out folders of the two runtimes (`outDir` cases). */
function compareOutDirs(
  c: ParityCase,
  node: Map<string, Buffer> | undefined,
  deno: Map<string, Buffer> | undefined,
): string[] {
  if (c.code !== 0)
    return node !== undefined || deno !== undefined ? ["a failed run left an --out folder"] : [];
  if (node === undefined || deno === undefined) return ["an --out folder is missing"];
  const problems: string[] = [];
  const names = [...new Set([...node.keys(), ...deno.keys()])].sort();
  if (names.length === 0) problems.push("the --out folder is empty");
  for (const name of names) {
    const a = node.get(name);
    const b = deno.get(name);
    if (a === undefined || b === undefined)
      problems.push(`--out folder: ${name} written by ${a === undefined ? "deno" : "node"} only`);
    else if (!a.equals(b)) problems.push(`--out folder: ${name} differs: ${firstDifference(a, b)}`);
  }
  return problems;
}

function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const lineStart = a.lastIndexOf(10, i - 1) + 1;
  const show = (x: Buffer) =>
    JSON.stringify(x.subarray(lineStart, Math.min(x.length, i + 80)).toString());
  return `at byte ${i} (node ${a.length} bytes, deno ${b.length} bytes): node ${show(a)} / deno ${show(b)}`;
}

/** Writes a file whole (temporary file, then rename): a smoke run and `npm test` may overlap. */
function writeWhole(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

function relative(path: string): string {
  return path.slice(ROOT.length);
}

/**
 * Writes a deterministic multi-market log (Brazil, India, Germany, Indonesia; two WABAs, one in
 * America/Sao_Paulo) from 2025-06 to 2026-11, so the auto pricing crosses cbp-2024-11,
 * pmp-2025-07 and pmp-2026-10. Returns the paths relative to the project root.
 */
function writeBigLog(lines: number): {accounts: string; messages: string} {
  const accounts = relative(join(WORK_DIR, "big-accounts.yaml"));
  const messages = relative(join(WORK_DIR, `big-${lines}.ndjson`));
  writeWhole(
    join(ROOT, accounts),
    [
      "businesses:",
      "  - id: loja",
      "    country: BR",
      "    wabas:",
      '      - {id: loja-br, timezone: America/Sao_Paulo, currency: USD, phones: ["+551130004000"]}',
      '      - {id: loja-intl, timezone: UTC, currency: USD, phones: ["+551130004001"]}',
      "",
    ].join("\n"),
  );
  let seed = 20260406;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const prefixes = ["+55119", "+55219", "+9198", "+49151", "+62812"];
  const categories = ["marketing", "utility", "authentication"];
  const start = Date.parse("2025-06-01T00:00:00Z");
  const stepMs = (Date.parse("2026-11-30T00:00:00Z") - start) / lines;
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const t = new Date(start + Math.floor(i * stepMs + random() * stepMs)).toISOString();
    const market = Math.floor(random() * random() * prefixes.length);
    const user = `${prefixes[market]}${String(Math.floor(random() * 400)).padStart(7, "0")}`;
    const waba = market === 0 ? "loja-br" : "loja-intl";
    const r = random();
    let rest: string;
    if (r < 0.3)
      rest = `"direction":"inbound","type":"text"${random() < 0.2 ? ',"entryPoint":"ctwa_ad","device":"mobile"' : ""}`;
    else if (r < 0.55) rest = `"direction":"outbound","type":"text"`;
    else
      rest = `"direction":"outbound","type":"template","category":"${categories[Math.floor(random() * 3)]}"${random() < 0.03 ? ',"status":"failed"' : ""}`;
    out.push(`{"id":"b${i}","time":"${t}","waba":"${waba}","user":"${user}",${rest}}\n`);
  }
  writeWhole(join(ROOT, messages), out.join(""));
  return {accounts, messages};
}
