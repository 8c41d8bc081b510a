import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {createNumberIndex} from "../../../engine/log/number-index.ts";

describe("createNumberIndex", () => {
  it("answers like a Map for whole numbers below 2^53, through growth", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(
              fc.integer({min: 0, max: 50}),
              fc.integer({min: 10_000_000_000, max: 999_999_999_999_999}),
              fc.constant(Number.MAX_SAFE_INTEGER),
            ),
            fc.nat({max: 2 ** 31 - 1}),
          ),
          {maxLength: 300},
        ),
        (entries) => {
          const index = createNumberIndex(4);
          const map = new Map<number, number>();
          for (const [key, value] of entries) {
            index.set(key, value);
            map.set(key, value);
            expect(index.get(key)).toBe(value);
          }
          for (const [key] of entries) expect(index.get(key)).toBe(map.get(key));
          // getOrSet answers a known key and stores an unknown one, as a Map would
          for (const [key, value] of entries) {
            const other = (key + 1) % Number.MAX_SAFE_INTEGER;
            expect(index.getOrSet(other, value)).toBe(map.get(other) ?? -1);
            if (!map.has(other)) map.set(other, value);
            expect(index.get(other)).toBe(map.get(other));
          }
          expect(index.get(123_456_789_012)).toBe(map.get(123_456_789_012) ?? -1);
        },
      ),
    );
  });
});
