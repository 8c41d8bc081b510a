import {describe, expect, it} from "vitest";
import {FIELD_COUNT, scanLine} from "../../../engine/log/ndjson-scanner.ts";

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
