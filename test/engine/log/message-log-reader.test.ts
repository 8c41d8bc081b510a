import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {compileBillingData, createMessageLogReader, messageIdAt} from "../../../engine/index.ts";
import type {MessageBatch} from "../../../engine/index.ts";
import {compileAccounts, parseAccounts} from "../../../models/accounts/index.ts";
import {InputError} from "../../../models/input-error.ts";
import {readShippedData} from "../../../io/index.ts";

const {markets} = compileBillingData(readShippedData());
const ACCOUNTS = `businesses:
  - id: loja
    wabas:
      - {id: loja-br, timezone: America/Sao_Paulo, phones: ["+551130004000", "+551130004001"]}
      - {id: "loja-\\u00e9", timezone: UTC}
      # two ids with one FNV-1a hash: the fast path must tell them apart
      - {id: costarring, timezone: UTC}
      - {id: liquid, timezone: UTC}
`;

/** Reads lines through `push` (JSON.parse) or `pushBytes` (fast path) into plain rows. */
function readRows(lines: string[], bytes: boolean): unknown[] {
  const accounts = compileAccounts(parseAccounts(ACCOUNTS, "accounts.yaml"));
  const rows: unknown[] = [];
  const onBatch = (b: MessageBatch) => {
    for (let i = 0; i < b.length; i++) {
      rows.push([
        messageIdAt(b, i),
        b.tMs[i],
        b.waba[i],
        accounts.phones[b.phone[i]!]!.number,
        b.users[b.user[i]!],
        b.pair[i],
        b.country[i],
        b.direction[i],
        b.types[b.type[i]!],
        b.category[i],
        b.entryPoint[i],
        b.device[i],
        b.status[i],
      ]);
    }
  };
  const reader = createMessageLogReader(accounts, markets, onBatch, {batchSize: 7});
  const encoder = new TextEncoder();
  for (const line of lines) {
    if (bytes) {
      const encoded = encoder.encode(line);
      reader.pushBytes(encoded, 0, encoded.length);
    } else reader.push(line);
  }
  reader.end();
  return rows;
}

function errorOf(lines: string[], bytes: boolean): string | undefined {
  try {
    readRows(lines, bytes);
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
}

const lineArbitrary = fc.record(
  {
    id: fc.oneof(fc.constantFrom("m1", 'm"2', "é3", "m\\4"), fc.string({maxLength: 4})),
    time: fc.constantFrom(
      "2024-03-04T10:00:00-03:00",
      "2024-03-04T13:00:00Z",
      "2024-03-04T13:00:00.250Z",
      "2024-03-04T13:00:01.000Z",
      "2024-03-04T24:00:00.000Z",
      "2024-03-04T13:0a:00.000Z",
      "2024-02-30T00:00:00Z",
      "2024-03-04 13:00:00Z",
      "x",
    ),
    waba: fc.constantFrom("loja-br", "loja-é", "costarring", "liquid", "nope", "loja-br2"),
    phone: fc.constantFrom("+551130004000", "+551130004001", "+5511", "+12125550100"),
    user: fc.constantFrom(
      "+5511987654321",
      "+18095551234",
      "+77011234567",
      "+0123456",
      "5511987654321",
    ),
    direction: fc.constantFrom("inbound", "outbound", "sideways"),
    type: fc.constantFrom("template", "text", "image", "t\u00e9xt"),
    category: fc.constantFrom("marketing", "utility", "authentication", "promo"),
    entryPoint: fc.constantFrom("organic", "ctwa_ad", "fb_page_cta", "tv"),
    device: fc.constantFrom("mobile", "web"),
    status: fc.constantFrom("delivered", "failed"),
  },
  {requiredKeys: []},
);
const formatArbitrary = fc.constantFrom("plain", "spaced", "escaped", "number-id", "unknown-field");

function render(record: Record<string, unknown>, format: string): string {
  if (format === "spaced") return JSON.stringify(record, null, 1).replace(/\n/g, " ");
  if (format === "escaped") return JSON.stringify(record).replace(/"time"/, '"ti\\u006de"');
  if (format === "number-id") return JSON.stringify({...record, id: 7});
  if (format === "unknown-field") return JSON.stringify({...record, text: "hi"});
  return JSON.stringify(record);
}

describe("createMessageLogReader", () => {
  it("pushBytes(line) reads every line exactly as push(line) does, errors included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(lineArbitrary, formatArbitrary), {maxLength: 12}),
        (entries) => {
          const lines = entries.map(([record, format]) => render(record, format));
          const slowError = errorOf(lines, false);
          expect(errorOf(lines, true)).toBe(slowError);
          if (slowError === undefined)
            expect(readRows(lines, true)).toEqual(readRows(lines, false));
        },
      ),
      {seed: 20261124, numRuns: 400},
    );
  });

  it("pushBytes(line) takes the fast path for a plain line and gives the same row as push", () => {
    const line =
      '{"id":"m1","time":"2024-03-04T10:00:00-03:00","waba":"loja-br","phone":"+551130004000","user":"+5511987654321","direction":"inbound","type":"text","entryPoint":"ctwa_ad","device":"mobile"}';
    expect(readRows([line], true)).toEqual(readRows([line], false));
    expect(readRows([line], true)).toEqual([
      [
        "m1",
        Date.UTC(2024, 2, 4, 13),
        0,
        "+551130004000",
        "+5511987654321",
        0,
        expect.any(Number),
        0,
        "text",
        255,
        1,
        0,
        0,
      ],
    ]);
  });

  it("pushBytes(line) refuses a time whose date the previous line had but whose time is invalid", () => {
    const line = (time: string) =>
      `{"time":"${time}","waba":"liquid","user":"+5511987654321","direction":"inbound","type":"text"}`;
    const first = line("2024-03-04T10:00:00.000Z");
    for (const time of ["24:00:00.000", "10:60:00.000", "10:00:60.000", "1a:00:00.000"])
      expect(errorOf([first, line(`2024-03-04T${time}Z`)], true)).toMatch(
        /^invalid time at messages:2#time/,
      );
    expect(readRows([first, line("2024-03-04T23:59:59.999Z")], true)).toEqual(
      readRows([first, line("2024-03-04T23:59:59.999Z")], false),
    );
  });

  it("pushBytes(line) reads a line without phone of a WABA that lists none as push does", () => {
    const line = (id: string, waba: string) =>
      `{"id":"${id}","time":"2024-03-04T10:00:00.000Z","waba":"${waba}","user":"+5511987654321","direction":"inbound","type":"text"}`;
    const lines = [line("a", "liquid"), line("b", "costarring"), line("c", "liquid")];
    expect(readRows(lines, true)).toEqual(readRows(lines, false));
  });
});
