import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {
  COMPACT,
  COMPACT_SLOTS,
  readCompactLine,
  valuesOfOffsets,
} from "../../../engine/log/compact-line.ts";
import {parseIsoInstant} from "../../../engine/log/iso-instant.ts";
import {FIELD, FIELD_COUNT, scanLine} from "../../../engine/log/ndjson-scanner.ts";
import {
  DEVICE_NAMES,
  DIRECTION_NAMES,
  ENTRY_POINT_NAMES,
  STATUS_NAMES,
  TEMPLATE_CATEGORY_NAMES,
} from "../../../models/codes.ts";

/** Values of each key, valid or not for the slot. */
const VALUES: Record<string, string[]> = {
  id: ["m1", "", 'a\\"b', "é", "x y"],
  time: [
    "2024-03-04T10:00:00Z",
    "2024-03-04T10:00:00.250-03:00",
    "2024-02-30T00:00:00Z",
    "x",
    // the usual length (24 bytes), whose date part the reader compares with the last one read
    "2024-03-04T23:59:59.999Z",
    "2024-03-05T00:00:00.000Z",
    "2024-03-04T24:00:00.000Z",
    "2024-03-04T10:60:00.000Z",
    "2024-03-04T10:00:60.000Z",
    "2024-03-04T1/:00:00.000Z",
    "2024-03-04T10:00:00.2:0Z",
    "2024-03-04T10:00:00.250+",
    "2024-02-30T10:00:00.000Z",
  ],
  waba: ["w1", "loja-br", ""],
  phone: ["+551130004000", "+5511", "+0123456", "551130004000", "+5511x"],
  user: [
    "+5511987654321",
    "+18095551234",
    "+1234567890123456",
    "+5511987654321 ",
    // digits are read four at a time: a bad byte in each position of a group, and the lengths
    "+12345",
    "+123456789012345",
    "+1234",
    "+5511/87654321",
    "+55119:7654321",
    "+551198765432a",
    "+5511987654321\u0000",
  ],
  direction: ["inbound", "outbound", "sideways", "inbounds", "inboun", "outbound "],
  type: ["template", "text", "t\\u00e9xt"],
  category: ["marketing", "utility", "promo", "authentication", "authenticatioN", "utilit"],
  entryPoint: ["organic", "ctwa_ad", "tv"],
  device: ["mobile", "web", "", "we", "webb", "mobilе"],
  status: ["delivered", "failed", "Failed"],
  typo: ["x"],
};
const KEYS = Object.keys(VALUES);

/** A line of keys and values, mostly compact, sometimes not JSON or not of the simple shape. */
const lineArbitrary = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...KEYS), {maxLength: 8}),
    fc.boolean(),
    fc.array(fc.nat(), {minLength: 13, maxLength: 13}),
    fc.constantFrom("", "", "", " "),
    fc.constantFrom("}", "}", "}", ",}", "} ", "", "}}"),
  )
  .map(([keys, repeat, picks, space, close]) => {
    const required = ["time", "user", "direction", "type"].filter((k) => !keys.includes(k));
    const all = [...required, ...keys, ...(repeat ? keys.slice(0, 1) : [])];
    // the first, valid value half the time
    const value = (k: string, pick: number) =>
      VALUES[k]![pick % 2 ? 0 : (pick >> 1) % VALUES[k]!.length];
    const body = all.map((k, i) => `"${k}"${space}:"${value(k, picks[i]!)}"`).join(",");
    return `{${body}${close}`;
  });

const decode = (bytes: Uint8Array, s: number, e: number) =>
  new TextDecoder().decode(bytes.subarray(s, e));

