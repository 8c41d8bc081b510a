import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {parseIsoInstant} from "../../../engine/index.ts";

/** A slow reference: the same shapes, checked field by field, through Date.UTC. */
function referenceInstant(text: string): number {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|([+-])(\d{2}):(\d{2}))$/.exec(
      text,
    );
  if (m === null) return NaN;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((k) => Number(m[k]));
  const second = Number(m[6] ?? 0);
  const ms = Math.floor(Number(`0.${m[7] ?? 0}`) * 1000 + 1e-9);
  if (month! < 1 || month! > 12 || hour! > 23 || minute! > 59 || second > 59) return NaN;
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  date.setUTCFullYear(year!);
  if (day! < 1 || date.getUTCDate() !== day) return NaN;
  let offset = 0;
  if (m[8] !== "Z") {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 23 || om > 59) return NaN;
    offset = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  return date.getTime() + ((hour! * 60 + minute! - offset) * 60 + second) * 1000 + ms;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const instantText = fc
  .record({
    year: fc.constantFrom(1999, 2000, 2023, 2024, 2100),
    month: fc.integer({min: 0, max: 13}),
    day: fc.integer({min: 0, max: 32}),
    hour: fc.integer({min: 0, max: 24}),
    minute: fc.integer({min: 0, max: 60}),
    second: fc.option(fc.integer({min: 0, max: 60})),
    fraction: fc.option(fc.stringMatching(/^\d{1,4}$/)),
    zone: fc.constantFrom("Z", "+05:30", "-03:00", "+24:00", "x"),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}` +
      (t.second === null
        ? ""
        : `:${pad(t.second, 2)}${t.fraction === null ? "" : "." + t.fraction}`) +
      t.zone,
  );

describe("parseIsoInstant", () => {
  it("parseIsoInstant(text) agrees with a Date.UTC reference on sequences of valid and invalid instants", () => {
    // sequences: the parser remembers the last date it read
    fc.assert(
      fc.property(fc.array(instantText, {maxLength: 20}), (texts) => {
        for (const text of texts) expect(parseIsoInstant(text)).toBe(referenceInstant(text));
      }),
      {numRuns: 500},
    );
  });

  it("parseIsoInstant reads 2024-02-29 after 2023-02-28 and refuses 2023-02-29 after 2024-02-29", () => {
    expect(parseIsoInstant("2023-02-28T10:00:00Z")).toBe(Date.UTC(2023, 1, 28, 10));
    expect(parseIsoInstant("2024-02-29T10:00:00Z")).toBe(Date.UTC(2024, 1, 29, 10));
    expect(parseIsoInstant("2024-02-29T25:00:00Z")).toBeNaN();
    expect(parseIsoInstant("2024-02-29T23:59:59.5-03:00")).toBe(
      Date.UTC(2024, 2, 1, 2, 59, 59, 500),
    );
    expect(parseIsoInstant("2023-02-29T10:00:00Z")).toBeNaN();
  });

  it("parseIsoInstant refuses a character beyond ASCII whose low byte is a digit", () => {
    expect(parseIsoInstant("\u0132024-03-04T10:00:00Z")).toBeNaN();
    expect(parseIsoInstant("2024-03-04T10:00:00\u015a")).toBeNaN();
  });
});
