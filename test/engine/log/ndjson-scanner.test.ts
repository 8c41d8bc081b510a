import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {FIELD_COUNT, scanCompactLine, scanLine} from "../../../engine/log/ndjson-scanner.ts";

const KEYS = [
  "id",
  "time",
  "waba",
  "phone",
  "user",
  "direction",
  "type",
  "category",
  "status",
  "di",
  "typo",
];
const VALUES = ["m1", "", "2024-03-04T10:00:00Z", "+5511987654321", 'a\\"b', "é", "x y"];

/** A line made of keys, values and separators, some of them not JSON or not of the simple shape. */
const lineArbitrary = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)), {maxLength: 6}),
    fc.constantFrom("", " "),
    fc.constantFrom("}", ",}", "} ", "", "}}"),
  )
  .map(([fields, space, close]) => {
    const body = fields.map(([k, v]) => `"${k}"${space}:"${v}"`).join(",");
    return `{${body}${close}`;
  });

describe("scanLine", () => {
  it("scanLine(line) refuses a comma before the closing brace, which JSON.parse refuses", () => {
    const offsets = new Int32Array(2 * FIELD_COUNT);
    for (const line of ['{"time":"2024-03-04T10:00:00Z",}', '{"id":"m1" , }', "{,}"]) {
      const bytes = new TextEncoder().encode(line);
      expect(() => JSON.parse(line)).toThrow();
      expect(scanLine(bytes, 0, bytes.length, offsets)).toBe(false);
    }
    const empty = new TextEncoder().encode(" { } ");
    expect(scanLine(empty, 0, empty.length, offsets)).toBe(true);
  });
});

describe("scanCompactLine", () => {
  it("scanCompactLine(line) accepts only lines scanLine accepts, with the same offsets", () => {
    fc.assert(
      fc.property(lineArbitrary, fc.nat({max: 3}), (line, pad) => {
        const text = "x".repeat(pad) + line + "\nnext";
        const bytes = new TextEncoder().encode(text);
        const start = pad;
        const end = bytes.indexOf(10);
        const compact = new Int32Array(2 * FIELD_COUNT);
        const general = new Int32Array(2 * FIELD_COUNT);
        if (scanCompactLine(bytes, start, end, compact)) {
          expect(scanLine(bytes, start, end, general)).toBe(true);
          expect([...compact]).toEqual([...general]);
        }
      }),
      {numRuns: 3000},
    );
  });

  it("scanCompactLine(line) reads a compact line of every field", () => {
    const line =
      '{"id":"m1","time":"2024-03-04T10:00:00Z","waba":"w","phone":"+1","user":"+2",' +
      '"direction":"inbound","type":"text","category":"c","entryPoint":"e","device":"d","status":"s"}';
    const bytes = new TextEncoder().encode(line);
    const offsets = new Int32Array(2 * FIELD_COUNT);
    expect(scanCompactLine(bytes, 0, bytes.length, offsets)).toBe(true);
    expect(offsets.every((x) => x > 0)).toBe(true);
    expect(new TextDecoder().decode(bytes.subarray(offsets[2]!, offsets[3]!))).toBe(
      "2024-03-04T10:00:00Z",
    );
  });
});