describe("readCompactLine", () => {
  it("readCompactLine(line) accepts only lines scanLine accepts, with the values valuesOfOffsets reads", () => {
    let accepted = 0;
    fc.assert(
      fc.property(lineArbitrary, fc.nat({max: 3}), (line, pad) => {
        const bytes = new TextEncoder().encode("x".repeat(pad) + line + "\nnext");
        const end = bytes.indexOf(10);
        const values = new Float64Array(COMPACT_SLOTS);
        const offsets = new Int32Array(2 * FIELD_COUNT);
        if (!readCompactLine(bytes, pad, end, values)) return;
        accepted++;
        expect(scanLine(bytes, pad, end, offsets)).toBe(true);
        const general = new Float64Array(COMPACT_SLOTS);
        expect(valuesOfOffsets(bytes, offsets, general)).toBe(true);
        expect([...general]).toEqual([...values]);
        const text = (field: number) =>
          offsets[2 * field]! < 0
            ? undefined
            : decode(bytes, offsets[2 * field]!, offsets[2 * field + 1]!);
        const range = (s: number, e: number) =>
          values[s]! < 0 ? undefined : decode(bytes, values[s]!, values[e]!);
        const code = (field: number, names: readonly string[]) => {
          const value = text(field);
          return value === undefined ? -1 : names.indexOf(value);
        };
        const number = (field: number) => {
          const value = text(field);
          return value === undefined ? -1 : Number(value.slice(1));
        };
        expect(range(COMPACT.id, COMPACT.idEnd)).toBe(text(FIELD.id));
        expect(range(COMPACT.waba, COMPACT.wabaEnd)).toBe(text(FIELD.waba));
        expect(range(COMPACT.type, COMPACT.typeEnd)).toBe(text(FIELD.type));
        expect(values[COMPACT.time]).toBe(parseIsoInstant(text(FIELD.time)!));
        expect(values[COMPACT.user]).toBe(number(FIELD.user));
        expect(values[COMPACT.phone]).toBe(number(FIELD.phone));
        expect(values[COMPACT.direction]).toBe(code(FIELD.direction, DIRECTION_NAMES));
        expect(values[COMPACT.category]).toBe(code(FIELD.category, TEMPLATE_CATEGORY_NAMES));
        expect(values[COMPACT.entryPoint]).toBe(code(FIELD.entryPoint, ENTRY_POINT_NAMES));
        expect(values[COMPACT.device]).toBe(code(FIELD.device, DEVICE_NAMES));
        expect(values[COMPACT.status]).toBe(code(FIELD.status, STATUS_NAMES));
        for (const slot of [COMPACT.user, COMPACT.phone, COMPACT.direction, COMPACT.category])
          expect(Number.isInteger(values[slot])).toBe(true);
      }),
      {seed: 20261125, numRuns: 12000},
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it("readCompactLine(line) refuses a line without time, user, direction or type", () => {
    const line = '{"id":"m1","time":"2024-03-04T10:00:00Z","user":"+5511987654321","type":"text"}';
    const bytes = new TextEncoder().encode(line);
    expect(readCompactLine(bytes, 0, bytes.length, new Float64Array(COMPACT_SLOTS))).toBe(false);
    const full = new TextEncoder().encode(line.replace("}", ',"direction":"inbound"}'));
    const values = new Float64Array(COMPACT_SLOTS);
    expect(readCompactLine(full, 0, full.length, values)).toBe(true);
    expect(values[COMPACT.user]).toBe(5511987654321);
    expect(values[COMPACT.time]).toBe(Date.UTC(2024, 2, 4, 10));
  });

  it("readCompactLine(line) validates the time of a line whose date the previous line had", () => {
    const read = (time: string) => {
      const bytes = new TextEncoder().encode(
        `{"time":"${time}","user":"+5511987654321","direction":"inbound","type":"text"}`,
      );
      const values = new Float64Array(COMPACT_SLOTS);
      return readCompactLine(bytes, 0, bytes.length, values) ? values[COMPACT.time] : undefined;
    };
    const bad = [
      "24:00:00.000",
      "23:60:00.000",
      "23:00:60.000",
      "2:00:00.000",
      "0/:00:00.000",
      "00:0::00.000",
      "00:00:00.00/",
      "00:00:00.0:0",
      "00-00:00.000",
      "00:00-00.000",
      "00:00:00,000",
    ];
    for (const date of ["2024-03-04", "2024-02-29", "1969-12-31"]) {
      for (const time of bad) {
        expect(read(`${date}T12:34:56.789Z`)).toBe(Date.parse(`${date}T12:34:56.789Z`));
        expect(read(`${date}T${time}Z`)).toBe(undefined);
      }
      expect(read(`${date}T23:59:59.999Z`)).toBe(Date.parse(`${date}T23:59:59.999Z`));
      expect(read(`${date}T00:00:00.000Z`)).toBe(Date.parse(`${date}T00:00:00.000Z`));
      expect(read(`${date}T00:00:00.000+`)).toBe(undefined);
    }
    // an invalid date after a valid one is parsed (and refused), not taken for the last date
    expect(read("2023-02-28T10:00:00.000Z")).toBe(Date.UTC(2023, 1, 28, 10));
    expect(read("2023-02-29T10:00:00.000Z")).toBe(undefined);
    expect(read("2023-02-29T10:00:00.000Z")).toBe(undefined);
  });

  it("readCompactLine(line) codes a coded field's names exactly, refusing any other byte", () => {
    const coded: [string, number, readonly string[]][] = [
      ["direction", COMPACT.direction, DIRECTION_NAMES],
      ["category", COMPACT.category, TEMPLATE_CATEGORY_NAMES],
      ["entryPoint", COMPACT.entryPoint, ENTRY_POINT_NAMES],
      ["device", COMPACT.device, DEVICE_NAMES],
      ["status", COMPACT.status, STATUS_NAMES],
    ];
    const read = (key: string, value: string, slot: number) => {
      const fields = {time: "2024-03-04T10:00:00Z", user: "+5511987654321", type: "text"};
      const line = JSON.stringify({direction: "inbound", ...fields, [key]: value});
      const bytes = new TextEncoder().encode(line);
      const values = new Float64Array(COMPACT_SLOTS);
      return readCompactLine(bytes, 0, bytes.length, values) ? values[slot] : undefined;
    };
    for (const [key, slot, names] of coded) {
      names.forEach((name, code) => {
        expect(read(key, name, slot)).toBe(code);
        expect(read(key, name + "s", slot)).toBe(undefined);
        expect(read(key, name.slice(0, -1), slot)).toBe(undefined);
        for (let i = 0; i < name.length; i++) {
          const other = name.slice(0, i) + (name[i] === "X" ? "Y" : "X") + name.slice(i + 1);
          expect(read(key, other, slot)).toBe(undefined);
        }
      });
    }
  });

  it("readCompactLine(line) refuses a key pattern with any byte changed", () => {
    const line = (key: string) =>
      `{"id":"m1","time":"2024-03-04T10:00:00Z","user":"+5511987654321","direction":"inbound","type":"text",${key}}`;
    const accepts = (text: string) => {
      const bytes = new TextEncoder().encode(text);
      return readCompactLine(bytes, 0, bytes.length, new Float64Array(COMPACT_SLOTS));
    };
    const optional = {waba: "w1", phone: "+551130004000", category: "utility", device: "web"};
    for (const [key, value] of Object.entries(optional)) {
      const pattern = `"${key}":"`;
      expect(accepts(line(`${pattern}${value}"`))).toBe(true);
      for (let i = 0; i < pattern.length; i++) {
        const other = pattern.slice(0, i) + "X" + pattern.slice(i + 1);
        expect(accepts(line(`${other}${value}"`))).toBe(false);
      }
    }
    const required = line('"waba":"w1"');
    for (const key of ["id", "time", "user", "direction", "type"]) {
      const at = required.indexOf(`"${key}":"`);
      for (let i = at; i < at + key.length + 4; i++)
        expect(accepts(required.slice(0, i) + "X" + required.slice(i + 1))).toBe(false);
    }
  });
});
