import {describe, expect, it} from "vitest";
import {chargeRecordAt, createBillingRun, createChargeEncoder} from "../../../engine/index.ts";
import {readShippedData} from "../../../io/index.ts";
import {readWorkedExamples} from "../../support/worked-examples.ts";

const data = readShippedData();

/** Every charge of a log, written both ways: the CLI's encoder and JSON of the record object. */
function bothWays(
  messages: string,
  options: {accounts?: string; pricing?: string; sort?: boolean},
  renameUsers?: (users: string[]) => void,
  idPrefix?: string,
): [string[], string[]] {
  // renamed users no longer match the digits a log reader's batch carries per row: drop those
  const withoutDigits = renameUsers !== undefined;
  const lines: string[] = [];
  const objects: string[] = [];
  let encodeCharges: ReturnType<typeof createChargeEncoder> | undefined;
  const run = createBillingRun({data, ...options}, (batch, charges) => {
    renameUsers?.(batch.users);
    if (withoutDigits) (batch as {userDigits?: Float64Array | null}).userDigits = null;
    if (idPrefix !== undefined) {
      // ids made as the simulator makes them: a prefix and a number
      batch.idBytes = batch.idEnds = null;
      batch.idPrefix = idPrefix;
      batch.idStart = 1000 * objects.length;
    }
    encodeCharges ??= createChargeEncoder(run.context);
    const text = new TextDecoder().decode(encodeCharges(batch, charges));
    lines.push(...text.split("\n").slice(0, -1));
    for (let j = 0; j < charges.length; j++) {
      objects.push(JSON.stringify(chargeRecordAt(run.context, batch, charges, j)));
    }
  });
  for (const line of messages.split("\n")) run.reader.push(line);
  run.reader.end();
  return [lines, objects];
}

describe("createChargeEncoder", () => {
  for (const example of readWorkedExamples()) {
    it(`createChargeEncoder(${example.id}) writes JSON.stringify(chargeRecordAt(...)) byte for byte`, () => {
      const [lines, objects] = bothWays(example.messages, {
        accounts: example.accounts,
        pricing: example.pricing,
      });
      expect(lines.length).toBeGreaterThan(0);
      expect(lines).toEqual(objects);
    });
  }

  it("createChargeEncoder matches on escaped ids, a phone-less WABA, ms times and every model under auto", () => {
    const users = ["+5511987654321", "+919876543210", "+5491123456789"];
    const times = [
      "2023-02-20T10:00:00.250Z",
      "2023-06-20T10:00:00Z",
      "2024-12-02T10:00:00Z",
      "2025-08-04T10:00:00Z",
      "2026-10-05T10:00:00Z",
    ];
    const log: string[] = [];
    times.forEach((time, k) => {
      users.forEach((user, u) => {
        const id = JSON.stringify(`m"${k}\\${u}é`);
        log.push(
          `{"id":${id},"time":"${time}","user":"${user}","direction":"inbound","type":"text","entryPoint":"ctwa_ad"}`,
        );
        log.push(
          `{"time":"${time.replace("10:00", "11:00")}","user":"${user}","direction":"outbound","type":"text"}`,
        );
        log.push(
          `{"time":"${time.replace("10:00", "12:00")}","user":"${user}","direction":"outbound","type":"template","category":"utility"}`,
        );
      });
    });
    const [lines, objects] = bothWays(log.join("\n"), {sort: true});
    expect(new Set(objects.map((o) => JSON.parse(o).pricingModel)).size).toBe(5);
    expect(lines).toEqual(objects);
  });

  it("createChargeEncoder writes users that are not '+' and a whole number as JSON.stringify does", () => {
    const odd = ["+0.5", "+-5", "+1e5", "+12345678901234567890", "+007", "abc\u00e9", "+", "+0"];
    const log = odd.map(
      (_, u) =>
        `{"time":"2026-10-05T10:0${u}:00Z","user":"+55119876543${10 + u}","direction":"outbound","type":"template","category":"utility"}`,
    );
    const [lines, objects] = bothWays(log.join("\n"), {}, (users) => {
      users.forEach((_, u) => (users[u] = odd[u] ?? users[u]!));
    });
    expect(lines).toHaveLength(odd.length);
    expect(lines).toEqual(objects);
    expect(lines.map((line) => JSON.parse(line).user)).toEqual(odd);
  });

  it("createChargeEncoder copies ids longer than 32 bytes, escaped or not, byte for byte", () => {
    const log = [0, 1, 2, 3].map(
      (k) =>
        `{"id":${JSON.stringify("wamid.HBgLNTUxMTk4NzY1NDMyMRUCABEYEjQ2QUZCRDk1" + 'é\\"x'.repeat(k) + k)},` +
        `"time":"2026-10-05T10:0${k}:00Z","user":"+5511987654321","direction":"outbound","type":"template","category":"${k % 2 ? "utility" : "marketing"}"}`,
    );
    const [lines, objects] = bothWays(log.join("\n"), {});
    expect(lines).toHaveLength(4);
    expect(lines).toEqual(objects);
  });

  it("createChargeEncoder writes ids made of a prefix and a number as JSON.stringify does", () => {
    for (const prefix of ["m", "", 'sim"é\\-']) {
      const log = [0, 1, 2].map(
        (k) =>
          `{"time":"2026-10-05T10:0${k}:00Z","user":"+5511987654321","direction":"outbound","type":"template","category":"utility"}`,
      );
      const [lines, objects] = bothWays(log.join("\n"), {}, undefined, prefix);
      expect(lines).toHaveLength(3);
      expect(lines).toEqual(objects);
      expect(JSON.parse(lines[0]!).id.startsWith(prefix)).toBe(true);
    }
  });
});
