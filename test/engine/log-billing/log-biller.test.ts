import {closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {createLogBiller} from "../../../engine/index.ts";
import type {LogBillerOptions} from "../../../engine/index.ts";
import {readShippedData} from "../../../io/index.ts";
import {readWorkedExamples} from "../../support/worked-examples.ts";

const data = readShippedData();
const encoder = new TextEncoder();
const dir = mkdtempSync(join(tmpdir(), "walab-log-biller-"));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

interface Outcome {
  text: string;
  summary: unknown;
  warnings: unknown;
  error: string | undefined;
}

/**
 * Bills `lines` as `walab bill` does, on one thread or two, and keeps whatever comes out. Without
 * `paced` the lines are pushed in one go, so the billing thread's answers arrive only at the end.
 * With `viaFd` the charges go to a file whose descriptor the billing thread writes to itself.
 */
async function bill(
  lines: string[],
  options: Omit<LogBillerOptions, "data">,
  thread: boolean,
  {paced = true, viaFd = false} = {},
): Promise<Outcome> {
  const chunks: Uint8Array[] = [];
  const file = join(dir, `charges-${Math.random()}.ndjson`);
  const fd = openSync(file, "w");
  const sink = viaFd
    ? {writeBytes: (bytes: Uint8Array) => void writeSync(fd, bytes), fd}
    : {writeBytes: (bytes: Uint8Array) => void chunks.push(bytes.slice())};
  const biller = createLogBiller({data, batchSize: 7, ...options, thread}, sink);
  try {
    try {
      for (const line of lines) {
        const bytes = encoder.encode(line);
        biller.pushBytes(bytes, 0, bytes.length);
        if (paced) await biller.pace();
      }
    } catch (error) {
      throw await biller.settle(error);
    }
    const {summary, warnings} = await biller.end();
    const text = viaFd ? readFileSync(file, "utf8") : Buffer.concat(chunks).toString("utf8");
    return {text, summary, warnings, error: undefined};
  } catch (error) {
    return {text: "", summary: null, warnings: null, error: String(error)};
  } finally {
    biller.close();
    closeSync(fd);
  }
}

const ACCOUNTS = `businesses:
  - id: shop
    country: BR
    wabas:
      - {id: shop-br, timezone: America/Sao_Paulo}
      - {id: shop-de, timezone: Europe/Berlin, phones: ["+4930100000"]}
`;

/** A log over both WABAs, a dozen users and every model's edge: phones and types the log adds. */
function mixedLog(): string[] {
  const lines: string[] = [];
  let t = Date.UTC(2025, 5, 28);
  for (let k = 0; k < 120; k++) {
    t += 3_600_000 + k * 61_000;
    const user = `+5511${String(900000000 + (k % 12))}`;
    const waba = k % 3 === 0 ? "shop-de" : "shop-br";
    const phone = waba === "shop-br" ? `,"phone":"+55113000${4000 + (k % 2)}"` : "";
    const head = `{"id":"m${k}","time":"${new Date(t).toISOString()}","waba":"${waba}"${phone},"user":"${user}"`;
    lines.push(
      k % 4 === 0
        ? `${head},"direction":"inbound","type":"${k % 8 === 0 ? "image" : "text"}"${k % 5 === 0 ? ',"entryPoint":"ctwa_ad","device":"mobile"' : ""}}`
        : `${head},"direction":"outbound","type":"template","category":"${["marketing", "utility", "authentication"][k % 3]}"}`,
    );
  }
  return lines;
}

describe("createLogBiller on a second thread", () => {
  it("writes the same bytes, warnings and summary as on one thread", async () => {
    const lines = mixedLog();
    for (const summary of [false, true]) {
      const one = await bill(lines, {accounts: ACCOUNTS, summary}, false);
      const two = await bill(lines, {accounts: ACCOUNTS, summary}, true);
      expect(one.error).toBeUndefined();
      expect(two).toEqual(one);
      expect(await bill(lines, {accounts: ACCOUNTS, summary}, true, {viaFd: true})).toEqual(one);
      expect(summary ? one.summary : one.text.split("\n").length).toBeTruthy();
    }
  });

  it("bills a worked example across many batches exactly as on one thread", async () => {
    const example = readWorkedExamples().find((e) => e.id === "meta-cbp-free-entry-point")!;
    const lines = example.messages.trim().split("\n");
    const options = {accounts: example.accounts, pricing: example.pricing, batchSize: 1};
    expect(await bill(lines, options, true)).toEqual(await bill(lines, options, false));
  });

  it("reports a billing error of an earlier batch before a later bad line, like one thread", async () => {
    const lines = mixedLog();
    // lines 1 and 2 have no pricing model in force (billed with the first batch); line 41 is no JSON
    const outbound = lines[1]!;
    lines.splice(0, 0, outbound.replace(/"time":"[^"]+"/, '"time":"2021-06-01T00:00:00Z"'));
    lines.splice(1, 0, outbound.replace(/"time":"[^"]+"/, '"time":"2021-06-01T01:00:00Z"'));
    lines[40] = "{not json";
    const one = await bill(lines, {accounts: ACCOUNTS}, false);
    expect(one.error).toMatch(/no pricing model in force/);
    expect(await bill(lines, {accounts: ACCOUNTS}, true)).toEqual(one);
    expect(await bill(lines, {accounts: ACCOUNTS}, true, {paced: false})).toEqual(one);
    // the same when the billing thread writes the file itself (its writes settle before the error)
    expect(await bill(lines, {accounts: ACCOUNTS}, true, {viaFd: true})).toEqual(one);
    // without the billing error, the bad line is what both report
    const later = await bill(lines.slice(2), {accounts: ACCOUNTS}, true);
    expect(later.error).toMatch(/invalid JSON at messages:39/);
    expect(later).toEqual(await bill(lines.slice(2), {accounts: ACCOUNTS}, false));
    expect(await bill(lines.slice(2), {accounts: ACCOUNTS}, true, {viaFd: true})).toEqual(later);
  });
});
