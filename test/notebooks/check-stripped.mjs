// Fails if a notebook in the tree carries outputs, execution counts or execution timings, so
// committed notebooks stay small and their diffs readable. `--fix` strips them in place instead.
// Usage: node test/notebooks/check-stripped.mjs [--fix] [files...]   (default: notebooks/**/*.ipynb)
import {readdirSync, readFileSync, statSync, writeFileSync} from "node:fs";
import {join, relative} from "node:path";
import {fileURLToPath} from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const fix = args.includes("--fix");
const files = args.filter((a) => a !== "--fix");

/** Every .ipynb below `dir`, checkpoints left out. */
function findNotebooks(dir) {
  let found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== ".ipynb_checkpoints") found = found.concat(findNotebooks(path));
    } else if (name.endsWith(".ipynb")) found.push(path);
  }
  return found;
}

/** The problems of one notebook (and, with fix, strips them from `nb`). */
function check(nb) {
  const problems = [];
  (nb.cells ?? []).forEach((cell, k) => {
    const where = `cell ${k + 1}${cell.id === undefined ? "" : ` (${cell.id})`}`;
    if (cell.cell_type !== "code") return;
    if (Array.isArray(cell.outputs) && cell.outputs.length > 0) {
      problems.push(`${where}: ${cell.outputs.length} output(s)`);
      if (fix) cell.outputs = [];
    }
    if (cell.execution_count !== null && cell.execution_count !== undefined) {
      problems.push(`${where}: execution_count ${cell.execution_count}`);
      if (fix) cell.execution_count = null;
    }
    if (cell.metadata?.execution !== undefined) {
      problems.push(`${where}: execution timings in metadata`);
      if (fix) delete cell.metadata.execution;
    }
  });
  return problems;
}

const notebooks =
  files.length > 0
    ? files.map((f) => join(process.cwd(), f))
    : findNotebooks(join(ROOT, "notebooks"));
let dirty = 0;
for (const path of notebooks) {
  const name = relative(ROOT, path);
  let nb;
  try {
    nb = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    console.log(`FAIL  ${name}: not a readable notebook: ${error.message}`);
    dirty++;
    continue;
  }
  const problems = check(nb);
  if (problems.length === 0) {
    console.log(`pass  ${name}`);
    continue;
  }
  if (fix) {
    writeFileSync(path, JSON.stringify(nb, null, 1) + "\n");
    console.log(`fixed ${name}: stripped ${problems.length} item(s)`);
    continue;
  }
  dirty++;
  console.log(`FAIL  ${name}`);
  for (const p of problems.slice(0, 10)) console.log(`      ${p}`);
  if (problems.length > 10) console.log(`      ... and ${problems.length - 10} more`);
}
if (notebooks.length === 0) console.log("notebooks stripped: no notebooks found");
else if (dirty === 0)
  console.log(
    `notebooks stripped: PASS: ${notebooks.length} notebook(s) without outputs or execution counts`,
  );
else
  console.log(
    `notebooks stripped: FAIL: ${dirty} of ${notebooks.length} notebook(s) carry outputs; strip them with: node test/notebooks/check-stripped.mjs --fix`,
  );
process.exit(dirty === 0 ? 0 : 1);
