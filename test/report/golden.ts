import {existsSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {fileURLToPath} from "node:url";

const GOLDEN_DIR = fileURLToPath(new URL("./golden/", import.meta.url));

/**
 * Rounds every number with more than `digits` decimals in a text to `digits` decimals (trailing
 * zeros dropped), so golden files do not depend on the last bits of floating-point layout
 * arithmetic. Labels with at most `digits` decimals ("2,027.69") stay as they are.
 * @example roundFloats('x="12.3456" y="7.0001" label="2,027.69"') // => 'x="12.35" y="7" label="2,027.69"'
 */
export function roundFloats(text: string, digits = 2): string {
  const number = new RegExp(
    `(?<![\\d.])-?\\d+\\.\\d{${digits + 1},}(?:e[-+]?\\d+)?(?![\\d])`,
    "gi",
  );
  return text.replace(number, (number) => {
    const rounded = Number(Number(number).toFixed(digits));
    return String(Object.is(rounded, -0) ? 0 : rounded);
  });
}

/**
 * Compares `actual` (floats rounded) with `golden/<name>`. On a mismatch writes
 * `golden/<stem>-changed.<ext>` next to it and returns a message; with UPDATE_GOLDEN=1 (or no
 * golden file yet under UPDATE_GOLDEN) rewrites the golden file instead. Returns null on a match.
 */
export function compareGolden(name: string, actual: string): string | null {
  const path = GOLDEN_DIR + name;
  const dot = name.lastIndexOf(".");
  const changedPath = GOLDEN_DIR + `${name.slice(0, dot)}-changed${name.slice(dot)}`;
  const rounded = roundFloats(actual);
  if (process.env.UPDATE_GOLDEN === "1") {
    writeFileSync(path, rounded);
    rmSync(changedPath, {force: true});
    return null;
  }
  if (!existsSync(path)) {
    writeFileSync(changedPath, rounded);
    return `no golden file test/report/golden/${name}; wrote ${name.slice(0, dot)}-changed${name.slice(dot)} (run with UPDATE_GOLDEN=1 to accept)`;
  }
  if (readFileSync(path, "utf8") === rounded) {
    rmSync(changedPath, {force: true});
    return null;
  }
  writeFileSync(changedPath, rounded);
  return `test/report/golden/${name} differs; see test/report/golden/${name.slice(0, dot)}-changed${name.slice(dot)} (run with UPDATE_GOLDEN=1 to accept)`;
}
